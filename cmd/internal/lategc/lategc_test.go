package lategc

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
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

// TestFirstCollectionWaitsThenPacingReturns: garbage well under the
// threshold starts no collection; once one runs, GOGC's default and no
// memory limit are back.
func TestFirstCollectionWaitsThenPacingReturns(t *testing.T) {
	if userSet(syscall.Getenv) {
		t.Skip("GOGC or GOMEMLIMIT is set: start-up leaves the pacing alone")
	}
	if !held {
		t.Fatal("start-up did not hold back the first collection")
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
	runtime.KeepAlive(keep)
	if n := gcCycles() - before; n != 0 {
		t.Errorf("16 MiB of allocation under the %d MiB threshold ran %d collections", threshold>>20, n)
	}

	runtime.GC()
	deadline := time.Now().Add(5 * time.Second)
	for gcPercent() != normalPercent && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if p := gcPercent(); p != normalPercent {
		t.Fatalf("after the first collection GOGC is %d, want %d", p, normalPercent)
	}
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		t.Errorf("after the first collection the memory limit is %d, want none", l)
	}
}

// gcPercent reads GOGC's current value: SetGCPercent returns the old one.
func gcPercent() int {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p
}

func gcCycles() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
