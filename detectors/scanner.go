package detectors

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
)

// DefaultChunkSize is how much text a scanner owns per chunk.
const DefaultChunkSize = 256 << 10

// DefaultMaxFindings caps the findings one file reports: a mailing-list
// archive with a million addresses needs one look, not a million lines.
const DefaultMaxFindings = 10000

// contextSlack is the context a chunk carries beyond the longest match, so
// detectors see the bytes just outside a match and excerpts have context.
const contextSlack = 2 * excerptContext

// ScanOptions configure a TextScanner.
type ScanOptions struct {
	Fingerprinter *Fingerprinter // required
	Self          *SelfFilter    // the creator's own details; nil matches nothing
	ShowValues    bool           // put raw values into findings
	ChunkSize     int            // DefaultChunkSize when 0
	MaxFindings   int            // DefaultMaxFindings when 0
	// FieldMemo, shared by the scanners of a scan's files, lets ScanFields
	// take what the detectors found in a value from an earlier file.
	FieldMemo *FieldMemo
}

// TextScanner runs text detectors over the text streams of one file in
// fixed-size chunks, so memory stays constant however long the text is.
// A chunk owns ChunkSize bytes and carries the overlap before and after
// them; a match counts only in the chunk owning its first byte, so a value
// across a chunk boundary is reported exactly once. Lines and columns are
// 1-based; columns count Unicode code points (SARIF's unicodeCodePoints).
type TextScanner struct {
	dets        []TextDetector
	item        *Item
	opts        ScanOptions
	overlap     int
	buf         []byte
	occurrences map[string]int
	findings    []Finding
	dropped     int
	memo        chunkMemo
	// found holds, while ScanFields runs, the candidates of each value
	// read so far; recalled, those earlier files' fields gave.
	found    map[string][]candidate
	recalled *fieldRecall
}

// NewTextScanner prepares a scan of item's text by dets.
func NewTextScanner(dets []TextDetector, item *Item, opts ScanOptions) *TextScanner {
	if opts.ChunkSize <= 0 {
		opts.ChunkSize = DefaultChunkSize
	}
	if opts.MaxFindings <= 0 {
		opts.MaxFindings = DefaultMaxFindings
	}
	overlap := 0
	for _, d := range dets {
		overlap = max(overlap, d.MaxLen())
	}
	overlap += contextSlack
	// A chunk smaller than the overlap would slide backwards.
	opts.ChunkSize = max(opts.ChunkSize, overlap)
	return &TextScanner{
		dets:    dets,
		item:    item,
		opts:    opts,
		overlap: overlap,
	}
}

// position is the line and column reached in a stream.
type position struct {
	abs  int64 // absolute offset
	line int   // 1-based
	col  int   // code points since the line's start, 0-based
}

// advance moves p over seg, the bytes from p.abs on.
func (p *position) advance(seg []byte) {
	if n := bytes.Count(seg, []byte{'\n'}); n > 0 {
		p.line += n
		p.col = countRuneStarts(seg[bytes.LastIndexByte(seg, '\n')+1:])
	} else {
		p.col += countRuneStarts(seg)
	}
	p.abs += int64(len(seg))
}

