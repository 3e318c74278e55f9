package redact

import (
	"github.com/consignhq/consign/pipeline/extract"

	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// TIFF tags the redactor reads or removes.
const (
	tagExifIFD            = 0x8769
	tagGPSIFD             = 0x8825
	tagXMP                = 0x02BC
	tagMakerNote          = 0x927C
	tagCameraOwnerName    = 0xA430
	tagBodySerialNumber   = 0xA431
	tagLensSerialNumber   = 0xA435
	tagCameraSerialNumber = 0xC62F // DNG, in IFD0
	tagDNGPrivateData     = 0xC634 // DNG: the raw file's maker note, kept for round trips
	tagAdobeOwnerName     = 0xFDE8 // Adobe Camera Raw's, before EXIF 2.3 named the owner
	tagAdobeSerialNumber  = 0xFDE9 // Adobe Camera Raw's body serial number
)

// exifTextTags are the text entries Strip.Fields can name, by the names
// pipeline/extract gives them ("exif:Artist"), wherever they sit.
var exifTextTags = map[string]uint16{
	"ImageDescription": 0x010E,
	"Artist":           0x013B,
	"Copyright":        0x8298,
	"UserComment":      0x9286,
	"XPTitle":          0x9C9B,
	"XPComment":        0x9C9C,
	"XPAuthor":         0x9C9D,
	"XPKeywords":       0x9C9E,
	"XPSubject":        0x9C9F,
}

// exifTextNames is exifTextTags by tag.
var exifTextNames = func() map[uint16]string {
	m := make(map[uint16]string, len(exifTextTags))
	for name, tag := range exifTextTags {
		m[tag] = name
	}
	return m
}()

// Bounds on one TIFF structure: real files have a few IFDs of a few
// hundred entries; more is hostile.
const (
	maxIFDEntries = 4096
	maxIFDs       = 64
	maxXMPPacket  = 4 << 20
)

var errNotTIFF = errors.New("no tiff header")

// tiffRedactor removes entries from the directories of one TIFF block
// without moving anything: a directory is rewritten in place with the
// remaining entries, its next-IFD pointer after them and zeros where the
// removed entries were, and the removed values are zeroed. Offsets are
// relative to the TIFF header at the start of r.
type tiffRedactor struct {
	r       io.ReaderAt
	size    int64
	order   binary.ByteOrder
	strip   Strip
	raw     bool // a TIFF-based raw file: the maker note stays
	visited map[int64]bool
	keep    []span // the header and the directories that stay
	edits   []edit
	rep     *Report
}

// redactTIFF returns the edits that strip s from the TIFF block held in
// the first size bytes of r. raw keeps maker notes, which raw decoders
// need; in JPEG, PNG and WebP files the maker note is cleared with the
// serials it carries.
func redactTIFF(r io.ReaderAt, size int64, s Strip, raw bool, rep *Report) ([]edit, error) {
	var hdr [8]byte
	if size < 8 {
		return nil, errNotTIFF
	}
	if err := readAt(r, hdr[:], 0); err != nil {
		return nil, fmt.Errorf("read tiff header: %w", err)
	}
	t := &tiffRedactor{r: r, size: size, strip: s, raw: raw, visited: map[int64]bool{}, rep: rep}
	switch string(hdr[:4]) {
	// Olympus's ORF and Panasonic's RW2 are TIFF files under magic
	// numbers of their own.
	case "II*\x00", "IIRO", "IIRS", "IIU\x00":
		t.order = binary.LittleEndian
	case "MM\x00*", "MMOR":
		t.order = binary.BigEndian
	default:
		return nil, errNotTIFF
	}
	t.keep = append(t.keep, span{0, 8})
	off := int64(t.order.Uint32(hdr[4:]))
	for i := 0; off != 0; i++ {
		if i >= maxIFDs {
			return nil, fmt.Errorf("tiff has more than %d directories", maxIFDs)
		}
		next, err := t.directory(off, false)
		if err != nil {
			if i == 0 {
				return nil, err
			}
			break // a broken chain after IFD0: thumbnails, not metadata
		}
		off = next
	}
	return clearAround(t.edits, t.keep), nil
}

// clearAround trims every clear among edits off the ranges in keep. In a
// well-formed block a removed value never overlaps the header or a
// directory; in a hostile one an entry may point its value there, and
// clearing it would break the structure the copy still needs (the header,
// the entries that stay). Those bytes are the structure's own, not the
// removed value's, and the entry that pointed at them is gone.
func clearAround(edits []edit, keep []span) []edit {
	var out []edit
	for _, e := range edits {
		if !e.zero {
			out = append(out, e)
			continue
		}
		pieces := []edit{e}
		for _, k := range keep {
			var next []edit
			for _, p := range pieces {
				end := p.off + p.n
				if k.to <= p.off || k.from >= end {
					next = append(next, p)
					continue
				}
				if p.off < k.from {
					next = append(next, zeros(p.off, k.from-p.off))
				}
				if end > k.to {
					next = append(next, zeros(k.to, end-k.to))
				}
			}
			pieces = next
		}
		out = append(out, pieces...)
	}
	return out
}

// ifdEntry is one raw 12-byte directory entry.
type ifdEntry struct {
	raw    []byte
	tag    uint16
	valOff int64 // -1 when the value is inline or lies outside the block
	valLen int64
}

// readIFD reads the directory at off: its entries and next pointer.
func (t *tiffRedactor) readIFD(off int64) ([]ifdEntry, int64, error) {
	if t.visited[off] {
		return nil, 0, fmt.Errorf("tiff directory at offset %d is reached twice", off)
	}
	t.visited[off] = true
	if off < 8 || off+2 > t.size {
		return nil, 0, fmt.Errorf("tiff directory offset %d is outside the %d byte block", off, t.size)
	}
	var cnt [2]byte
	if err := readAt(t.r, cnt[:], off); err != nil {
		return nil, 0, fmt.Errorf("read tiff directory: %w", err)
	}
	n := int64(t.order.Uint16(cnt[:]))
	if n > maxIFDEntries || off+2+12*n+4 > t.size {
		return nil, 0, fmt.Errorf("tiff directory at offset %d with %d entries runs past the block", off, n)
	}
	raw := make([]byte, 12*n+4)
	if err := readAt(t.r, raw, off+2); err != nil {
		return nil, 0, fmt.Errorf("read tiff directory entries: %w", err)
	}
	entries := make([]ifdEntry, n)
	for i := range entries {
		b := raw[12*i : 12*i+12]
		e := ifdEntry{raw: b, tag: t.order.Uint16(b), valOff: -1}
		e.valLen = typeSize(t.order.Uint16(b[2:])) * int64(t.order.Uint32(b[4:]))
		if e.valLen > 4 {
			if v := int64(t.order.Uint32(b[8:])); v+e.valLen <= t.size {
				e.valOff = v
			}
		}
		entries[i] = e
	}
	return entries, int64(t.order.Uint32(raw[12*n:])), nil
}

// directory redacts the IFD at off (the EXIF sub-directory when exif is
// set) and returns the offset of the next IFD in its chain.
func (t *tiffRedactor) directory(off int64, exif bool) (int64, error) {
	entries, next, err := t.readIFD(off)
	if err != nil {
		return 0, err
	}
	dir := span{off, off + 2 + 12*int64(len(entries)) + 4}
	for _, k := range t.keep[1:] { // after the header
		if dir.from < k.to && k.from < dir.to {
			// Each is rewritten in place: the two rewrites would
			// overwrite each other, and entries removed from one
			// could come back from the other.
			return 0, fmt.Errorf("tiff directory at offset %d overlaps the one at offset %d", off, k.from)
		}
	}
	t.keep = append(t.keep, dir)
	var kept []ifdEntry
	for _, e := range entries {
		drop, err := t.entry(e, exif)
		if err != nil {
			return 0, err
		}
		if !drop {
			kept = append(kept, e)
			continue
		}
		if e.valOff >= 0 {
			t.edits = append(t.edits, zeros(e.valOff, e.valLen))
		}
	}
	if len(kept) < len(entries) {
		for _, e := range kept {
			// A directory that lies inside this one would read the
			// entries moved down over it.
			if p, ok := t.pointer(e); ok && isSubIFD(e.tag) && p >= dir.from && p < dir.to {
				return 0, fmt.Errorf("tiff directory at offset %d holds the directory its entry %#04x points at", off, e.tag)
			}
		}
		b := make([]byte, 2+12*len(entries)+4)
		t.order.PutUint16(b, uint16(len(kept)))
		for i, e := range kept {
			copy(b[2+12*i:], e.raw)
		}
		t.order.PutUint32(b[2+12*len(kept):], uint32(next))
		t.edits = append(t.edits, patch(off, b))
	}
	return next, nil
}

// entry decides whether e goes, acting on the directories and packets it
// points at. An error means the block cannot be redacted safely.
func (t *tiffRedactor) entry(e ifdEntry, exif bool) (bool, error) {
	s := t.strip
	if name, ok := exifTextNames[e.tag]; ok && s.field("exif:"+name) {
		t.rep.applied("exif:" + name + " removed")
		return true, nil
	}
	switch {
	case e.tag == tagGPSIFD && s.GPS:
		t.clearGPS(e)
		t.rep.applied("exif:GPS removed")
		return true, nil
	case e.tag == tagExifIFD && !exif:
		if p, ok := t.pointer(e); ok {
			if _, err := t.directory(p, true); err != nil {
				return false, fmt.Errorf("exif directory: %w", err)
			}
		}
	case e.tag == tagXMP && !exif:
		return false, t.xmp(e)
	case e.tag == tagCameraOwnerName && s.Owner:
		t.rep.applied("exif:CameraOwnerName removed")
		return true, nil
	case e.tag == tagBodySerialNumber && s.Serials:
		t.rep.applied("exif:BodySerialNumber removed")
		return true, nil
	case e.tag == tagLensSerialNumber && s.Serials:
		t.rep.applied("exif:LensSerialNumber removed")
		return true, nil
	case e.tag == tagCameraSerialNumber && s.Serials:
		// DNG puts it in IFD0; readers take it from any directory.
		t.rep.applied("exif:CameraSerialNumber removed")
		return true, nil
	case e.tag == tagAdobeOwnerName && s.Owner:
		t.rep.applied("exif:OwnerName removed")
		return true, nil
	case e.tag == tagAdobeSerialNumber && s.Serials:
		t.rep.applied("exif:SerialNumber removed")
		return true, nil
	case e.tag == tagDNGPrivateData && s.Serials && !exif:
		t.rep.kept("exif:DNGPrivateData kept: vendor data raw converters read back")
	case e.tag == tagMakerNote && (s.Serials || s.Owner || s.makerNote()) && e.valOff >= 0:
		if t.raw {
			// Raw decoders read the note: only the values go.
			maker, found, err := extract.LocateMakerNote(t.r, t.size)
			t.edits = append(t.edits, makerNoteValues(maker, found, err, s, t.rep)...)
			return false, nil
		}
		// Maker notes hold the camera's internal serial numbers and,
		// for many bodies (Canon's OwnerName), the only copy of the
		// owner's name, in vendor formats; the entry stays so that its
		// size is still declared, but its bytes go.
		t.edits = append(t.edits, zeros(e.valOff, e.valLen))
		t.rep.applied("exif:MakerNote cleared")
	}
	return false, nil
}

// isSubIFD reports whether tag points at a directory: EXIF, GPS or
// interoperability.
func isSubIFD(tag uint16) bool { return tag == tagExifIFD || tag == tagGPSIFD || tag == 0xA005 }

// pointer returns the directory offset a LONG or IFD entry holds.
func (t *tiffRedactor) pointer(e ifdEntry) (int64, bool) {
	typ := t.order.Uint16(e.raw[2:])
	if (typ != 4 && typ != 13) || t.order.Uint32(e.raw[4:]) == 0 {
		return 0, false
	}
	return int64(t.order.Uint32(e.raw[8:])), true
}

// clearGPS zeroes the GPS directory e points at and its values, so the
// position cannot be recovered from the orphaned bytes. A directory that
// cannot be read, or that another entry reaches too, is left alone: the
// pointer to it is removed either way.
func (t *tiffRedactor) clearGPS(e ifdEntry) {
	off, ok := t.pointer(e)
	if !ok || t.visited[off] {
		return
	}
	entries, _, err := t.readIFD(off)
	if err != nil {
		return
	}
	for _, g := range entries {
		if g.valOff >= 0 {
			t.edits = append(t.edits, zeros(g.valOff, g.valLen))
		}
	}
	t.edits = append(t.edits, zeros(off, 2+12*int64(len(entries))+4))
}

// xmp blanks the properties s removes from an XMP packet in tag 700.
func (t *tiffRedactor) xmp(e ifdEntry) error {
	if e.valOff < 0 {
		return nil
	}
	p, err := readBlock(t.r, e.valOff, e.valLen, maxXMPPacket, "tiff xmp packet")
	if err != nil {
		return err
	}
	out, err := redactXMP(p, t.strip, t.rep)
	if err != nil {
		return fmt.Errorf("tiff xmp packet at offset %d: %w", e.valOff, err)
	}
	if out != nil {
		t.edits = append(t.edits, patch(e.valOff, out))
	}
	return nil
}

// typeSize is the byte size of one value of a TIFF field type; unknown
// types are 0, so their values are never touched.
func typeSize(typ uint16) int64 {
	switch typ {
	case 1, 2, 6, 7:
		return 1
	case 3, 8:
		return 2
	case 4, 9, 11, 13:
		return 4
	case 5, 10, 12:
		return 8
	}
	return 0
}
