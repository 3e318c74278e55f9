package main

import (
	"sync"
	"testing"
)

func TestStretchesDealEveryIndexOnce(t *testing.T) {
	for _, tt := range []struct{ n, workers, chunk int }{
		{0, 2, 16}, {1, 2, 16}, {5, 3, 2}, {100, 2, 16}, {1000, 4, 7}, {17, 8, 1}, {10, 0, 0},
	} {
		deal := newStretches(tt.n, tt.workers, tt.chunk)
		seen := make([]int, tt.n)
		var mu sync.Mutex
		var wg sync.WaitGroup
		for w := range max(tt.workers, 1) {
			wg.Go(func() {
				for {
					lo, hi, ok := deal.take(w)
					if !ok {
						return
					}
					if lo >= hi {
						t.Errorf("%+v: worker %d got the empty range [%d, %d)", tt, w, lo, hi)
						return
					}
					mu.Lock()
					for i := lo; i < hi; i++ {
						seen[i]++
					}
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		for i, k := range seen {
			if k != 1 {
				t.Errorf("%+v: index %d dealt %d times", tt, i, k)
			}
		}
	}
}

func TestStretchesStartApartThenSteal(t *testing.T) {
	deal := newStretches(100, 2, 10)
	for w, want := range []int{0, 50} {
		if lo, hi, ok := deal.take(w); !ok || lo != want || hi != want+10 {
			t.Errorf("worker %d's first chunk: [%d, %d) %v, want [%d, %d)", w, lo, hi, ok, want, want+10)
		}
	}
	for range 4 {
		deal.take(1) // worker 1 finishes its stretch: [60, 100)
	}
	// Worker 1 then takes the far end of worker 0's, which has 40 left.
	if lo, hi, ok := deal.take(1); !ok || lo != 40 || hi != 50 {
		t.Errorf("after its stretch, worker 1 took [%d, %d) %v, want [40, 50)", lo, hi, ok)
	}
	if lo, hi, _ := deal.take(0); lo != 10 || hi != 20 {
		t.Errorf("worker 0 went on with [%d, %d), want [10, 20)", lo, hi)
	}
}
