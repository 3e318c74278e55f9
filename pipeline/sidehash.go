package pipeline

import (
	"hash"
	"sync"
)

// sideHashMin is the file size from which pack's SHA-512 runs beside the
// read: below it a goroutine and its buffers cost more than they save.
const sideHashMin = 4 << 20

// sideChunk is the size of the buffers the read's bytes are handed over
// in: several reads each, so that the goroutines wake each other seldom.
const sideChunk = 1 << 20

// sideChunks bounds the bytes in flight: the read runs at most this many
// chunks ahead of the hash.
const sideChunks = 3

var sideBuffers = sync.Pool{New: func() any { b := make([]byte, 0, sideChunk); return &b }}

// sideHash computes a digest on its own goroutine from the bytes written
// to it. SHA-512 runs at about a third of SHA-256's speed here, so done
// in turn with the read and the SHA-256 it made packing a large file cost
// two and a half times scanning and copying it; beside them, the read
// costs about what the SHA-512 alone does. Write copies each piece of the
// read into a buffer the goroutine takes (the read reuses its own buffer
// at once) and waits only when sideChunks pieces are still queued: the
// file is still read once.
type sideHash struct {
	h     hash.Hash
	work  chan *[]byte // chunks to hash, in order
	free  chan *[]byte // chunks hashed, to fill again
	fill  *[]byte      // the chunk being filled, nil when none
	done  chan struct{}
	ended bool
}

// newSideHash starts hashing with h on a goroutine. Sum or stop must be
// called, or the goroutine waits forever.
func newSideHash(h hash.Hash) *sideHash {
	s := &sideHash{h: h, work: make(chan *[]byte, sideChunks), free: make(chan *[]byte, sideChunks), done: make(chan struct{})}
	for range sideChunks {
		s.free <- sideBuffers.Get().(*[]byte)
	}
	go func() {
		defer close(s.done)
		for b := range s.work {
			s.h.Write(*b)
			s.free <- b
		}
	}()
	return s
}

// Write queues a copy of p for the hash; it never fails.
func (s *sideHash) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		if s.fill == nil {
			s.fill = <-s.free
			*s.fill = (*s.fill)[:0]
		}
		b := s.fill
		k := min(len(p), cap(*b)-len(*b))
		*b = append(*b, p[:k]...)
		p = p[k:]
		if len(*b) == cap(*b) {
			s.work <- b
			s.fill = nil
		}
	}
	return n, nil
}

// Sum waits for the written bytes to be hashed and appends the digest to
// b.
func (s *sideHash) Sum(b []byte) []byte {
	s.stop()
	return s.h.Sum(b)
}

// stop ends the goroutine once it has hashed what was written, and
// returns the buffers. A read that fails stops without a Sum.
func (s *sideHash) stop() {
	if s.ended {
		return
	}
	s.ended = true
	if s.fill != nil {
		s.work <- s.fill
		s.fill = nil
	}
	close(s.work)
	<-s.done
	for range sideChunks {
		sideBuffers.Put(<-s.free)
	}
}
