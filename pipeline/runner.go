package pipeline

import (
	"context"
	"sync"
	"time"
)

// fileRunners are the goroutines processTimed reads files in. A file read
// in a fresh goroutine grew that goroutine's stack again through the
// parsers and detectors, which cost several percent of a scan of small
// files; a runner keeps its grown stack from one file to the next.
type fileRunners struct {
	mu   sync.Mutex
	idle []*fileRunner
}

// Bounds on the runners: how many wait for work at most, and how long an
// idle one waits before it ends, so that none outlives a scan for long.
const (
	maxIdleRunners = 64
	runnerIdleTime = time.Second
)

type fileRunner struct {
	jobs chan fileJob
}

type fileJob struct {
	ctx  context.Context
	e    entry
	done chan<- *Record // buffered: a runner whose file was given up never blocks on it
}

// start hands j to an idle runner, or to a new one. It does not wait for
// the record: j.done receives it.
func (rs *fileRunners) start(p *processor, j fileJob) {
	rs.mu.Lock()
	var r *fileRunner
	if n := len(rs.idle); n > 0 {
		r = rs.idle[n-1]
		rs.idle = rs.idle[:n-1]
	}
	rs.mu.Unlock()
	if r == nil {
		r = &fileRunner{jobs: make(chan fileJob)}
		go r.loop(p, rs)
	}
	r.jobs <- j
}

// loop processes the jobs handed to r. After each it waits among the idle
// runners; a runner whose file was given up at its deadline comes back
// only once that read returns.
func (r *fileRunner) loop(p *processor, rs *fileRunners) {
	timer := time.NewTimer(runnerIdleTime)
	defer timer.Stop()
	for {
		select {
		case j := <-r.jobs:
			j.done <- p.process(j.ctx, j.e)
			if !rs.park(r) {
				return
			}
			timer.Reset(runnerIdleTime)
		case <-timer.C:
			if rs.retire(r) {
				return
			}
			// A worker has just taken r: its job is on the way.
		}
	}
}

// park puts r among the idle runners; false when there are enough.
func (rs *fileRunners) park(r *fileRunner) bool {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	if len(rs.idle) >= maxIdleRunners {
		return false
	}
	rs.idle = append(rs.idle, r)
	return true
}

// retire takes r out of the idle runners; false when a worker took it
// first.
func (rs *fileRunners) retire(r *fileRunner) bool {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	for i, x := range rs.idle {
		if x == r {
			rs.idle = append(rs.idle[:i], rs.idle[i+1:]...)
			return true
		}
	}
	return false
}
