package pdf

import (
	"bytes"
	"io"
	"slices"
	"sync"
)

// objStmCache keeps the inflated bytes of the object streams a Reader
// read last. (Change from upstream ledongthuc/pdf, which inflated an
// object stream from its start again for every object looked up in it:
// a page's fonts, resources and parents live in the same few streams, so
// a file made by pdfLaTeX or a recent Word inflated each of them dozens of
// times per page.)
//
// An entry holds what the stream gave before it ended, and how it ended:
// io.EOF, or a decoding error. Reading an entry gives the same bytes and
// then the same error, so a lookup finds or misses an object exactly as
// it did reading the stream itself. Only streams that inflate to at most
// objStmCacheMax bytes are kept, objStmCacheEntries of them and
// objStmCacheBytes in all at most, the oldest going first; a larger
// stream is read from its start each time, as upstream did, and
// remembered as too large so that it is not buffered again.
type objStmCache struct {
	mu      sync.Mutex
	entries []*objStm
	size    int      // bytes of the entries' data
	large   []objptr // streams found too large to keep, the first maxLargeObjStms
}

type objStm struct {
	ptr  objptr
	data []byte
	err  error

	// The header's offsets by object number, read once: looking an object
	// up read the header's pairs in order until its number came, which
	// cost more than inflating once the bytes were kept.
	once  sync.Once
	n     int // the /N the index was read with
	index map[uint32]objStmOffset
}

// objStmOffset is where the header puts an object: its offset after
// /First, and the end of the pair that gave it.
type objStmOffset struct {
	off, after int64
}

const (
	// maxQuoted bounds the bytes an error quotes from a buffer.
	maxQuoted          = 64
	objStmCacheEntries = 16
	objStmCacheMax     = 1 << 20
	objStmCacheBytes   = 4 << 20
	maxLargeObjStms    = 64
	// maxIndexedObjects bounds the index of one stream; writers put a
	// few hundred objects in each.
	maxIndexedObjects = 1 << 13
)

// findInObjectStream reads object id from strm, an object stream whose
// header declares n objects and whose objects start at first, as
// upstream's resolve did: the first of the header's pairs that names id,
// among those before the header ends.
func (r *Reader) findInObjectStream(strm Value, id uint32, n int, first int64) (x object, found bool) {
	e, rc := r.objectStream(strm)
	var b *buffer
	if e != nil {
		b = bytesBuffer(e.data, e.err)
	} else {
		defer rc.Close() // gives back the stream's inflaters
		b = newBuffer(rc, 0)
	}
	b.allowEOF = true
	if e != nil && n <= maxIndexedObjects {
		if index, ok := e.offsets(n); ok {
			at, ok := index[id]
			if !ok {
				return nil, false
			}
			// A pair pointing back into the header sent upstream's
			// buffer somewhere else; the walk below does the same.
			if first+at.off >= at.after {
				b.seekForward(first + at.off)
				return b.readObject(), true
			}
		}
	}
	headerPairs(b, n, func(oid uint32, off int64) bool {
		if oid != id {
			return true
		}
		b.seekForward(first + off)
		x, found = b.readObject(), true
		return false
	})
	return x, found
}

// headerPairs reads the first n (object number, offset) pairs of an
// object stream's header from b, calling pair with each until it returns
// false. It stops early where the header ends before the n pairs it
// declares.
func headerPairs(b *buffer, n int, pair func(id uint32, off int64) bool) {
	for i := 0; i < n; i++ {
		id, ok1 := b.readToken().(int64)
		off, ok2 := b.readToken().(int64)
		if !ok1 || !ok2 || !pair(uint32(id), off) {
			return
		}
	}
}

// offsets returns the index of the header's first n pairs, read on first
// use; ok is false when n differs from the first use's, or when the
// header could not be read to its end (a walk may still find an object
// before the fault, as upstream's did).
func (e *objStm) offsets(n int) (index map[uint32]objStmOffset, ok bool) {
	e.once.Do(func() {
		e.n = n
		defer func() {
			if recover() != nil {
				e.index = nil
			}
		}()
		b := bytesBuffer(e.data, e.err)
		b.allowEOF = true
		index := make(map[uint32]objStmOffset, max(0, min(n, 1024)))
		headerPairs(b, n, func(id uint32, off int64) bool {
			if _, dup := index[id]; !dup {
				index[id] = objStmOffset{off: off, after: b.readOffset()}
			}
			return true
		})
		e.index = index
	})
	return e.index, e.index != nil && n == e.n
}

