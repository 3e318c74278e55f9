package extract

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/consignhq/consign/pipeline/extract/bmff"
)

// Matroska reads the metadata of Matroska and WebM files (.mkv, .mka,
// .webm, as screen recorders and video tools write them): the segment's
// title, the application that wrote it and when (DateUTC), and the
// simple tags (ARTIST, DIRECTOR, COPYRIGHT, COMMENT, DATE_RECORDED…),
// which the Tags element holds wherever the seek head says it is,
// often after the media. Elements are EBML: a variable-length ID and
// size, then the body; every size is checked against its parent.
type Matroska struct{}

var _ Extractor = Matroska{}

// NewMatroska returns the Matroska extractor.
func NewMatroska() Extractor { return Matroska{} }

// Name implements Extractor.
func (Matroska) Name() string { return "matroska" }

// Applies implements Extractor: an EBML header, as every Matroska and
// WebM file starts.
func (Matroska) Applies(src *Source) bool {
	return len(src.Head) >= 4 && binary.BigEndian.Uint32(src.Head) == idEBML
}

// EBML and Matroska element IDs, with their length markers.
const (
	idEBML        = 0x1A45DFA3
	idSegment     = 0x18538067
	idSeekHead    = 0x114D9B74
	idSeek        = 0x4DBB
	idSeekID      = 0x53AB
	idSeekPos     = 0x53AC
	idInfo        = 0x1549A966
	idTitle       = 0x7BA9
	idWritingApp  = 0x5741
	idDateUTC     = 0x4461
	idTags        = 0x1254C367
	idTag         = 0x7373
	idSimpleTag   = 0x67C8
	idTagName     = 0x45A3
	idTagString   = 0x4487
	idCluster     = 0x1F43B675
	maxEBMLString = 64 << 10
	maxEBMLDepth  = 6
	maxEBMLNodes  = 20000
)

// ebmlElement is one element: its ID, where its body starts and its
// length.
type ebmlElement struct {
	id       uint32
	off, len int64
}

// ebmlReader walks elements through random access, counting them.
type ebmlReader struct {
	src   *Source
	nodes int
	// loc, when set, is told where each field's value lies
	// (LocateMatroskaFields), and crc where each master element the
	// values are in keeps a CRC-32 element.
	loc func(field string, at FileRange)
	crc func(e ebmlElement, kids []ebmlElement)
}

// children lists the elements in [start, end), up to the first one
// whose id is stop (0 for none), which is listed last. A size that
// overruns its parent (or is "unknown", as a live recording leaves a
// cluster) ends the list there.
func (r *ebmlReader) children(start, end int64, stop uint32) ([]ebmlElement, error) {
	var out []ebmlElement
	for off := start; off < end; {
		e, err := r.element(off, end)
		if err != nil {
			return out, err
		}
		out = append(out, e)
		if e.id == stop || e.off+e.len >= end {
			return out, nil
		}
		off = e.off + e.len
	}
	return out, nil
}

// element reads the header of the element at off, inside a parent that
// ends at end; an element whose size overruns the parent, or is unknown,
// runs to the parent's end.
func (r *ebmlReader) element(off, end int64) (ebmlElement, error) {
	if r.nodes++; r.nodes > maxEBMLNodes {
		return ebmlElement{}, fmt.Errorf("matroska: more than %d elements", maxEBMLNodes)
	}
	var b [12]byte
	n := min(int64(len(b)), end-off)
	if err := bmff.ReadFull(r.src.R, b[:n], off); err != nil {
		return ebmlElement{}, fmt.Errorf("read matroska element at offset %d: %w", off, err)
	}
	id, idLen := ebmlVint(b[:n], false)
	if idLen == 0 || idLen > 4 {
		return ebmlElement{}, fmt.Errorf("matroska element at offset %d: bad id", off)
	}
	size, sizeLen := ebmlVint(b[idLen:n], true)
	if sizeLen == 0 {
		return ebmlElement{}, fmt.Errorf("matroska element at offset %d: bad size", off)
	}
	body := off + int64(idLen+sizeLen)
	if size < 0 || size > end-body {
		size = end - body
	}
	return ebmlElement{uint32(id), body, size}, nil
}