// countRuneStarts counts code points without decoding, so a rune split
// across chunks is counted once, in the chunk holding its first byte.
func countRuneStarts(b []byte) int {
	n := 0
	for _, c := range b {
		if c&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// chunkBuffers recycles chunk buffers across scanners: a scan of a folder
// makes one scanner per file, and most files are small.
var chunkBuffers sync.Pool

// buffer returns the scanner's chunk buffer, taking one from the pool on
// first use.
func (s *TextScanner) buffer() []byte {
	size := s.opts.ChunkSize + 2*s.overlap
	if len(s.buf) == size {
		return s.buf
	}
	if p, ok := chunkBuffers.Get().(*[]byte); ok && len(*p) == size {
		s.buf = *p
	} else {
		s.buf = make([]byte, size)
	}
	return s.buf
}

// Release gives the scanner's buffer back for reuse; the scanner must not
// scan again. Findings stay valid.
func (s *TextScanner) Release() {
	if s.buf != nil {
		b := s.buf
		s.buf = nil
		chunkBuffers.Put(&b)
	}
}

// candidate is a kept match with the detector that made it.
type candidate struct {
	Match
	det int
}

// Scan reads r to its end and records what the detectors find. in is
// InContent when r is the file itself, InText when it is text extracted
// from part of a container (part names it, e.g. "word/document.xml").
func (s *TextScanner) Scan(part, in string, r io.Reader) error {
	return s.scan(Location{In: in, Part: part}, r)
}

// ScanFields runs the detectors over the values of the item's metadata
// fields ("exif:Artist", "docx:creator"); findings point at the field.
//
// A value that an earlier field of the item held too (a photo's date in
// three fields, its author in EXIF, IPTC and XMP) is not read by the
// detectors again: Find sees only the item and the value's bytes, so it
// finds what it found the first time, and each field still gets findings
// of its own. With a FieldMemo, neither is a value an earlier file's
// field held, when the detectors read the same of both items.
func (s *TextScanner) ScanFields() error {
	if len(s.item.Fields) == 0 {
		return nil
	}
	s.found = make(map[string][]candidate)
	s.recalled = s.opts.FieldMemo.recall(s.dets, s.item)
	defer func() { s.found, s.recalled = nil, nil }()
	for _, f := range s.item.Fields {
		if err := s.scan(Location{In: InMetadata, Field: f.Name}, strings.NewReader(f.Value)); err != nil {
			return err
		}
	}
	return nil
}

// findWhole is find over chunk, the whole of a stream, remembering what
// it found by the chunk's bytes while ScanFields runs.
func (s *TextScanner) findWhole(chunk []byte, kept []candidate) []candidate {
	if s.found == nil {
		return s.find(chunk, 0, len(chunk), kept)
	}
	if c, ok := s.found[string(chunk)]; ok {
		return append(kept, c...)
	}
	if c, ok := s.recalled.get(chunk); ok {
		s.found[string(chunk)] = c
		return append(kept, c...)
	}
	kept = s.find(chunk, 0, len(chunk), kept)
	c := slices.Clone(kept)
	s.found[string(chunk)] = c
	s.recalled.put(chunk, c)
	return kept
}

// scan reads r to its end; at says where r's text is.
func (s *TextScanner) scan(where Location, r io.Reader) error {
	buf := s.buffer()
	pos := position{line: 1}
	var base int64 // absolute offset of buf[0]
	n, lead := 0, 0
	var kept []candidate
	var spans []Span
	for {
		m, err := io.ReadFull(r, buf[n:])
		n += m
		eof := errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
		if err != nil && !eof {
			return fmt.Errorf("read text of %s at offset %d: %w", s.item.Path, base+int64(n), err)
		}
		ownEnd := lead + s.opts.ChunkSize
		if eof {
			ownEnd = n
		}
		chunk := buf[:n]
		kept = kept[:0]
		switch {
		case ownEnd <= lead:
		case eof && base == 0: // the stream's only chunk
			kept = s.findWhole(chunk, kept)
		default:
			kept = s.find(chunk, lead, ownEnd, kept)
		}
		slices.SortStableFunc(kept, func(a, b candidate) int {
			if a.Start != b.Start {
				return a.Start - b.Start
			}
			if a.End != b.End {
				return a.End - b.End
			}
			return a.det - b.det
		})
		spans = spans[:0]
		for _, c := range kept {
			spans = append(spans, Span{Start: c.Start, End: c.End, Kind: c.Kind})
		}
		at := lead
		for i, c := range kept {
			pos.advance(chunk[at:c.Start])
			at = c.Start
			s.add(where, chunk, c, pos, others(spans, i, s.overlap))
		}
		pos.advance(chunk[at:ownEnd])
		if eof {
			return nil
		}
		from := ownEnd - s.overlap
		n = copy(buf, buf[from:n])
		base += int64(from)
		lead = s.overlap
	}
}

// find runs the detectors over chunk and appends the matches starting in
// [lead, ownEnd), which the chunk owns. The detectors share work on the
// chunk through Shared while they read it, and only then.
func (s *TextScanner) find(chunk []byte, lead, ownEnd int, kept []candidate) []candidate {
	s.memo.begin(chunk)
	s.item.memo = &s.memo
	defer func() {
		s.item.memo = nil
		s.memo.begin(nil)
	}()
	for i, d := range s.dets {
		for _, mt := range d.Find(s.item, chunk) {
			if mt.Start >= lead && mt.Start < ownEnd && mt.Start < mt.End && mt.End <= len(chunk) {
				kept = append(kept, candidate{Match: mt, det: i})
			}
		}
	}
	return kept
}

// add turns a kept match into a finding, or counts it as dropped past the cap.
func (s *TextScanner) add(at Location, chunk []byte, c candidate, pos position, near []Span) {
	if len(s.findings) >= s.opts.MaxFindings {
		s.dropped++
		return
	}
	d := s.dets[c.det]
	raw := string(chunk[c.Start:c.End])
	value := c.Value
	if value == "" {
		value = raw
	}
	category := c.Category
	if category == "" {
		category = CategoryPII
	}
	kind, severity := c.Kind, c.Severity
	if s.opts.Self.IsSelf(value) {
		kind, severity = KindSelf, SeverityInfo
	}
	key := d.Name() + "\x00" + value
	if s.occurrences == nil { // most files have no finding
		s.occurrences = make(map[string]int)
	}
	occurrence := s.occurrences[key]
	s.occurrences[key] = occurrence + 1
	fp := s.opts.Fingerprinter
	f := Finding{
		ID:         fp.ID(d.Name(), s.item.Path, value, occurrence),
		Path:       s.item.Path,
		Detector:   d.Name(),
		Category:   category,
		Kind:       kind,
		Severity:   severity,
		Confidence: c.Confidence,
		Location:   at,
		Excerpt:    ExcerptAmong(chunk, c.Start, c.End, c.Kind, near),
		Detail:     c.Detail,
		Action:     c.Action,
		ValueHash:  fp.ValueHash(value),
		Status:     StatusOpen,
	}
	if at.In != InMetadata {
		f.Location.Start, f.Location.End = pos.abs, pos.abs+int64(c.End-c.Start)
		f.Location.Line, f.Location.Column = pos.line, pos.col+1
	}
	if s.opts.ShowValues {
		f.Value = clean(raw)
	}
	s.findings = append(s.findings, f)
}

// others returns the spans within an excerpt's reach of spans[i], without
// it. spans are sorted by start and none is longer than maxLen, so only
// those starting in a short window around it need a look.
func others(spans []Span, i, maxLen int) []Span {
	me := spans[i]
	lo := sort.Search(len(spans), func(j int) bool { return spans[j].Start >= me.Start-maxLen-2*excerptContext })
	var out []Span
	for j := lo; j < len(spans) && spans[j].Start < me.End+2*excerptContext; j++ {
		if o := spans[j]; j != i && o.End > me.Start-2*excerptContext {
			out = append(out, o)
		}
	}
	return out
}

// Findings returns what the scans found, in stream order.
func (s *TextScanner) Findings() []Finding { return s.findings }

// Dropped is how many findings past the cap were not recorded; the caller
// should say so in the file's record.
func (s *TextScanner) Dropped() int { return s.dropped }
