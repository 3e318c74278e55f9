package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// ASF reads the metadata of Windows Media files (.wma, .wmv, .asf): the
// header object's content description (title, author, copyright,
// description), its extended content description (WM/AlbumArtist,
// WM/Composer, WM/Year, WM/Lyrics and the rest) and the file properties'
// creation time. The header object comes first and holds them all.
type ASF struct{}

var _ Extractor = ASF{}

// NewASF returns the Windows Media extractor.
func NewASF() Extractor { return ASF{} }

// Name implements Extractor.
func (ASF) Name() string { return "asf" }

// The object GUIDs, as stored.
var (
	asfHeader      = []byte{0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE, 0x6C}
	asfFileProps   = []byte{0xA1, 0xDC, 0xAB, 0x8C, 0x47, 0xA9, 0xCF, 0x11, 0x8E, 0xE4, 0x00, 0xC0, 0x0C, 0x20, 0x53, 0x65}
	asfContentDesc = []byte{0x33, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE, 0x6C}
	asfExtContent  = []byte{0x40, 0xA4, 0xD0, 0xD2, 0x07, 0xE3, 0xD2, 0x11, 0x97, 0xF0, 0x00, 0xA0, 0xC9, 0x5E, 0xA8, 0x50}
)

// Applies implements Extractor.
func (ASF) Applies(src *Source) bool { return bytes.HasPrefix(src.Head, asfHeader) }

// maxASFHeader bounds the header object read into memory: its metadata
// is a few kilobytes, a cover picture in WM/Picture the most.
const maxASFHeader = 8 << 20

// asfTags maps content and extended content names to curated tags.
var asfTags = map[string]string{
	"Title": "title", "Author": "artist", "Copyright": "copyright", "Description": "comment",
	"WM/AlbumTitle": "album", "WM/AlbumArtist": "album_artist", "WM/Composer": "composer", "WM/Genre": "genre",
}

// Extract implements Extractor.
func (ASF) Extract(_ context.Context, src *Source, res *Result) error {
	return walkASF(src, res, nil)
}

// LocateASFFields finds the values of a Windows Media file's content
// description (asf:Author) and extended content description
// (asf:WM/AlbumArtist) strings, where the extractor reads them.
func LocateASFFields(r io.ReaderAt, size int64) ([]FieldRange, error) {
	var out []FieldRange
	err := walkASF(&Source{R: r, Size: size}, &Result{}, func(field string, at FileRange) {
		out = append(out, FieldRange{field, at})
	})
	return out, err
}

// walkASF reads the header object's metadata into res, telling loc
// (when set) where each string field's value lies.
func walkASF(src *Source, res *Result, loc func(string, FileRange)) error {
	var h [30]byte
	if n, _ := src.R.ReadAt(h[:], 0); n < len(h) {
		return fmt.Errorf("asf: header object cut short")
	}
	size := binary.LittleEndian.Uint64(h[16:])
	if size < 30 || size > uint64(src.Size) || size > maxASFHeader {
		return fmt.Errorf("asf: header object of %d bytes, file of %d, limit %d", size, src.Size, maxASFHeader)
	}
	hdr := make([]byte, size)
	if n, err := src.R.ReadAt(hdr, 0); n < len(hdr) {
		return fmt.Errorf("read asf header object: %w", err)
	}
	at := int64(30)
	for objs := hdr[30:]; len(objs) >= 24; {
		n := binary.LittleEndian.Uint64(objs[16:])
		if n < 24 || n > uint64(len(objs)) {
			return fmt.Errorf("asf: header sub-object of %d bytes, %d left", n, len(objs))
		}
		guid, body := objs[:16], objs[24:n]
		switch {
		case bytes.Equal(guid, asfFileProps) && len(body) >= 32:
			recordASFTime(binary.LittleEndian.Uint64(body[24:]), res)
		case bytes.Equal(guid, asfContentDesc):
			asfContent(body, at+24, res, loc)
		case bytes.Equal(guid, asfExtContent):
			asfExtended(body, at+24, res, loc)
		}
		objs, at = objs[n:], at+int64(n)
	}
	return nil
}

// asfContent reads the five counted UTF-16 strings of the content
// description, whose body b is at off in the file.
func asfContent(b []byte, off int64, res *Result, loc func(string, FileRange)) {
	if len(b) < 10 {
		return
	}
	rest := b[10:]
	for i, name := range []string{"Title", "Author", "Copyright", "Description", "Rating"} {
		n := int(binary.LittleEndian.Uint16(b[2*i:]))
		if n > len(rest) {
			return
		}
		if recordASF(name, utf16String(rest[:n]), res) && loc != nil {
			loc("asf:"+name, FileRange{Off: off + int64(len(b)-len(rest)), N: int64(n)})
		}
		rest = rest[n:]
	}
}

// asfExtended reads the extended content description's descriptors:
// a name, a value type and a value.
func asfExtended(b []byte, off int64, res *Result, loc func(string, FileRange)) {
	if len(b) < 2 {
		return
	}
	count := int(binary.LittleEndian.Uint16(b))
	rest := b[2:]
	for range count {
		if len(rest) < 2 {
			return
		}
		n := int(binary.LittleEndian.Uint16(rest))
		if len(rest) < 2+n+4 {
			return
		}
		name := utf16String(rest[2 : 2+n])
		typ := binary.LittleEndian.Uint16(rest[2+n:])
		vlen := int(binary.LittleEndian.Uint16(rest[4+n:]))
		if len(rest) < 6+n+vlen {
			return
		}
		v := rest[6+n : 6+n+vlen]
		rest = rest[6+n+vlen:]
		switch {
		case typ == 0:
			if recordASF(name, utf16String(v), res) && loc != nil {
				loc("asf:"+name, FileRange{Off: off + int64(len(b)-len(rest)-vlen), N: int64(vlen)})
			}
		case typ == 3 && len(v) == 4:
			recordASF(name, strconv.FormatUint(uint64(binary.LittleEndian.Uint32(v)), 10), res)
		case typ == 1 && name == "WM/Picture":
			res.AddField("asf:WM/Picture", fmt.Sprintf("%d bytes", len(v)))
			res.SetTag("picture", "true")
		}
	}
}

// recordASF records a string field, and reports whether it did.
func recordASF(name, v string, res *Result) bool {
	v = cleanValue(v)
	if name == "" || v == "" || strings.ContainsAny(name, "\x00") {
		return false
	}
	if name == "WM/Lyrics" {
		v = "present" // the song's words, not metadata to show
		res.SetTag("lyrics", "true")
	}
	res.AddField("asf:"+name, v)
	if tag, ok := asfTags[name]; ok {
		res.SetTag(tag, v)
	}
	if name == "WM/Year" {
		if d, ok := parseTagDate(v, "asf:WM/Year", RankEmbedded); ok {
			res.AddDate(d)
		}
	}
	return true
}

// recordASFTime records the file properties' creation time, a FILETIME
// (UTC), as the file's date.
func recordASFTime(ft uint64, res *Result) {
	if ft == 0 || ft > 1<<62 {
		return
	}
	t := time.Unix(int64(ft/10_000_000)-11644473600, 0).UTC()
	if t.Year() < 1990 || t.Year() > 2100 {
		return
	}
	s := t.Format(time.RFC3339)
	res.AddField("asf:CreationDate", s)
	addW3CDate(res, s, "asf:CreationDate", RankEmbedded)
}

// utf16String decodes little-endian UTF-16 up to its first NUL.
func utf16String(b []byte) string {
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	s, _, _ := strings.Cut(string(utf16.Decode(u)), "\x00")
	return s
}
