package lategc

import (
	"math"
	"runtime"
	"runtime/debug"
	"syscall"
	"testing"
	"time"
)

func TestUserSet(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{}, false},
		{map[string]string{"GOGC": "200"}, true},
		{map[string]string{"GOGC": ""}, true},
		{map[string]string{"GOMEMLIMIT": "1GiB"}, true},
		{map[string]string{"GODEBUG": "gctrace=1"}, false},
	} {
		getenv := func(k string) (string, bool) { v, ok := c.env[k]; return v, ok }
		if got := userSet(getenv); got != c.want {
			t.Errorf("userSet(%v) = %v, want %v", c.env, got, c.want)
		}
	}
}

// TestFirstCollectionWaitsThenFloor: garbage well under the threshold
// starts no collection; once one runs, the memory limit is gone and GOGC
// sets the next collection at the floor, or at twice the live heap once
// that is larger, collection after collection.
func TestFirstCollectionWaitsThenFloor(t *testing.T) {
	if userSet(syscall.Getenv) {
		t.Skip("GOGC or GOMEMLIMIT is set: start-up leaves the pacing alone")
	}
	if !held {
		t.Fatal("start-up did not hold back the first collection")
	}
	if floorRuns++; floorRuns > 1 {
		t.Skip("the first run of this test in the process released the hold (-count > 1)")
	}
	if p := gcPercent(); p != -1 {
		t.Fatalf("before any collection GOGC is %d, want off (-1)", p)
	}
	if l := debug.SetMemoryLimit(-1); l != threshold {
		t.Fatalf("before any collection the memory limit is %d, want %d", l, threshold)
	}

	before := gcCycles()
	var keep [][]byte
	for range 16 << 10 { // 16 MiB in 1 KiB objects, a quarter of them kept
		b := make([]byte, 1<<10)
		if len(keep) < 4<<10 {
			keep = append(keep, b)
		}
	}
	if n := gcCycles() - before; n != 0 {
		t.Errorf("16 MiB of allocation under the %d MiB threshold ran %d collections", threshold>>20, n)
	}

	// A small live heap: the next collection comes at the floor.
	runtime.GC()
	p := waitPaced(t, -1)
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		t.Errorf("after the first collection the memory limit is %d, want none", l)
	}
	live := liveHeap()
	if live >= floor/2 {
		t.Fatalf("the test's live heap is %d MiB, not under half the floor", live>>20)
	}
	if p != percentFor(live) || p <= normalPercent {
		t.Errorf("after a collection keeping %d KiB GOGC is %d, want %d", live>>10, p, percentFor(live))
	}
	if goal := heapGoal(); goal < floor || goal > floor+4<<20 {
		t.Errorf("after a collection keeping %d KiB the next comes at %d KiB, want the floor, %d KiB", live>>10, goal>>10, floor>>10)
	}
	runtime.KeepAlive(keep)

	// A live heap past half the floor: the runtime's default, set by
	// the collection after, so pacing follows each collection.
	big := make([][]byte, 0, 32)
	for range cap(big) {
		big = append(big, make([]byte, 1<<20))
	}
	runtime.GC()
	if p := waitPaced(t, p); p != normalPercent {
		t.Errorf("after a collection keeping %d MiB GOGC is %d, want %d", liveHeap()>>20, p, normalPercent)
	}
	runtime.KeepAlive(big)
}

// floorRuns counts the runs of TestFirstCollectionWaitsThenFloor.
var floorRuns int

// waitPaced waits for GOGC to change from was, as pace does once the
// collection has ended and the cleanup has run, and returns it.
func waitPaced(t *testing.T, was int) int {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for gcPercent() == was && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	p := gcPercent()
	if p == was {
		t.Fatalf("GOGC still %d 5 s after a collection: pacing did not follow it", was)
	}
	return p
}

func TestPercentFor(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int
	}{
		{0, maxPercent},
		{1, maxPercent},
		{4 << 20, 900},
		{8 << 20, 400},
		{19 << 20, 110},
		{floor / 2, normalPercent},
		{256 << 20, normalPercent},
	} {
		if got := percentFor(c.live); got != c.want {
			t.Errorf("percentFor(%d KiB) = %d, want %d", c.live>>10, got, c.want)
		}
	}
}

// heapGoal is the heap size at which the runtime plans the next collection.
func heapGoal() uint64 { return readMetric("/gc/heap/goal:bytes") }

// gcPercent reads GOGC's current value: SetGCPercent returns the old one.
func gcPercent() int {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p
}

func gcCycles() uint64 { return readMetric("/gc/cycles/total:gc-cycles") }
