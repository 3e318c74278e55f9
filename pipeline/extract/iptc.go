package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// IPTC reads IPTC IIM records (the pre-XMP "IPTC header" that Photoshop
// and news agencies write): by-line, credit, source, copyright notice,
// keywords and creation date. JPEG keeps them in a Photoshop APP13
// resource (8BIM 0x0404), TIFF in tag 33723.
type IPTC struct{}

var _ Extractor = IPTC{}

// NewIPTC returns the IPTC IIM extractor.
func NewIPTC() Extractor { return IPTC{} }

// Name implements Extractor.
func (IPTC) Name() string { return "iptc" }

// Applies implements Extractor.
func (IPTC) Applies(src *Source) bool { return imageFormat(src.Head) != "" }

// maxIPTCBlock bounds an IIM stream or Photoshop resource block; real
// ones are a few KiB.
const maxIPTCBlock = 1 << 20

// Extract implements Extractor.
func (IPTC) Extract(ctx context.Context, src *Source, res *Result) error {
	blocks, _ := locateImageBlocks(src) // structural errors are the exif extractor's to report
	return iptcStreams(src, &blocks, func(_ section, _ int, stream []byte) {
		recordIIM(readIIM(stream), res)
	})
}

// iptcStreams calls fn with each IIM stream of blocks: the data of the
// 0x0404 resources of its Photoshop resource blocks (base is the data's
// offset in the block s), then its bare IIM blocks.
func iptcStreams(src *Source, blocks *imageBlocks, fn func(s section, base int, stream []byte)) error {
	for _, s := range blocks.psir {
		b, err := s.bytes(src, maxIPTCBlock)
		if err != nil {
			return fmt.Errorf("photoshop resources: %w", err)
		}
		for _, sp := range photoshopResourceSpans(b, 0x0404) {
			fn(s, sp[0], b[sp[0]:sp[1]])
		}
	}
	for _, s := range blocks.iptc {
		b, err := s.bytes(src, maxIPTCBlock)
		if err != nil {
			return fmt.Errorf("iptc block: %w", err)
		}
		fn(s, 0, b)
	}
	return nil
}

// photoshopResourceSpans returns where the data of every image resource
// with the given ID lies in a Photoshop resource block ("8BIM", ID,
// Pascal name padded to even length, size, data padded to even length),
// as [start, end) offsets into b.
func photoshopResourceSpans(b []byte, id uint16) [][2]int {
	var out [][2]int
	for at := 0; len(b)-at >= 12 && string(b[at:at+4]) == "8BIM"; {
		rid := binary.BigEndian.Uint16(b[at+4:])
		nameLen := int(b[at+6])
		p := at + 6 + (1+nameLen+1)&^1
		if p+4 > len(b) {
			break
		}
		n := int(binary.BigEndian.Uint32(b[p:]))
		p += 4
		if n < 0 || n > len(b)-p {
			break
		}
		if rid == id {
			out = append(out, [2]int{p, p + n})
		}
		at = min(len(b), p+(n+1)&^1)
	}
	return out
}

// iimDataSet is one IIM record: record number, dataset number, value,
// and the value's offset in the stream.
type iimDataSet struct {
	record, dataset byte
	value           []byte
	at              int
}

// readIIM splits an IIM stream into its datasets, stopping at the first
// one whose marker or length does not fit.
func readIIM(b []byte) []iimDataSet {
	var out []iimDataSet
	for at := 0; len(b)-at >= 5 && b[at] == 0x1C; {
		rec, ds := b[at+1], b[at+2]
		n, p := int(binary.BigEndian.Uint16(b[at+3:])), at+5
		if n&0x8000 != 0 { // extended length: the next n&0x7fff bytes hold it
			k := n & 0x7fff
			if k > 4 || p+k > len(b) {
				break
			}
			n = 0
			for _, c := range b[p : p+k] {
				n = n<<8 | int(c)
			}
			p += k
		}
		if n < 0 || n > len(b)-p {
			break
		}
		out = append(out, iimDataSet{rec, ds, b[p : p+n], p})
		at = p + n
	}
	return out
}

// iimNames names the application-record (2:xx) datasets we record, as
// exiftool and the IIM 4.2 specification spell them.
var iimNames = map[byte]string{
	5: "ObjectName", 25: "Keywords", 40: "SpecialInstructions",
	55: "DateCreated", 60: "TimeCreated", 62: "DigitalCreationDate", 63: "DigitalCreationTime",
	80: "By-line", 85: "By-lineTitle", 90: "City", 92: "Sub-location", 95: "Province-State",
	101: "Country-PrimaryLocationName", 103: "OriginalTransmissionReference", 105: "Headline",
	110: "Credit", 115: "Source", 116: "CopyrightNotice", 118: "Contact",
	120: "Caption-Abstract", 122: "Writer-Editor",
}

