package extract

import (
	"fmt"

	"github.com/consignhq/consign/pipeline/extract/bmff"
)

// heifExtent is one piece of an item's data.
type heifExtent struct{ off, n uint64 }

// heifLocation is where the item location box says an item's bytes are:
// in the file (construction method 0) or in the meta box's idat (1).
type heifLocation struct {
	method  uint16
	base    uint64
	extents []heifExtent
}

// ilocReader reads the variable-width big-endian fields of an iloc box,
// remembering the first overrun instead of panicking.
type ilocReader struct {
	b   []byte
	err error
}

func (r *ilocReader) uint(size int) uint64 {
	if r.err != nil {
		return 0
	}
	if size != 0 && size != 1 && size != 2 && size != 4 && size != 8 {
		r.err = fmt.Errorf("field size %d is not 0, 1, 2, 4 or 8", size)
		return 0
	}
	if len(r.b) < size {
		r.err = errShortBox
		return 0
	}
	var v uint64
	for _, c := range r.b[:size] {
		v = v<<8 | uint64(c)
	}
	r.b = r.b[size:]
	return v
}

// readILOC maps item IDs to their locations (ISO/IEC 14496-12 8.11.3).
func readILOC(body []byte) (map[uint32]heifLocation, error) {
	locs := map[uint32]heifLocation{}
	if body == nil {
		return locs, nil
	}
	r := &ilocReader{b: body}
	version := r.uint(1)
	r.uint(1)
	r.uint(2) // flags
	sizes := r.uint(2)
	offSize, lenSize := int(sizes>>12), int(sizes>>8&0xF)
	baseSize, idxSize := int(sizes>>4&0xF), int(sizes&0xF)
	if version == 0 {
		idxSize = 0
	}
	var count uint64
	if version < 2 {
		count = r.uint(2)
	} else {
		count = r.uint(4)
	}
	for i := uint64(0); i < count && r.err == nil; i++ {
		var id uint32
		if version < 2 {
			id = uint32(r.uint(2))
		} else {
			id = uint32(r.uint(4))
		}
		var loc heifLocation
		if version > 0 {
			loc.method = uint16(r.uint(2) & 0xF)
		}
		r.uint(2) // data_reference_index
		loc.base = r.uint(baseSize)
		extents := r.uint(2)
		// Each extent takes at least one byte per field; a count the box
		// cannot hold is rejected before anything is allocated. With
		// fields of no width an extent takes no byte and can only say
		// "the data from the base offset": more than one such extent is
		// refused rather than costing memory and time by the count.
		width := uint64(offSize + lenSize + idxSize)
		if extents > 1 && width == 0 {
			return locs, fmt.Errorf("item %d claims %d extents with fields of no width", id, extents)
		}
		if extents*width > uint64(len(r.b)) {
			return locs, fmt.Errorf("item %d claims %d extents past the box end", id, extents)
		}
		loc.extents = make([]heifExtent, 0, extents)
		for range extents {
			r.uint(idxSize)
			loc.extents = append(loc.extents, heifExtent{off: r.uint(offSize), n: r.uint(lenSize)})
		}
		if r.err == nil {
			locs[id] = loc
		}
	}
	return locs, r.err
}

// section returns the item's bytes as a file range when it is one extent
// in the file, or gathers them into memory otherwise, when they are at
// most held bytes (what the image may still keep in memory).
func (l heifLocation) section(src *Source, idat []byte, held int64) (section, error) {
	if len(l.extents) == 0 {
		return section{}, fmt.Errorf("item has no extents")
	}
	var limit uint64
	switch l.method {
	case 0:
		limit = uint64(src.Size)
	case 1:
		limit = uint64(len(idat))
	default:
		return section{}, fmt.Errorf("item construction method %d is not supported", l.method)
	}
	var total uint64
	for _, e := range l.extents {
		start := l.base + e.off
		if start < l.base || e.n == 0 || start > limit || e.n > limit-start {
			return section{}, fmt.Errorf("item extent %d+%d is outside the %d byte data", start, e.n, limit)
		}
		// Checked per extent so that the sum cannot wrap around.
		if total += e.n; total > maxHEIFItemLen {
			return section{}, fmt.Errorf("item of over %d bytes is over the %d byte limit", total, maxHEIFItemLen)
		}
	}
	if l.method == 0 && len(l.extents) == 1 {
		return fileSection(int64(l.base+l.extents[0].off), int64(total)), nil
	}
	if total > uint64(held) {
		return section{}, fmt.Errorf("item of %d bytes in pieces: %w", total, errHeldMeta)
	}
	buf := make([]byte, 0, total)
	for _, e := range l.extents {
		start := l.base + e.off
		if l.method == 1 {
			buf = append(buf, idat[start:start+e.n]...)
			continue
		}
		part := make([]byte, e.n)
		if err := bmff.ReadFull(src.R, part, int64(start)); err != nil {
			return section{}, fmt.Errorf("read item extent at offset %d: %w", start, err)
		}
		buf = append(buf, part...)
	}
	return memSection(buf), nil
}
