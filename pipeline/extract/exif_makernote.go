package extract

import (
	"encoding/binary"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/consignhq/consign/pipeline/extract/bmff"
)

// Maker notes are the camera makers' private EXIF directories. Most of
// what they hold is settings; the part consign reads is what identifies
// the camera and its owner: serial numbers and the owner name, which many
// bodies write only here. Each maker lays its note out differently: an
// IFD straight away or after a signature, offsets counted from the EXIF
// block's TIFF header, from the note, or from a TIFF header of its own.

// makerTag is one identifying tag of a maker's note, in its main IFD or,
// when sub is set, in the sub-IFD that tag sub points to.
type makerTag struct {
	sub  uint16
	tag  uint16
	name string // the field is "makernote:<name>"
}

// makerLayout says how to find the IFD of one maker's note.
type makerLayout struct {
	make      string // prefix of IFD0 Make, upper case
	signature string // bytes the note starts with, "" when none
	// ifdAt is where the IFD starts within the note. With ownTIFF set
	// the note holds a TIFF header there instead, and offsets count from
	// it; with noteRelative they count from the note's start; otherwise
	// from the EXIF block's header.
	ifdAt        int64
	ownTIFF      bool
	noteRelative bool
	// orderAt, when non-zero, is where the note gives its own byte order
	// as "II" or "MM"; fixedOrder is an order a maker always uses.
	orderAt    int64
	fixedOrder tiffByteOrder
	// ifdPointer reads the IFD's offset from the note at ifdAt
	// (Fujifilm) instead of finding the IFD there.
	ifdPointer bool
	tags       []makerTag
}

// olympusEquipment are the serial numbers of an Olympus body and lens, in
// the note's Equipment directory (tag 0x2010).
var olympusEquipment = []makerTag{
	{0x2010, 0x0101, "SerialNumber"}, {0x2010, 0x0102, "InternalSerialNumber"}, {0x2010, 0x0202, "LensSerialNumber"},
}

var makerLayouts = []makerLayout{
	{make: "CANON", tags: []makerTag{{0, 0x0009, "OwnerName"}, {0, 0x000C, "SerialNumber"}, {0, 0x0096, "InternalSerialNumber"}}},
	{make: "NIKON", signature: "Nikon\x00\x02", ifdAt: 10, ownTIFF: true,
		tags: []makerTag{{0, 0x001D, "SerialNumber"}, {0, 0x00A0, "SerialNumber"}}},
	{make: "PANASONIC", signature: "Panasonic\x00", ifdAt: 12, tags: []makerTag{{0, 0x0025, "InternalSerialNumber"}}},
	{make: "SIGMA", signature: "SIGMA\x00", ifdAt: 10, tags: []makerTag{{0, 0x0002, "SerialNumber"}}},
	{make: "FUJIFILM", signature: "FUJIFILM", ifdAt: 8, ifdPointer: true, noteRelative: true, fixedOrder: binary.LittleEndian,
		tags: []makerTag{{0, 0x0010, "InternalSerialNumber"}}},
	{make: "OLYMPUS", signature: "OLYMPUS\x00", ifdAt: 12, noteRelative: true, orderAt: 8, tags: olympusEquipment},
	{make: "OLYMPUS", signature: "OLYMP\x00", ifdAt: 8, tags: olympusEquipment},
}

// recordMakerNote reads the identifying tags of the maker note of the
// TIFF block of n bytes in r, for the makers whose layout it knows.
func recordMakerNote(r io.ReaderAt, n int64, d *tiffDirs, res *Result) {
	walkMakerNote(r, n, d, func(t makerTag, v string, _ FileRange) { recordMakerTag(t.name, v, res) })
}