var iimTags = []struct{ name, tag string }{
	{"By-line", "artist"}, {"CopyrightNotice", "copyright"}, {"ObjectName", "title"},
	{"Headline", "title"}, {"Caption-Abstract", "description"}, {"Keywords", "keywords"},
}

func recordIIM(sets []iimDataSet, res *Result) {
	utf8Declared := false
	for _, s := range sets {
		if s.record == 1 && s.dataset == 90 && bytes.Contains(s.value, []byte("\x1b%G")) {
			utf8Declared = true
		}
	}
	values := map[string]string{}
	var order []string
	for _, s := range sets {
		name, ok := iimNames[s.dataset]
		if s.record != 2 || !ok {
			continue
		}
		v := strings.TrimSpace(iimText(s.value, utf8Declared))
		if v == "" {
			continue
		}
		if old, seen := values[name]; seen {
			if len(old) < maxValueLen {
				values[name] = old + "; " + v
			}
			continue
		}
		order = append(order, name)
		values[name] = v
	}
	for _, name := range order {
		res.AddField("iptc:"+name, values[name])
	}
	for _, t := range iimTags {
		res.SetTag(t.tag, values[t.name])
	}
	if d, ok := iimDate(values["DateCreated"], values["TimeCreated"]); ok {
		d.Source, d.Rank = "iptc:DateCreated", RankCapture
		res.AddDate(d)
	}
	if d, ok := iimDate(values["DigitalCreationDate"], values["DigitalCreationTime"]); ok {
		d.Source, d.Rank = "iptc:DigitalCreationDate", RankDigitized
		res.AddDate(d)
	}
}

// iimText decodes a value as UTF-8 when declared or valid, else as
// Latin-1, the IIM default in practice.
func iimText(b []byte, utf8Declared bool) string {
	if utf8Declared || utf8.Valid(b) {
		return string(b)
	}
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// iimDate combines "CCYYMMDD" and "HHMMSS±HHMM".
func iimDate(day, clock string) (Date, bool) {
	d, err := time.Parse("20060102", day)
	if err != nil {
		return Date{}, false
	}
	if t, err := time.Parse("20060102150405-0700", day+clock); err == nil {
		return Date{Time: t, HasZone: true}, true
	}
	if t, err := time.Parse("20060102150405", day+clock); err == nil {
		return Date{Time: t}, true
	}
	return Date{Time: d, DateOnly: true}, true
}

// IPTCDataset is one application-record dataset of an IPTC IIM stream:
// the field a scan names it by ("iptc:By-line") and where its value lies
// in the file, or Held when it lies only in a decoded profile (a PNG's
// text chunks), which no range of the file holds.
type IPTCDataset struct {
	Field string
	Value FileRange
	Held  bool
}

// LocateIPTC gives the datasets of the IPTC IIM streams an image file
// keeps where the IPTC extractor reads them (a JPEG's Photoshop APP13
// resources, TIFF tag 33723, a PSD's or a raw preview's resources), with
// the file range of each value, so that a value can be overwritten in
// place.
func LocateIPTC(r io.ReaderAt, size int64) ([]IPTCDataset, error) {
	head := make([]byte, min(size, HeadSize))
	if _, err := r.ReadAt(head, 0); err != nil && err != io.EOF {
		return nil, fmt.Errorf("read head: %w", err)
	}
	src := &Source{R: r, Size: size, Head: head}
	blocks, err := locateImageBlocks(src)
	if err != nil {
		return nil, err
	}
	var sets []IPTCDataset
	err = iptcStreams(src, &blocks, func(s section, base int, stream []byte) {
		for _, d := range readIIM(stream) {
			name, ok := iimNames[d.dataset]
			if d.record != 2 || !ok {
				continue
			}
			if s.data != nil {
				sets = append(sets, IPTCDataset{Field: "iptc:" + name, Held: true})
				continue
			}
			sets = append(sets, IPTCDataset{Field: "iptc:" + name, Value: FileRange{Off: s.off + int64(base+d.at), N: int64(len(d.value))}})
		}
	})
	return sets, err
}

// LocateIPTCProfile gives the datasets of a profile a PNG keeps in a
// text chunk (ImageMagick's "Raw profile type iptc" or "APP1"), decoded:
// Photoshop resources, with or without the "Photoshop 3.0" signature, or
// a bare IPTC IIM stream, as the PNG extractor files them; each value's
// range is in p.
func LocateIPTCProfile(p []byte) []IPTCDataset {
	var b imageBlocks
	noteProfile(&b, p)
	var sets []IPTCDataset
	// The sections are p or a slice of it; their offsets into p are
	// where they start.
	_ = iptcStreams(&Source{}, &b, func(s section, base int, stream []byte) {
		start := len(p) - len(s.data)
		for _, d := range readIIM(stream) {
			if name, ok := iimNames[d.dataset]; ok && d.record == 2 {
				sets = append(sets, IPTCDataset{Field: "iptc:" + name, Value: FileRange{Off: int64(start + base + d.at), N: int64(len(d.value))}})
			}
		}
	})
	return sets
}
