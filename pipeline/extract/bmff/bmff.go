// Package bmff walks the boxes of ISO base media files (MP4, MOV, M4A,
// HEIF) and their QuickTime ancestors with strict bounds. The extractor
// reads metadata through it and the redactor rewrites boxes it found, so
// both see the same boxes and reject the same damaged files.
package bmff

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// Limits of a walk: real files nest a handful of levels and hold a few
// thousand boxes; hostile ones nest without end.
const (
	MaxDepth = 12
	MaxBoxes = 20000
)

// ErrBounds marks a size field that points outside its parent.
var ErrBounds = errors.New("length out of bounds")

// Box is one box: its type, where its header starts, how long its size
// fields are (8, or 16 with a 64-bit size), its full header length (+16
// for a uuid box) and its total size.
type Box struct {
	Type    string
	UUID    [16]byte // for Type "uuid"
	Off     int64
	SizeLen int64
	HdrLen  int64
	Size    int64
}

// DataOff is where the box's payload starts.
func (b Box) DataOff() int64 { return b.Off + b.HdrLen }

// DataLen is the payload's length.
func (b Box) DataLen() int64 { return b.Size - b.HdrLen }

// End is the offset just past the box.
func (b Box) End() int64 { return b.Off + b.Size }

// Walker reads box headers: a child must fit in its parent, sizes below
// the header length are invalid, size 0 runs to the end of the parent,
// size 1 takes the 64-bit size that follows. It counts every box it reads
// against MaxBoxes, over all calls.
type Walker struct {
	R     io.ReaderAt
	boxes int
}

// Children lists the boxes in [start, end). On an error it returns the
// boxes read before it.
func (w *Walker) Children(start, end int64) ([]Box, error) {
	var out []Box
	var h [16]byte
	for off := start; off < end; {
		if end-off < 8 {
			// Trailing bytes too short for a header: QuickTime pads some
			// containers with a 4-byte zero terminator.
			return out, nil
		}
		if w.boxes++; w.boxes > MaxBoxes {
			return out, fmt.Errorf("more than %d mp4 boxes", MaxBoxes)
		}
		if err := ReadFull(w.R, h[:8], off); err != nil {
			return out, fmt.Errorf("read mp4 box header at offset %d: %w", off, err)
		}
		b := Box{Type: string(h[4:8]), Off: off, SizeLen: 8, Size: int64(binary.BigEndian.Uint32(h[:4]))}
		switch b.Size {
		case 0:
			b.Size = end - off
		case 1:
			if end-off < 16 {
				return out, fmt.Errorf("mp4 box %q at offset %d: no room for its 64-bit size: %w", b.Type, off, ErrBounds)
			}
			if err := ReadFull(w.R, h[8:16], off+8); err != nil {
				return out, fmt.Errorf("read mp4 box size at offset %d: %w", off+8, err)
			}
			large := binary.BigEndian.Uint64(h[8:16])
			if large > uint64(end-off) {
				return out, fmt.Errorf("mp4 box %q at offset %d claims %d bytes, %d left in its parent: %w", b.Type, off, large, end-off, ErrBounds)
			}
			b.Size, b.SizeLen = int64(large), 16
		}
		b.HdrLen = b.SizeLen
		if b.Type == "uuid" {
			if end-off < b.HdrLen+16 {
				return out, fmt.Errorf("mp4 uuid box at offset %d is too short: %w", off, ErrBounds)
			}
			if err := ReadFull(w.R, b.UUID[:], off+b.HdrLen); err != nil {
				return out, fmt.Errorf("read mp4 uuid at offset %d: %w", off+b.HdrLen, err)
			}
			b.HdrLen += 16
		}
		if b.Size < b.HdrLen {
			return out, fmt.Errorf("mp4 box %q at offset %d has size %d, below its %d-byte header: %w", b.Type, off, b.Size, b.HdrLen, ErrBounds)
		}
		if b.Size > end-off {
			return out, fmt.Errorf("mp4 box %q at offset %d claims %d bytes, %d left in its parent: %w", b.Type, off, b.Size, end-off, ErrBounds)
		}
		out = append(out, b)
		off += b.Size
	}
	return out, nil
}

// Find follows a path of box types from [start, end), taking the first
// match at each level.
func (w *Walker) Find(start, end int64, path ...string) (Box, bool, error) {
	var cur Box
	for _, typ := range path {
		kids, err := w.Children(start, end)
		if err != nil {
			return Box{}, false, err
		}
		found := false
		for _, k := range kids {
			if k.Type == typ {
				cur, found = k, true
				break
			}
		}
		if !found {
			return Box{}, false, nil
		}
		start, end = cur.DataOff(), cur.End()
	}
	return cur, true, nil
}

// MetaChildrenStart tells an ISO meta box (a full box: 4 bytes of version
// and flags before its children) from a QuickTime one (children at once):
// in the QuickTime form, bytes 4-8 of the payload name the first child.
func MetaChildrenStart(r io.ReaderAt, b Box) int64 {
	var h [8]byte
	if b.DataLen() >= 8 && ReadFull(r, h[:], b.DataOff()) == nil && string(h[4:8]) == "hdlr" {
		return b.DataOff()
	}
	if b.DataLen() < 4 {
		return b.End()
	}
	return b.DataOff() + 4
}

// ReadPayload reads a box's payload when it is at most max bytes.
func ReadPayload(r io.ReaderAt, b Box, max int64) ([]byte, error) {
	n := b.DataLen()
	if n > max {
		return nil, fmt.Errorf("mp4 box %q at offset %d: %d bytes is over the %d byte limit", b.Type, b.Off, n, max)
	}
	buf := make([]byte, n)
	if err := ReadFull(r, buf, b.DataOff()); err != nil {
		return nil, fmt.Errorf("read mp4 box %q at offset %d: %w", b.Type, b.Off, err)
	}
	return buf, nil
}

// ReadFull is ReadAt that treats a short read as io.ErrUnexpectedEOF,
// whatever the reader says. The extractors use it for every fixed-size
// header they read.
func ReadFull(r io.ReaderAt, p []byte, off int64) error {
	n, err := r.ReadAt(p, off)
	if n == len(p) {
		return nil
	}
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return err
}

// XMPUUID names the uuid box that holds an XMP packet in an MP4, a
// QuickTime movie or a CR3.
var XMPUUID = [16]byte{0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC}

// CanonUUID names the uuid box, in its moov box, where a Canon CR3 raw
// keeps its metadata: CMT1 (IFD0), CMT2 (the EXIF directory), CMT3 (the
// maker note) and CMT4 (the GPS directory), each a TIFF block of its own.
var CanonUUID = [16]byte{0x85, 0xC0, 0xB6, 0x87, 0x82, 0x0F, 0x11, 0xE0, 0x81, 0x11, 0xF4, 0xCE, 0x46, 0x2B, 0x6A, 0x48}