// ebmlVint decodes a variable-length integer: its value (with the length
// marker for IDs, without it for sizes, where all ones is -1, unknown)
// and its length, 0 when b does not hold one.
func ebmlVint(b []byte, size bool) (int64, int) {
	if len(b) == 0 || b[0] == 0 {
		return 0, 0
	}
	n := 1
	for mask := byte(0x80); b[0]&mask == 0; mask >>= 1 {
		n++
	}
	if n > len(b) {
		return 0, 0
	}
	v := uint64(b[0])
	if size {
		v &= uint64(0xFF >> n)
	}
	allOnes := v == uint64(0xFF>>n)
	for _, c := range b[1:n] {
		v = v<<8 | uint64(c)
		allOnes = allOnes && c == 0xFF
	}
	if size && allOnes {
		return -1, n
	}
	return int64(v), n
}

// body reads an element's body of at most max bytes.
func (r *ebmlReader) body(e ebmlElement, max int64) ([]byte, bool) {
	if e.len > max {
		return nil, false
	}
	b := make([]byte, e.len)
	return b, bmff.ReadFull(r.src.R, b, e.off) == nil
}

// Extract implements Extractor.
func (m Matroska) Extract(ctx context.Context, src *Source, res *Result) error {
	return m.walk(ctx, &ebmlReader{src: src}, res)
}

// walk reads the segment's info and tags through r.
func (Matroska) walk(ctx context.Context, r *ebmlReader, res *Result) error {
	top, err := r.children(0, r.src.Size, idSegment)
	for _, seg := range top {
		if seg.id != idSegment {
			continue
		}
		// The metadata comes before the first cluster; what a writer puts
		// after the media, the seek head points to.
		kids, kerr := r.children(seg.off, seg.off+seg.len, idCluster)
		if kerr != nil && err == nil {
			err = kerr
		}
		seen := map[int64]bool{}
		for i := 0; i < len(kids); i++ {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			e := kids[i]
			switch e.id {
			case idInfo:
				r.info(e, res)
			case idTags:
				r.tags(e, 0, res)
			case idSeekHead:
				// The seek head points past the clusters, where writers put
				// the tags; those are read as the segment's own children.
				for _, at := range r.seekTags(e, seg) {
					if seen[at] {
						continue
					}
					seen[at] = true
					if t, serr := r.element(at, seg.off+seg.len); serr == nil && t.id == idTags {
						kids = append(kids, t)
					}
				}
			}
		}
		break // a file has one segment
	}
	return err
}

// seekTags gives where the seek head says the Tags elements start.
func (r *ebmlReader) seekTags(head, seg ebmlElement) []int64 {
	seeks, _ := r.children(head.off, head.off+head.len, 0)
	var out []int64
	for _, s := range seeks {
		if s.id != idSeek {
			continue
		}
		fields, _ := r.children(s.off, s.off+s.len, 0)
		var id []byte
		var pos int64 = -1
		for _, f := range fields {
			b, ok := r.body(f, 8)
			switch {
			case !ok:
			case f.id == idSeekID:
				id = b
			case f.id == idSeekPos:
				pos = int64(ebmlUint(b))
			}
		}
		if len(id) == 4 && binary.BigEndian.Uint32(id) == idTags && pos >= 0 && pos < seg.len {
			out = append(out, seg.off+pos)
		}
	}
	return out
}

func ebmlUint(b []byte) uint64 {
	var v uint64
	for _, c := range b {
		v = v<<8 | uint64(c)
	}
	return v
}

// info records the segment's title, writing application and date.
func (r *ebmlReader) info(e ebmlElement, res *Result) {
	kids, _ := r.children(e.off, e.off+e.len, 0)
	r.noteCRC(e, kids)
	for _, k := range kids {
		b, ok := r.body(k, maxEBMLString)
		if !ok {
			continue
		}
		switch k.id {
		case idTitle:
			if v := cleanValue(string(b)); v != "" {
				res.AddField("mkv:Title", v)
				res.SetTag("title", v)
				r.locate("mkv:Title", k)
			}
		case idWritingApp:
			if v := cleanValue(string(b)); v != "" {
				res.AddField("mkv:WritingApp", v)
				res.SetTag("software", v)
			}
		case idDateUTC:
			if len(b) == 8 {
				// Nanoseconds from 2001-01-01T00:00:00 UTC.
				t := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(int64(binary.BigEndian.Uint64(b))))
				if t.Year() > 2001 && t.Year() < 2200 {
					s := t.Format(time.RFC3339)
					res.AddField("mkv:DateUTC", s)
					addW3CDate(res, s, "mkv:DateUTC", RankEmbedded)
				}
			}
		}
	}
}