// walkMakerNote calls fn with each identifying tag the maker note of
// the TIFF block of n bytes in r holds, for the makers whose layout it
// knows: the tag, its value as text and where its value's bytes are in
// the block. It returns the layout's maker ("NIKON"), or "".
func walkMakerNote(r io.ReaderAt, n int64, d *tiffDirs, fn func(t makerTag, v string, at FileRange)) string {
	note, ok := findEntry(d.exif, tagMakerNote)
	if !ok || note.ValLen < 8 {
		return ""
	}
	maker := strings.ToUpper(asciiValue(d.ifd0, 0x010F))
	model := asciiValue(d.ifd0, 0x0110)
	for _, l := range makerLayouts {
		if !strings.HasPrefix(maker, l.make) || !hasSignature(r, note, l.signature) {
			continue
		}
		w, entries, err := l.read(r, n, d.order, note)
		if err != nil {
			// A maker note is the vendor's private data: one this reader
			// cannot walk (a layout it does not know, an editor that
			// moved it) leaves the image and its EXIF whole, so it is not
			// the file's error, as exiftool treats it as a warning.
			return ""
		}
		// The walker's offsets count from the note, or from its own
		// TIFF header, or from the block's.
		var base int64
		switch {
		case l.ownTIFF:
			base = note.ValOff + l.ifdAt
		case l.noteRelative:
			base = note.ValOff
		}
		makerTags(l, w, entries, maker, model, base, fn)
		return l.make
	}
	return ""
}

// makerTags calls fn with each identifying tag of layout l among the
// note's directory entries, which w, set up to follow the note's offsets
// (base in the block), read.
func makerTags(l makerLayout, w *tiffWalker, entries []ifdEntry, maker, model string, base int64, fn func(t makerTag, v string, at FileRange)) {
	subs := map[uint16][]ifdEntry{0: entries}
	for _, t := range l.tags {
		dir, seen := subs[t.sub]
		if !seen {
			dir = w.subIFD(entries, t.sub)
			subs[t.sub] = dir
		}
		v := makerValue(dir, w.order, t.tag, maker, model)
		if v == "" {
			continue
		}
		e, _ := findEntry(dir, t.tag)
		fn(t, v, FileRange{Off: base + e.ValOff, N: e.ValLen})
	}
}

// recordMakerTag records one identifying tag of a maker note as its
// field and, for the serials and the owner, as a tag.
func recordMakerTag(name, v string, res *Result) {
	res.AddField("makernote:"+name, v)
	switch name {
	case "SerialNumber":
		res.SetTag("body_serial", v)
	case "LensSerialNumber":
		res.SetTag("lens_serial", v)
	case "OwnerName":
		res.SetTag("owner_name", v)
	}
}

// LocateMakerNote finds the identifying fields of the maker note of a
// TIFF block of n bytes in r (a raw file, or an EXIF block) where the
// EXIF extractor reads them: each field, named as a scan names it
// (makernote:SerialNumber), with where its value's bytes are in the
// block, and the maker whose layout the note has ("NIKON"). A note of a
// layout it does not know gives none.
func LocateMakerNote(r io.ReaderAt, n int64) (maker string, fields []FieldRange, err error) {
	d, err := readTIFFDirs(r, n)
	if err != nil {
		return "", nil, err
	}
	maker = walkMakerNote(r, n, d, func(t makerTag, _ string, at FileRange) {
		fields = append(fields, FieldRange{"makernote:" + t.name, at})
	})
	return maker, fields, nil
}

// LocateCR3MakerNote is LocateMakerNote for a CR3's CMT3 block of n
// bytes in r, whose IFD0 is Canon's maker note.
func LocateCR3MakerNote(r io.ReaderAt, n int64) ([]FieldRange, error) {
	note, err := readTIFFDirs(r, n)
	if err != nil {
		return nil, err
	}
	var out []FieldRange
	walkCR3MakerNote(r, n, note, "CANON", "", func(t makerTag, _ string, at FileRange) {
		out = append(out, FieldRange{"makernote:" + t.name, at})
	})
	return out, nil
}

func hasSignature(r io.ReaderAt, note ifdEntry, sig string) bool {
	if int64(len(sig)) > note.ValLen {
		return false
	}
	b := make([]byte, len(sig))
	return bmff.ReadFull(r, b, note.ValOff) == nil && string(b) == sig
}

