package main

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
)

// stretches deals the indexes [0, n) out to workers so that each works
// along a stretch of its own: worker w starts at w*n/workers and goes on
// in order, and one that has finished its stretch takes the far end of
// the stretch with the most left. The records a pack writes are in path
// order, so workers on stretches of their own are mostly in different
// folders, where a worker handed the next record at its turn would be in
// the same folder as the other workers: a link into a folder takes the
// folder's lock, and they waited on each other for it.
type stretches struct {
	mu    sync.Mutex
	parts []stretch
	chunk int
}

// stretch is what is left of one worker's stretch: [next, end).
type stretch struct{ next, end int }

// newStretches splits [0, n) among workers, handed out chunk at a time.
func newStretches(n, workers, chunk int) *stretches {
	workers, chunk = max(workers, 1), max(chunk, 1)
	s := &stretches{parts: make([]stretch, workers), chunk: chunk}
	for w := range s.parts {
		s.parts[w] = stretch{next: w * n / workers, end: (w + 1) * n / workers}
	}
	return s
}

// take returns worker w's next indexes [lo, hi): from its own stretch
// while any is left, then from the end of the longest other; ok is false
// when nothing is left anywhere.
func (s *stretches) take(w int) (lo, hi int, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := &s.parts[w]; p.next < p.end {
		lo = p.next
		p.next = min(p.end, lo+s.chunk)
		return lo, p.next, true
	}
	longest := -1
	for i, p := range s.parts {
		if left := p.end - p.next; left > 0 && (longest < 0 || left > s.parts[longest].end-s.parts[longest].next) {
			longest = i
		}
	}
	if longest < 0 {
		return 0, 0, false
	}
	p := &s.parts[longest]
	hi = p.end
	p.end = max(p.next, hi-s.chunk)
	return p.end, hi, true
}

// alongStretches runs do over [0, n) on workers goroutines, each along
// its stretches, chunk indexes at a time; it stops at the first error or
// when ctx is done, and returns that error.
func alongStretches(ctx context.Context, n, workers, chunk int, do func(ctx context.Context, lo, hi int) error) error {
	workers = max(workers, 1)
	deal := newStretches(n, workers, chunk)
	eg, ectx := errgroup.WithContext(ctx)
	for w := range workers {
		eg.Go(func() error {
			for {
				lo, hi, ok := deal.take(w)
				if !ok || ectx.Err() != nil {
					return nil
				}
				if err := do(ectx, lo, hi); err != nil {
					return err
				}
			}
		})
	}
	if err := eg.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}
