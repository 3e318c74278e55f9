package extract

import (
	"encoding/binary"
	"fmt"
	"io"
)

// Limits of the ISO BMFF / QuickTime box walk: real files nest a handful
// of levels and hold a few thousand boxes; hostile ones nest without end.
const (
	maxBoxDepth = 12
	maxBoxes    = 20000
	maxBoxRead  = 1 << 20 // largest box payload read into memory (XMP excepted)
)

// box is one ISO BMFF box: its type, where its header starts, how long the
// header is (8, 16 with a 64-bit size, +16 for a uuid) and its total size.
type box struct {
	Type   string
	UUID   [16]byte // for Type "uuid"
	Off    int64
	HdrLen int64
	Size   int64
}

func (b box) dataOff() int64 { return b.Off + b.HdrLen }
func (b box) dataLen() int64 { return b.Size - b.HdrLen }
func (b box) end() int64     { return b.Off + b.Size }

// boxWalker reads box headers with strict bounds: a child must fit in its
// parent, sizes below the header length are invalid, size 0 runs to the end
// of the parent, size 1 takes the 64-bit size that follows. It counts every
// box it reads against maxBoxes.
type boxWalker struct {
	r     io.ReaderAt
	boxes int
}

// children lists the boxes in [start, end).
func (w *boxWalker) children(start, end int64) ([]box, error) {
	var out []box
	var h [16]byte
	for off := start; off < end; {
		if end-off < 8 {
			// Trailing bytes too short for a header: QuickTime pads some
			// containers with a 4-byte zero terminator.
			return out, nil
		}
		if w.boxes++; w.boxes > maxBoxes {
			return out, fmt.Errorf("more than %d mp4 boxes", maxBoxes)
		}
		if _, err := w.r.ReadAt(h[:8], off); err != nil {
			return out, fmt.Errorf("read mp4 box header at offset %d: %w", off, err)
		}
		b := box{Type: string(h[4:8]), Off: off, HdrLen: 8, Size: int64(binary.BigEndian.Uint32(h[:4]))}
		switch b.Size {
		case 0:
			b.Size = end - off
		case 1:
			if end-off < 16 {
				return out, fmt.Errorf("mp4 box %q at offset %d: no room for its 64-bit size: %w", b.Type, off, errTagBounds)
			}
			if _, err := w.r.ReadAt(h[8:16], off+8); err != nil {
				return out, fmt.Errorf("read mp4 box size at offset %d: %w", off+8, err)
			}
			large := binary.BigEndian.Uint64(h[8:16])
			if large > uint64(end-off) {
				return out, fmt.Errorf("mp4 box %q at offset %d claims %d bytes, %d left in its parent: %w", b.Type, off, large, end-off, errTagBounds)
			}
			b.Size, b.HdrLen = int64(large), 16
		}
		if b.Type == "uuid" {
			if _, err := w.r.ReadAt(b.UUID[:], off+b.HdrLen); err != nil {
				return out, fmt.Errorf("read mp4 uuid at offset %d: %w", off+b.HdrLen, err)
			}
			b.HdrLen += 16
		}
		if b.Size < b.HdrLen {
			return out, fmt.Errorf("mp4 box %q at offset %d has size %d, below its %d-byte header: %w", b.Type, off, b.Size, b.HdrLen, errTagBounds)
		}
		if b.Size > end-off {
			return out, fmt.Errorf("mp4 box %q at offset %d claims %d bytes, %d left in its parent: %w", b.Type, off, b.Size, end-off, errTagBounds)
		}
		out = append(out, b)
		off += b.Size
	}
	return out, nil
}

// find follows a path of box types from [start, end), taking the first
// match at each level.
func (w *boxWalker) find(start, end int64, path ...string) (box, bool, error) {
	var cur box
	for _, typ := range path {
		kids, err := w.children(start, end)
		if err != nil {
			return box{}, false, err
		}
		found := false
		for _, k := range kids {
			if k.Type == typ {
				cur, found = k, true
				break
			}
		}
		if !found {
			return box{}, false, nil
		}
		start, end = cur.dataOff(), cur.end()
	}
	return cur, true, nil
}

// containerBoxes hold only boxes; validate descends into them.
var containerBoxes = map[string]bool{
	"moov": true, "trak": true, "mdia": true, "minf": true, "stbl": true,
	"udta": true, "ilst": true, "edts": true, "dinf": true, "meta": true,
}

// validate checks that every box under b fits in its parent, descending
// into containers and into ilst items (whose children are data boxes).
func (w *boxWalker) validate(b box, depth int) error {
	if depth > maxBoxDepth {
		return fmt.Errorf("mp4 boxes nested deeper than %d at offset %d", maxBoxDepth, b.Off)
	}
	start := b.dataOff()
	if b.Type == "meta" {
		start = metaChildrenStart(w.r, b)
	}
	kids, err := w.children(start, b.end())
	if err != nil {
		return err
	}
	for _, k := range kids {
		if containerBoxes[k.Type] || b.Type == "ilst" {
			if err := w.validate(k, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// metaChildrenStart tells an ISO meta box (a full box: 4 bytes of version
// and flags before its children) from a QuickTime one (children at once):
// in the QuickTime form, bytes 4-8 of the payload name the first child.
func metaChildrenStart(r io.ReaderAt, b box) int64 {
	var h [8]byte
	if b.dataLen() >= 8 {
		if _, err := r.ReadAt(h[:], b.dataOff()); err == nil && string(h[4:8]) == "hdlr" {
			return b.dataOff()
		}
	}
	if b.dataLen() < 4 {
		return b.end()
	}
	return b.dataOff() + 4
}

// readPayload reads a box's payload when it is at most max bytes.
func readPayload(r io.ReaderAt, b box, max int64) ([]byte, error) {
	n := b.dataLen()
	if n > max {
		return nil, fmt.Errorf("mp4 box %q at offset %d: %d bytes is over the %d byte limit", b.Type, b.Off, n, max)
	}
	buf := make([]byte, n)
	if _, err := r.ReadAt(buf, b.dataOff()); err != nil {
		return nil, fmt.Errorf("read mp4 box %q at offset %d: %w", b.Type, b.Off, err)
	}
	return buf, nil
}