// read walks the note's IFD with the bounded TIFF walker; it returns the
// walker, set up to follow the note's offsets, and the IFD's entries.
func (l makerLayout) read(r io.ReaderAt, n int64, order tiffByteOrder, note ifdEntry) (*tiffWalker, []ifdEntry, error) {
	if l.ownTIFF {
		if note.ValLen <= l.ifdAt+8 {
			return nil, nil, fmt.Errorf("note of %d bytes has no tiff header", note.ValLen)
		}
		size := note.ValLen - l.ifdAt
		w, off, err := noteTIFFWalker(io.NewSectionReader(r, note.ValOff+l.ifdAt, size), size)
		if err != nil {
			return nil, nil, err
		}
		entries, err := w.readIFD(off)
		return w, entries, err
	}
	switch {
	case l.fixedOrder != nil:
		order = l.fixedOrder
	case l.orderAt > 0:
		var bo [2]byte
		if err := bmff.ReadFull(r, bo[:], note.ValOff+l.orderAt); err != nil {
			return nil, nil, fmt.Errorf("read byte order: %w", err)
		}
		if string(bo[:]) == "MM" {
			order = binary.BigEndian
		} else {
			order = binary.LittleEndian
		}
	}
	w := &tiffWalker{r: r, size: n, order: order, budget: maxTIFFValueSum, visited: map[uint32]bool{}}
	off := note.ValOff + l.ifdAt
	if l.noteRelative {
		w.r, w.size = io.NewSectionReader(r, note.ValOff, note.ValLen), note.ValLen
		off = l.ifdAt
	}
	if l.ifdPointer {
		var p [4]byte
		if err := bmff.ReadFull(w.r, p[:], l.ifdAt); err != nil {
			return nil, nil, fmt.Errorf("read ifd pointer: %w", err)
		}
		off = int64(order.Uint32(p[:]))
	}
	if off > int64(^uint32(0)) {
		return nil, nil, fmt.Errorf("ifd offset %d is out of range", off)
	}
	entries, err := w.readIFD(uint32(off))
	return w, entries, err
}

// subIFD reads the directory tag points to: by an offset (LONG or IFD),
// or, as older Olympus notes write it, inline as the tag's own value.
func (w *tiffWalker) subIFD(entries []ifdEntry, tag uint16) []ifdEntry {
	e, ok := findEntry(entries, tag)
	if !ok {
		return nil
	}
	off, ok := w.pointer(entries, tag)
	if e.Type == 7 {
		off, ok = uint32(e.ValOff), e.ValOff <= int64(^uint32(0))
	}
	if !ok {
		return nil
	}
	dir, _ := w.readIFD(off)
	return dir
}

// makerValue renders a maker-note tag as text: strings as written (some
// notes pad them in front with NULs), numbers in decimal (zero is none),
// and Canon's
// serial number zero-padded the way Canon's software prints it (six
// digits for EOS-1D bodies, ten for the rest).
func makerValue(entries []ifdEntry, order tiffByteOrder, tag uint16, maker, model string) string {
	e, ok := findEntry(entries, tag)
	if !ok {
		return ""
	}
	switch e.Type {
	case 4:
		if len(e.Val) != 4 {
			return ""
		}
		v := order.Uint32(e.Val)
		if v == 0 {
			return "" // no number: what a redacted copy holds
		}
		if !strings.HasPrefix(maker, "CANON") {
			return strconv.FormatUint(uint64(v), 10)
		}
		width := 10
		if strings.Contains(model, "EOS-1D") {
			width = 6
		}
		return fmt.Sprintf("%0*d", width, v)
	case 1, 2, 7:
		s := strings.TrimLeft(string(e.Val), "\x00")
		if i := strings.IndexByte(s, 0); i >= 0 {
			s = s[:i]
		}
		return strings.TrimSpace(s)
	}
	return ""
}

// noteTIFFWalker reads the TIFF header a note holds of its own (Nikon's)
// and returns a walker over the note and the offset of its first IFD.
func noteTIFFWalker(r io.ReaderAt, size int64) (*tiffWalker, uint32, error) {
	var hdr [8]byte
	if err := bmff.ReadFull(r, hdr[:], 0); err != nil {
		return nil, 0, fmt.Errorf("read tiff header: %w", err)
	}
	var order tiffByteOrder
	switch string(hdr[:4]) {
	case "II*\x00":
		order = binary.LittleEndian
	case "MM\x00*":
		order = binary.BigEndian
	default:
		return nil, 0, errNotTIFF
	}
	w := &tiffWalker{r: r, size: size, order: order, budget: maxTIFFValueSum, visited: map[uint32]bool{}}
	return w, order.Uint32(hdr[4:]), nil
}
