package extract

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/consignhq/consign/pipeline/extract/bmff"
)

// TIFF tags that point at other directories or hold other metadata blocks.
const (
	tagExifIFD    = 0x8769
	tagGPSIFD     = 0x8825
	tagInteropIFD = 0xA005
	tagXMP        = 0x02BC
	tagIPTC       = 0x83BB
	tagMakerNote  = 0x927C
)

// Bounds on what one TIFF structure may make us read. Real EXIF blocks
// have a few hundred entries and values of a few KiB; anything past these
// limits is hostile or irrelevant to metadata.
const (
	maxIFDEntries   = 1024
	maxEntryValue   = 64 << 10
	maxTIFFValueSum = 1 << 20
)

var errNotTIFF = errors.New("no tiff header")

// ifdEntry is one directory entry whose type is known and whose value lies
// inside the block. Val holds the value bytes when they are at most
// maxEntryValue long; larger values (an XMP packet in tag 700) keep only
// their position.
type ifdEntry struct {
	Tag    uint16
	Type   uint16
	Count  uint32
	ValOff int64 // relative to the TIFF header
	ValLen int64
	Val    []byte
}

// tiffByteOrder is what both binary.LittleEndian and binary.BigEndian
// offer: reading for the walker, appending for the repacker.
type tiffByteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

// tiffDirs is the part of a TIFF structure that carries metadata: IFD0
// and the EXIF, GPS and interoperability directories it points at.
type tiffDirs struct {
	order   tiffByteOrder
	ifd0    []ifdEntry
	exif    []ifdEntry
	gps     []ifdEntry
	interop []ifdEntry

	// dropped counts entries whose value lay outside the block, and
	// problems the sub-directories that could not be read: the file is
	// damaged or hostile, and its record says it was not fully read.
	dropped  int
	problems []error
}

// tiffTypeSize gives the byte size of each TIFF field type; unknown types
// are 0 and their entries are dropped.
func tiffTypeSize(typ uint16) int64 {
	switch typ {
	case 1, 2, 6, 7: // BYTE, ASCII, SBYTE, UNDEFINED
		return 1
	case 3, 8: // SHORT, SSHORT
		return 2
	case 4, 9, 11, 13: // LONG, SLONG, FLOAT, IFD
		return 4
	case 5, 10, 12: // RATIONAL, SRATIONAL, DOUBLE
		return 8
	}
	return 0
}

// tiffWalker reads directories from a TIFF block of known size through
// random access, never trusting an offset or count it has not checked.
type tiffWalker struct {
	r       io.ReaderAt
	size    int64
	order   tiffByteOrder
	budget  int64
	visited map[uint32]bool
	dropped int
}

// readTIFFDirs parses the metadata directories of the TIFF block held in
// the first size bytes of r. Broken sub-directories are skipped; only a
// missing header or an unreadable IFD0 is an error.
func readTIFFDirs(r io.ReaderAt, size int64) (*tiffDirs, error) {
	var hdr [8]byte
	if size < 8 {
		return nil, errNotTIFF
	}
	if err := bmff.ReadFull(r, hdr[:], 0); err != nil {
		return nil, fmt.Errorf("read tiff header: %w", err)
	}
	var order tiffByteOrder
	switch string(hdr[:4]) {
	case "II*\x00":
		order = binary.LittleEndian
	case "MM\x00*":
		order = binary.BigEndian
	default:
		if order = rawTIFFOrder(hdr[:]); order == nil {
			return nil, errNotTIFF
		}
	}
	w := &tiffWalker{r: r, size: size, order: order, budget: maxTIFFValueSum, visited: map[uint32]bool{}}
	d := &tiffDirs{order: order}
	var err error
	if d.ifd0, err = w.readIFD(order.Uint32(hdr[4:])); err != nil {
		return nil, err
	}
	sub := func(entries []ifdEntry, tag uint16, name string) []ifdEntry {
		off, ok := w.pointer(entries, tag)
		if !ok {
			return nil
		}
		dir, err := w.readIFD(off)
		if err != nil {
			d.problems = append(d.problems, fmt.Errorf("%s directory: %w", name, err))
		}
		return dir
	}
	d.exif = sub(d.ifd0, tagExifIFD, "exif")
	d.gps = sub(d.ifd0, tagGPSIFD, "gps")
	d.interop = sub(d.exif, tagInteropIFD, "interoperability")
	d.dropped = w.dropped
	return d, nil
}

