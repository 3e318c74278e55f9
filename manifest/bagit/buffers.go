package bagit

import "sync"

// copyBufferSize is the read size for hashing and copying payload files:
// large enough that a big file takes few reads.
const copyBufferSize = 256 << 10

// copyBuffers recycles the buffers payload files are read through, when
// verifying and when writing a bag. A fresh 256 KiB buffer per file made
// the garbage collector the largest cost of verifying a bag of many small
// files, and a sixth of packing one.
var copyBuffers = sync.Pool{New: func() any { b := make([]byte, copyBufferSize); return &b }}

func getBuffer() *[]byte { return copyBuffers.Get().(*[]byte) }

func putBuffer(b *[]byte) { copyBuffers.Put(b) }
