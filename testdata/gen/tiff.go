package main

import (
	"encoding/binary"
	"sort"
)

// TIFF field types used by EXIF (TIFF 6.0, section 2).
const (
	tiffByte      = 1
	tiffASCII     = 2
	tiffShort     = 3
	tiffLong      = 4
	tiffRational  = 5
	tiffUndefined = 7
)

// tiffTypeSize is the byte size of one value of each field type.
var tiffTypeSize = map[uint16]int{
	tiffByte: 1, tiffASCII: 1, tiffShort: 2, tiffLong: 4, tiffRational: 8, tiffUndefined: 1,
}

// rational is an unsigned TIFF RATIONAL, kept as a fraction so that values
// such as 30.132 seconds of arc survive exactly.
type rational struct{ num, den uint32 }

// tiffEntry is one IFD field whose values are stored as Go values and
// encoded only at layout time, when the byte order is known.
type tiffEntry struct {
	tag   uint16
	typ   uint16
	ascii string
	bytes []byte
	u16   []uint16
	u32   []uint32
	rats  []rational
}

// count is the TIFF value count of the entry; ASCII counts the NUL.
func (e tiffEntry) count() int {
	switch e.typ {
	case tiffASCII:
		return len(e.ascii) + 1
	case tiffByte, tiffUndefined:
		return len(e.bytes)
	case tiffShort:
		return len(e.u16)
	case tiffLong:
		return len(e.u32)
	default:
		return len(e.rats)
	}
}

// encode returns the value bytes of the entry in byte order bo.
func (e tiffEntry) encode(bo binary.AppendByteOrder) []byte {
	switch e.typ {
	case tiffASCII:
		return append([]byte(e.ascii), 0)
	case tiffByte, tiffUndefined:
		return e.bytes
	case tiffShort:
		b := make([]byte, 0, 2*len(e.u16))
		for _, v := range e.u16 {
			b = bo.AppendUint16(b, v)
		}
		return b
	case tiffLong:
		b := make([]byte, 0, 4*len(e.u32))
		for _, v := range e.u32 {
			b = bo.AppendUint32(b, v)
		}
		return b
	default:
		b := make([]byte, 0, 8*len(e.rats))
		for _, r := range e.rats {
			b = bo.AppendUint32(b, r.num)
			b = bo.AppendUint32(b, r.den)
		}
		return b
	}
}

// tiffIFD is one image file directory: its fields plus child directories
// (the EXIF and GPS sub-IFDs) reached through pointer tags.
type tiffIFD struct {
	entries  []tiffEntry
	children []tiffChild
}

// tiffChild links a sub-IFD to the pointer tag that holds its offset.
type tiffChild struct {
	tag uint16
	ifd *tiffIFD
}

// ascii adds an ASCII field; empty strings are skipped so that specs can
// leave fields out simply by not setting them.
func (d *tiffIFD) ascii(tag uint16, s string) {
	if s != "" {
		d.entries = append(d.entries, tiffEntry{tag: tag, typ: tiffASCII, ascii: s})
	}
}

// short adds a SHORT field.
func (d *tiffIFD) short(tag uint16, v ...uint16) {
	d.entries = append(d.entries, tiffEntry{tag: tag, typ: tiffShort, u16: v})
}

// long adds a LONG field.
func (d *tiffIFD) long(tag uint16, v ...uint32) {
	d.entries = append(d.entries, tiffEntry{tag: tag, typ: tiffLong, u32: v})
}

// rational adds a RATIONAL field.
func (d *tiffIFD) rational(tag uint16, v ...rational) {
	d.entries = append(d.entries, tiffEntry{tag: tag, typ: tiffRational, rats: v})
}

// raw adds a BYTE or UNDEFINED field.
func (d *tiffIFD) raw(tag, typ uint16, b []byte) {
	d.entries = append(d.entries, tiffEntry{tag: tag, typ: typ, bytes: b})
}

// child attaches a sub-IFD behind the given pointer tag.
func (d *tiffIFD) child(tag uint16, c *tiffIFD) {
	d.children = append(d.children, tiffChild{tag: tag, ifd: c})
}

// size is the number of bytes the directory and its out-of-line values
// take, not counting its children.
func (d *tiffIFD) size() int {
	n := 2 + 12*(len(d.entries)+len(d.children)) + 4
	for _, e := range d.entries {
		if v := e.count() * tiffTypeSize[e.typ]; v > 4 {
			n += v + v%2
		}
	}
	return n
}

// tiffBlock lays out ifd0 and its descendants as a complete TIFF stream:
// header, then each directory followed by its out-of-line values, children
// after their parent. Fields are sorted by tag as readers expect.
func tiffBlock(ifd0 *tiffIFD, bigEndian bool) []byte {
	var bo binary.AppendByteOrder = binary.LittleEndian
	out := []byte{'I', 'I'}
	if bigEndian {
		bo = binary.BigEndian
		out = []byte{'M', 'M'}
	}
	out = bo.AppendUint16(out, 42)
	out = bo.AppendUint32(out, 8)
	return appendIFD(out, ifd0, bo)
}

// appendIFD writes d at the end of out (which must be its final offset)
// and then its children, returning the extended buffer.
func appendIFD(out []byte, d *tiffIFD, bo binary.AppendByteOrder) []byte {
	start := len(out)
	childOff := make(map[uint16]uint32, len(d.children))
	next := start + d.size()
	for _, c := range d.children {
		childOff[c.tag] = uint32(next)
		next += subtreeSize(c.ifd)
	}

	type field struct {
		tag, typ uint16
		count    uint32
		value    []byte
	}
	fields := make([]field, 0, len(d.entries)+len(d.children))
	for _, e := range d.entries {
		fields = append(fields, field{e.tag, e.typ, uint32(e.count()), e.encode(bo)})
	}
	for _, c := range d.children {
		fields = append(fields, field{c.tag, tiffLong, 1, bo.AppendUint32(nil, childOff[c.tag])})
	}
	sort.SliceStable(fields, func(i, j int) bool { return fields[i].tag < fields[j].tag })

	dataOff := start + 2 + 12*len(fields) + 4
	var data []byte
	out = bo.AppendUint16(out, uint16(len(fields)))
	for _, f := range fields {
		out = bo.AppendUint16(out, f.tag)
		out = bo.AppendUint16(out, f.typ)
		out = bo.AppendUint32(out, f.count)
		if len(f.value) <= 4 {
			var inline [4]byte
			copy(inline[:], f.value)
			out = append(out, inline[:]...)
			continue
		}
		out = bo.AppendUint32(out, uint32(dataOff+len(data)))
		data = append(data, f.value...)
		if len(f.value)%2 == 1 {
			data = append(data, 0)
		}
	}
	out = bo.AppendUint32(out, 0) // no next IFD: one image, no thumbnail
	out = append(out, data...)
	for _, c := range d.children {
		out = appendIFD(out, c.ifd, bo)
	}
	return out
}

// subtreeSize is the size of d and all its descendants.
func subtreeSize(d *tiffIFD) int {
	n := d.size()
	for _, c := range d.children {
		n += subtreeSize(c.ifd)
	}
	return n
}