// objectStream returns the cache's entry for strm, an object stream; or,
// when the stream is too large to keep, a reader of its inflated bytes,
// capped at maxObjectStream, which the caller closes.
func (r *Reader) objectStream(strm Value) (*objStm, io.ReadCloser) {
	c := &r.objStms
	c.mu.Lock()
	for _, e := range c.entries {
		if e.ptr == strm.ptr {
			c.mu.Unlock()
			return e, nil
		}
	}
	large := slices.Contains(c.large, strm.ptr)
	c.mu.Unlock()

	// Inflated outside the lock: reading the stream may resolve its
	// /Length or /Filter, which may be in another object stream.
	rc := strm.Reader()
	capped := &cappedReader{r: rc, n: maxObjectStream, err: errObjectStreamTooLarge}
	if large {
		return nil, &objStmTail{Reader: capped, rc: rc}
	}
	head, err := readObjectStream(capped, objStmCacheMax)
	if err == nil {
		// Larger than the cache takes: the rest is read as it is needed.
		c.mu.Lock()
		if len(c.large) < maxLargeObjStms {
			c.large = append(c.large, strm.ptr)
		}
		c.mu.Unlock()
		return nil, &objStmTail{Reader: io.MultiReader(bytes.NewReader(head), capped), rc: rc}
	}
	rc.Close()
	e := &objStm{ptr: strm.ptr, data: head, err: err}
	c.keep(e)
	return e, nil
}

// keep adds e, dropping the oldest entries until it fits.
func (c *objStmCache) keep(e *objStm) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for len(c.entries) > 0 && (len(c.entries) >= objStmCacheEntries || c.size+len(e.data) > objStmCacheBytes) {
		c.size -= len(c.entries[0].data)
		c.entries = append(c.entries[:0], c.entries[1:]...)
	}
	c.entries = append(c.entries, e)
	c.size += len(e.data)
}

// readObjectStream reads r until it ends or gives max bytes. It returns
// what it read and the error that ended it (io.EOF at a clean end), or a
// nil error when r holds more.
func readObjectStream(r io.Reader, max int) ([]byte, error) {
	buf := make([]byte, 0, 4096)
	for empty := 0; empty < 100; {
		if len(buf) >= max {
			return buf, nil
		}
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):min(cap(buf), max)])
		buf = buf[:len(buf)+n]
		if err != nil {
			return buf, err
		}
		if n == 0 {
			empty++
		} else {
			empty = 0
		}
	}
	// A reader that keeps giving nothing and no error, as bufio allows
	// a hundred times.
	return buf, io.ErrNoProgress
}

// objStmTail reads an object stream too large for the cache: the bytes
// read so far, then the rest of the stream.
type objStmTail struct {
	io.Reader
	rc io.ReadCloser
}

func (t *objStmTail) Close() error { return t.rc.Close() }

// bytesBuffer returns a buffer that reads data, in place, then err, which
// must not be nil. Nothing the lexer does writes to its buffer's bytes
// once read: a reload past the end asks the reader, which gives only err.
func bytesBuffer(data []byte, err error) *buffer {
	if len(data) == 0 {
		return newBuffer(&errorReadCloser{err}, 0)
	}
	return bufferOver(&errorReadCloser{err}, int64(len(data)), data[:len(data):len(data)])
}

// bufferOver makes a buffer with the given space: its length is what is
// already read, its capacity must not be zero. newBuffer gives it
// objectBufferSize of fresh space.
func bufferOver(r io.Reader, offset int64, space []byte) *buffer {
	return &buffer{r: r, offset: offset, buf: space, allowObjptr: true, allowStream: true}
}

// objectBuffers holds the space of the buffers resolve reads objects from
// the file with, newBuffer's size, so that reads fall where they did (a
// buffer reads up to the next multiple of its size).
const objectBufferSize = 4096

var objectBuffers = sync.Pool{New: func() any { return new([objectBufferSize]byte) }}
