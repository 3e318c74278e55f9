package redact

import (
	"bufio"
	"io"
	"sync"
)

// Packing a folder redacts thousands of small files; a fresh copy buffer
// and a fresh pair of 64 KiB bufio buffers for each was a quarter of all
// the memory pack allocated, and the garbage collector's work with it.
// These pools keep them.
var (
	copyBuffers = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}
	readers     = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 64<<10) }}
	writers     = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}
)

// copyPooled is io.Copy through a pooled buffer.
func copyPooled(dst io.Writer, src io.Reader) (int64, error) {
	b := copyBuffers.Get().(*[]byte)
	defer copyBuffers.Put(b)
	return io.CopyBuffer(dst, src, *b)
}

// getReader returns a pooled reader over r; putReader returns it.
func getReader(r io.Reader) *bufio.Reader {
	br := readers.Get().(*bufio.Reader)
	br.Reset(r)
	return br
}

func putReader(br *bufio.Reader) {
	br.Reset(nil) // drop the reference to the source
	readers.Put(br)
}

// getWriter returns a pooled writer to w; putWriter returns it.
func getWriter(w io.Writer) *bufio.Writer {
	bw := writers.Get().(*bufio.Writer)
	bw.Reset(w)
	return bw
}

func putWriter(bw *bufio.Writer) {
	bw.Reset(nil)
	writers.Put(bw)
}