// mkvTags maps simple tag names to curated tags.
var mkvTags = map[string]string{"TITLE": "title", "ARTIST": "artist", "COPYRIGHT": "copyright", "COMMENT": "comment", "GENRE": "genre", "ALBUM": "album"}

// tags records the simple tags of a Tags element, nested ones too.
func (r *ebmlReader) tags(e ebmlElement, depth int, res *Result) {
	if depth > maxEBMLDepth {
		return
	}
	kids, _ := r.children(e.off, e.off+e.len, 0)
	r.noteCRC(e, kids)
	for _, k := range kids {
		switch k.id {
		case idTag:
			r.tags(k, depth+1, res)
		case idSimpleTag:
			r.simpleTag(k, depth+1, res)
		}
	}
}

func (r *ebmlReader) simpleTag(e ebmlElement, depth int, res *Result) {
	kids, _ := r.children(e.off, e.off+e.len, 0)
	r.noteCRC(e, kids)
	var name, value string
	var valueAt ebmlElement
	for _, k := range kids {
		switch k.id {
		case idTagName, idTagString:
			if b, ok := r.body(k, maxEBMLString); ok {
				if k.id == idTagName {
					name = strings.ToUpper(cleanValue(string(b)))
				} else {
					value, valueAt = cleanValue(string(b)), k
				}
			}
		case idSimpleTag:
			if depth < maxEBMLDepth {
				r.simpleTag(k, depth+1, res)
			}
		}
	}
	if name == "" || value == "" || strings.ContainsAny(name, ":") {
		return
	}
	res.AddField("mkv:"+name, value)
	r.locate("mkv:"+name, valueAt)
	if tag, ok := mkvTags[name]; ok {
		res.SetTag(tag, value)
	}
	if name == "DATE_RECORDED" || name == "DATE_RELEASED" {
		if d, ok := parseTagDate(value, "mkv:"+name, RankEmbedded); ok {
			res.AddDate(d)
		}
	}
}

// idCRC32 is EBML's CRC-32 element: the first child of a master element,
// whose 4 bytes are the CRC-32 (IEEE, little-endian) of the element's
// other children.
const idCRC32 = 0xBF

func (r *ebmlReader) locate(field string, e ebmlElement) {
	if r.loc != nil {
		r.loc(field, FileRange{Off: e.off, N: e.len})
	}
}

func (r *ebmlReader) noteCRC(e ebmlElement, kids []ebmlElement) {
	if r.crc != nil && len(kids) > 0 && kids[0].id == idCRC32 && kids[0].len == 4 {
		r.crc(e, kids)
	}
}

// EBMLChecksum is a CRC-32 element of a Matroska file: where its 4 bytes
// are, and the bytes they are the checksum of.
type EBMLChecksum struct{ At, Covered FileRange }

// LocateMatroskaFields finds the values of a Matroska or WebM file's
// title (mkv:Title) and simple tags (mkv:ARTIST), where the extractor
// reads them, and the CRC-32 elements of the elements that hold them,
// which an edit must make again.
func LocateMatroskaFields(r io.ReaderAt, size int64) ([]FieldRange, []EBMLChecksum, error) {
	var fields []FieldRange
	var sums []EBMLChecksum
	rd := &ebmlReader{src: &Source{R: r, Size: size}}
	rd.loc = func(field string, at FileRange) { fields = append(fields, FieldRange{field, at}) }
	rd.crc = func(e ebmlElement, kids []ebmlElement) {
		crc := kids[0]
		sums = append(sums, EBMLChecksum{At: FileRange{Off: crc.off, N: 4}, Covered: FileRange{Off: crc.off + 4, N: e.off + e.len - crc.off - 4}})
	}
	err := Matroska{}.walk(context.Background(), rd, &Result{})
	return fields, sums, err
}
