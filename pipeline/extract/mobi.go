package extract

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// MOBI reads the metadata of Mobipocket and Kindle books (.mobi, .azw,
// .azw3), as a small publisher keeps them beside the EPUBs: the book's
// full name and the EXTH records of its first record (author,
// publisher, contributor, rights, publishing date, description, ISBN,
// language), whose layout the MobileRead wiki documents. The text, in
// PalmDOC or HUFF/CDIC compressed records, is not read.
type MOBI struct{}

var _ Extractor = MOBI{}

// NewMOBI returns the Mobipocket extractor.
func NewMOBI() Extractor { return MOBI{} }

// Name implements Extractor.
func (MOBI) Name() string { return "mobi" }

// Applies implements Extractor: a Palm database of type BOOK/MOBI.
func (MOBI) Applies(src *Source) bool {
	return len(src.Head) >= 78 && string(src.Head[60:68]) == "BOOKMOBI"
}

// mobiHeaderRead bounds the first record read: the MOBI header, the EXTH
// records (a cover's are elsewhere) and the full name.
const mobiHeaderRead = 256 << 10

// exthFields maps EXTH record types to their fields and curated tags.
var exthFields = map[uint32]struct{ field, tag string }{
	100: {"mobi:Author", "author"}, 101: {"mobi:Publisher", ""}, 103: {"mobi:Description", "description"},
	104: {"mobi:ISBN", ""}, 105: {"mobi:Subject", "subject"}, 106: {"mobi:PublishingDate", ""},
	108: {"mobi:Contributor", ""}, 109: {"mobi:Rights", "copyright"}, 503: {"mobi:UpdatedTitle", "title"},
	524: {"mobi:Language", "language_tag"},
}

// Extract implements Extractor.
func (MOBI) Extract(_ context.Context, src *Source, res *Result) error {
	if h := src.Head; len(h) >= 86 && binary.BigEndian.Uint16(h[76:]) != 0 {
		defer palmCreated(h, res) // after the EXTH records, whose publishing date wins
	}
	return walkMOBI(src, func(field, tag string, typ uint32, v string, _ FileRange) {
		if v == "" {
			return
		}
		res.AddField(field, v)
		if tag != "" {
			res.SetTag(tag, v)
		}
		if typ == 106 {
			addW3CDate(res, v, field, RankEmbedded)
		}
	})
}

// LocateMOBIFields finds the values of a Mobipocket book's full name and
// EXTH records (mobi:Author, mobi:Publisher) where the MOBI extractor
// reads them.
func LocateMOBIFields(r io.ReaderAt, size int64) ([]FieldRange, error) {
	head := make([]byte, min(size, HeadSize))
	if _, err := r.ReadAt(head, 0); err != nil && err != io.EOF {
		return nil, fmt.Errorf("read head: %w", err)
	}
	var out []FieldRange
	err := walkMOBI(&Source{R: r, Size: size, Head: head}, func(field, _ string, _ uint32, _ string, at FileRange) {
		out = append(out, FieldRange{field, at})
	})
	return out, err
}

// walkMOBI reads the first record of a Mobipocket book and hands each
// its full name (typ 0) and every EXTH record of a type exthFields
// knows: the field, the curated tag, the value decoded and trimmed, and
// where its bytes lie in the file.
func walkMOBI(src *Source, each func(field, tag string, typ uint32, v string, at FileRange)) error {
	h := src.Head
	if len(h) < 86 || binary.BigEndian.Uint16(h[76:]) == 0 {
		return fmt.Errorf("mobi: no records")
	}
	// The record list follows the 78-byte database header.
	rec0 := int64(binary.BigEndian.Uint32(h[78:]))
	if rec0 <= 0 || rec0 >= src.Size {
		return fmt.Errorf("mobi: first record at offset %d is outside the %d byte file", rec0, src.Size)
	}
	b := make([]byte, min(src.Size-rec0, mobiHeaderRead))
	if n, err := src.R.ReadAt(b, rec0); n < len(b) {
		return fmt.Errorf("read mobi header at offset %d: %w", rec0, err)
	}
	// Record 0: the PalmDOC header (16 bytes), then the MOBI header,
	// whose fields the wiki gives by their offset in the record.
	if len(b) < 0x84 || string(b[16:20]) != "MOBI" {
		return fmt.Errorf("mobi: no MOBI header in the first record")
	}
	mobi := b[16:]
	headerLen := binary.BigEndian.Uint32(mobi[4:])
	utf8 := binary.BigEndian.Uint32(mobi[0x0C:]) == 65001
	text := func(v []byte) string {
		if !utf8 {
			if out, err := charmap.Windows1252.NewDecoder().Bytes(v); err == nil {
				v = out
			}
		}
		return strings.TrimSpace(strings.ToValidUTF8(strings.TrimRight(string(v), "\x00"), ""))
	}
	if off, n := binary.BigEndian.Uint32(mobi[0x44:]), binary.BigEndian.Uint32(mobi[0x48:]); n > 0 && uint64(off)+uint64(n) <= uint64(len(b)) {
		each("mobi:FullName", "title", 0, text(b[off:off+n]), FileRange{rec0 + int64(off), int64(n)})
	}
	if binary.BigEndian.Uint32(b[0x80:])&0x40 == 0 || uint64(headerLen)+12 > uint64(len(mobi)) {
		return nil // no EXTH block
	}
	exth := mobi[headerLen:]
	if string(exth[:4]) != "EXTH" {
		return fmt.Errorf("mobi: EXTH flag set, no EXTH block at offset %d", rec0+16+int64(headerLen))
	}
	count := binary.BigEndian.Uint32(exth[8:])
	recs := exth[12:]
	at := rec0 + 16 + int64(headerLen) + 12
	for i := uint32(0); i < count; i++ {
		if len(recs) < 8 {
			return fmt.Errorf("mobi: EXTH record %d of %d: the block ends", i+1, count)
		}
		typ, n := binary.BigEndian.Uint32(recs), binary.BigEndian.Uint32(recs[4:])
		if n < 8 || uint64(n) > uint64(len(recs)) {
			return fmt.Errorf("mobi: EXTH record %d of %d bytes: %d left", typ, n, len(recs))
		}
		if f, ok := exthFields[typ]; ok {
			each(f.field, f.tag, typ, text(recs[8:n]), FileRange{at + 8, int64(n) - 8})
		}
		recs = recs[n:]
		at += int64(n)
	}
	return nil
}

// palmCreated records the database header's creation time, when the
// book was built: seconds since 1904 as PalmOS counted them, or, as
// Kindlegen and Calibre write it, since 1970 (the top bit clear). It is
// the book's date only when the EXTH records give no publishing date.
func palmCreated(h []byte, res *Result) {
	secs := int64(binary.BigEndian.Uint32(h[36:]))
	if secs == 0 {
		return
	}
	if secs&0x80000000 != 0 {
		secs -= 2082844800 // 1904-01-01 to 1970-01-01
	}
	t := time.Unix(secs, 0).UTC()
	if t.Year() < 1990 || t.Year() > 2100 {
		return
	}
	s := t.Format(time.RFC3339)
	res.AddField("mobi:CreateDate", s)
	if _, published := res.Field("mobi:PublishingDate"); !published {
		addW3CDate(res, s, "mobi:CreateDate", RankEmbedded)
	}
}
