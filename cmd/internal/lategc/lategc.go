// Package lategc holds back the Go runtime's first garbage collection
// until the heap has grown to a size every consign command may use, and
// from then on keeps a floor under the heap the runtime lets grow between
// collections. The commands import it for its side effect.
//
// By default the runtime first collects at 4 MiB of heap and then each
// time the heap doubles: a verify of a small bag or a scan of a few
// hundred files collected a dozen times, and each cycle wrote the
// runtime's records of freed spans into fresh pages, a page fault each
// (20–40 µs in virtual machines whose guest page tables the host shadows).
// A command that ends before its heap reaches the threshold never
// collects. One that goes past it collects there, and after each
// collection the next is set for when the heap reaches a floor of 40 MiB
// or twice what the collection kept, whichever is more: a scan of 20,000
// files, which keeps some 7 MiB, collected 55 times at the runtime's
// default and 12 times with the floor. The heap's peak is the one the
// first collection's hold already allowed, and past half the floor of
// live memory the pacing is the runtime's default (GOGC=100), so large
// runs peak where they did.
//
// GOGC or GOMEMLIMIT in the environment leaves the runtime's pacing as
// the user set it.
package lategc

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"syscall"

	// hugeheap's start-up collection must come first: the first
	// collection after this package's init is the one that restores
	// the pacing.
	_ "github.com/consignhq/consign/cmd/internal/hugeheap"
)

// threshold is the memory the runtime may take before its first
// collection: heap, stacks and its own records together. It matches the
// block hugeheap advises for huge pages where it advises, which the heap
// fills first. Where the heap has 4 KiB pages, and with the runtime's
// default pacing after the first collection, a threshold of 32 or 16 MiB
// made the corpus's scan slower, not faster (99 and 96 ms of wall time
// against 89 ms): the collections cost more than the page faults they
// save.
const threshold = 64 << 20

// floor is the heap the runtime may reach between collections after the
// first, where the heap they keep is small: under threshold, which counts
// all the runtime's memory, so that a run's peak stays where the hold
// put it (85 MB resident for a scan of 20,000 generated files with either;
// a floor of 48 MiB made it 92 MB, of 64 MiB 111 MB).
const floor = 40 << 20

// normalPercent is the runtime's default GOGC.
const normalPercent = 100

// held says whether start-up held back the first collection.
var held bool

func init() {
	if userSet(syscall.Getenv) {
		return
	}
	hold()
}

// userSet says whether the environment sets the runtime's pacing.
func userSet(getenv func(string) (string, bool)) bool {
	_, gogc := getenv("GOGC")
	_, limit := getenv("GOMEMLIMIT")
	return gogc || limit
}

// hold turns proportional pacing off and lets the memory limit start the
// first collection at threshold; a cleanup on an object nothing points
// to, which runs once a collection has found it unreachable, hands
// pacing to pace.
func hold() {
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(threshold)
	held = true
	afterCollection()
}

// afterCollection has pace run once the next collection has ended.
func afterCollection() {
	runtime.AddCleanup(new(sentinel), func(struct{}) { pace() }, struct{}{})
}

// pace sets GOGC for the heap the collection just ended kept, with no
// memory limit, and has itself run again after the next collection.
func pace() {
	debug.SetGCPercent(percentFor(liveHeap()))
	debug.SetMemoryLimit(math.MaxInt64)
	afterCollection()
}

// maxPercent bounds GOGC for a live heap of almost nothing.
const maxPercent = 10000

// percentFor is the GOGC whose goal for a live heap of live bytes is
// floor, or twice live where that is more (the runtime's default).
// The runtime's goal is live + live × GOGC / 100, and its stacks and
// globals (well under a MiB for consign) add to live in that product.
func percentFor(live uint64) int {
	if live >= floor/2 {
		return normalPercent
	}
	if live == 0 {
		return maxPercent
	}
	return int(min((floor-live)*100/live, maxPercent))
}

// liveHeap is the heap the last collection kept; 0 if unknown.
func liveHeap() uint64 { return readMetric("/gc/heap/live:bytes") }

// readMetric reads one of the runtime's counts; 0 if it has no such count.
func readMetric(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// sentinel is large enough, and holds a pointer, so that the runtime
// allocates it on its own rather than batching it with other small
// objects, which would keep it alive as long as they are.
type sentinel struct {
	_ *byte
	_ [48]byte
}
