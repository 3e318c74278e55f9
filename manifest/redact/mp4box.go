package redact

import (
	"encoding/binary"
	"fmt"
	"io"
)

// Limits of the box walk: real files nest a handful of levels and hold a
// few thousand boxes; hostile ones nest without end.
const (
	maxBoxDepth = 12
	maxBoxes    = 20000
)

// box is one ISO BMFF box: its type, where it starts, how long its size
// fields are (8, or 16 with a 64-bit size), its full header length (+16
// for a uuid) and its total size.
type box struct {
	typ     string
	uuid    [16]byte
	off     int64
	sizeLen int64
	hdrLen  int64
	size    int64
}

func (b box) dataOff() int64 { return b.off + b.hdrLen }
func (b box) dataLen() int64 { return b.size - b.hdrLen }
func (b box) end() int64     { return b.off + b.size }

// boxWalker reads box headers with strict bounds and counts every box
// against maxBoxes.
type boxWalker struct {
	r     io.ReaderAt
	boxes int
}

// children lists the boxes in [start, end). A box that does not fit its
// parent is an error: the file is damaged and its boxes cannot be trusted.
func (w *boxWalker) children(start, end int64) ([]box, error) {
	var out []box
	var h [16]byte
	for off := start; off < end; {
		if end-off < 8 {
			return out, nil // QuickTime pads some containers with 4 zero bytes
		}
		if w.boxes++; w.boxes > maxBoxes {
			return nil, fmt.Errorf("more than %d mp4 boxes", maxBoxes)
		}
		if err := readAt(w.r, h[:8], off); err != nil {
			return nil, fmt.Errorf("read mp4 box header: %w", err)
		}
		b := box{typ: string(h[4:8]), off: off, sizeLen: 8, size: int64(binary.BigEndian.Uint32(h[:4]))}
		switch b.size {
		case 0:
			b.size = end - off
		case 1:
			if end-off < 16 {
				return nil, fmt.Errorf("mp4 box %q at offset %d has no room for its 64-bit size", b.typ, off)
			}
			if err := readAt(w.r, h[8:16], off+8); err != nil {
				return nil, fmt.Errorf("read mp4 box size: %w", err)
			}
			large := binary.BigEndian.Uint64(h[8:16])
			if large > uint64(end-off) {
				return nil, fmt.Errorf("mp4 box %q at offset %d claims %d bytes, %d left in its parent", b.typ, off, large, end-off)
			}
			b.size, b.sizeLen = int64(large), 16
		}
		b.hdrLen = b.sizeLen
		if b.typ == "uuid" {
			if end-off < b.hdrLen+16 {
				return nil, fmt.Errorf("mp4 uuid box at offset %d is too short", off)
			}
			if err := readAt(w.r, b.uuid[:], off+b.hdrLen); err != nil {
				return nil, fmt.Errorf("read mp4 uuid: %w", err)
			}
			b.hdrLen += 16
		}
		if b.size < b.hdrLen || b.size > end-off {
			return nil, fmt.Errorf("mp4 box %q at offset %d has size %d, %d left in its parent", b.typ, off, b.size, end-off)
		}
		out = append(out, b)
		off += b.size
	}
	return out, nil
}
