// Package lategc holds back the Go runtime's first garbage collection
// until the heap has grown to a size every consign command may use, then
// hands collection back to the runtime's usual pacing. The commands import
// it for its side effect.
//
// By default the runtime first collects at 4 MiB of heap and then each
// time the heap doubles: a verify of a small bag or a scan of a few
// hundred files collected a dozen times, and each cycle wrote the
// runtime's records of freed spans into fresh pages, a page fault each
// (20–40 µs in virtual machines whose guest page tables the host shadows).
// A command that ends before its heap reaches the threshold never
// collects; one that goes past it collects once there and is paced as
// usual from then on, so peak memory of large runs is unchanged.
//
// GOGC or GOMEMLIMIT in the environment leaves the runtime's pacing as
// the user set it.
package lategc

import (
	"math"
	"runtime"
	"runtime/debug"
	"syscall"

	// hugeheap's start-up collection must come first: the first
	// collection after this package's init is the one that restores
	// the pacing.
	_ "github.com/consignhq/consign/cmd/internal/hugeheap"
)

// threshold is the memory the runtime may take before its first
// collection: heap, stacks and its own records together. It matches the
// block hugeheap advises for huge pages where it advises, which the heap
// fills first. Where the heap has 4 KiB pages a threshold of 32 or
// 16 MiB made the corpus's scan slower, not faster (99 and 96 ms of wall
// time against 89 ms): the collections cost more than the page faults
// they save.
const threshold = 64 << 20

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
// to, which runs once a collection has found it unreachable, restores
// the defaults.
func hold() {
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(threshold)
	held = true
	runtime.AddCleanup(new(sentinel), func(struct{}) { release() }, struct{}{})
}

// release gives pacing back to GOGC's default with no memory limit.
func release() {
	debug.SetGCPercent(normalPercent)
	debug.SetMemoryLimit(math.MaxInt64)
}

// sentinel is large enough, and holds a pointer, so that the runtime
// allocates it on its own rather than batching it with other small
// objects, which would keep it alive as long as they are.
type sentinel struct {
	_ *byte
	_ [48]byte
}