// pointer returns the directory offset held by tag in entries.
func (w *tiffWalker) pointer(entries []ifdEntry, tag uint16) (uint32, bool) {
	e, ok := findEntry(entries, tag)
	if !ok || (e.Type != 4 && e.Type != 13) || len(e.Val) < 4 {
		return 0, false
	}
	return w.order.Uint32(e.Val), true
}

func (w *tiffWalker) readIFD(off uint32) ([]ifdEntry, error) {
	if w.visited[off] {
		return nil, fmt.Errorf("ifd at offset %d is visited twice", off)
	}
	w.visited[off] = true
	if off < 8 || int64(off)+2 > w.size {
		return nil, fmt.Errorf("ifd offset %d is outside the %d byte block", off, w.size)
	}
	var cnt [2]byte
	if err := bmff.ReadFull(w.r, cnt[:], int64(off)); err != nil {
		return nil, fmt.Errorf("read ifd at offset %d: %w", off, err)
	}
	n := int64(w.order.Uint16(cnt[:]))
	if n > maxIFDEntries {
		return nil, fmt.Errorf("ifd at offset %d claims %d entries", off, n)
	}
	if int64(off)+2+12*n > w.size {
		return nil, fmt.Errorf("ifd at offset %d with %d entries runs past the block", off, n)
	}
	raw := make([]byte, 12*n)
	if err := bmff.ReadFull(w.r, raw, int64(off)+2); err != nil {
		return nil, fmt.Errorf("read ifd entries at offset %d: %w", off, err)
	}
	entries := make([]ifdEntry, 0, n)
	for i := int64(0); i < n; i++ {
		if e, ok := w.entry(raw[12*i:12*i+12], int64(off)+2+12*i); ok {
			entries = append(entries, e)
		}
	}
	return entries, nil
}

// entry decodes one 12-byte directory entry found at pos, dropping it when
// its type is unknown or its value lies outside the block.
func (w *tiffWalker) entry(b []byte, pos int64) (ifdEntry, bool) {
	e := ifdEntry{Tag: w.order.Uint16(b), Type: w.order.Uint16(b[2:]), Count: w.order.Uint32(b[4:])}
	sz := tiffTypeSize(e.Type)
	if sz == 0 || e.Count == 0 {
		return e, false
	}
	e.ValLen = sz * int64(e.Count) // at most 8 * (2^32-1): no overflow in int64
	if e.ValLen <= 4 {
		e.ValOff = pos + 8
		e.Val = append([]byte(nil), b[8:8+e.ValLen]...)
		return e, true
	}
	e.ValOff = int64(w.order.Uint32(b[8:]))
	if e.ValOff+e.ValLen > w.size {
		w.dropped++
		return e, false
	}
	if e.ValLen > maxEntryValue || e.ValLen > w.budget || e.Tag == tagMakerNote {
		return e, true
	}
	e.Val = make([]byte, e.ValLen)
	if err := bmff.ReadFull(w.r, e.Val, e.ValOff); err != nil {
		w.dropped++
		return e, false
	}
	w.budget -= e.ValLen
	return e, true
}

func findEntry(entries []ifdEntry, tag uint16) (ifdEntry, bool) {
	for _, e := range entries {
		if e.Tag == tag {
			return e, true
		}
	}
	return ifdEntry{}, false
}

// asciiValue returns an ASCII or UNDEFINED entry as text, cut at the first
// NUL the way EXIF strings end.
func asciiValue(entries []ifdEntry, tag uint16) string {
	e, ok := findEntry(entries, tag)
	if !ok || (e.Type != 2 && e.Type != 7 && e.Type != 1) {
		return ""
	}
	s := string(e.Val)
	if i := strings.IndexByte(s, 0); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
