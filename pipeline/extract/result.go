package extract

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// Kinds of file, as reported in a record's "kind".
const (
	KindText     = "text"
	KindDocument = "document"
	KindImage    = "image"
	KindAudio    = "audio"
	KindVideo    = "video"
	KindOther    = "other"
)

// Source is one regular file opened for extraction. Extractors read the
// file through R (random access, so a parser can jump to a ZIP central
// directory or an MP4 box) and never through the file system: the pipeline
// owns the open file and its single sequential read for hashing.
type Source struct {
	Path      string      // relative to the scanned folder, "/"-separated
	Size      int64       // bytes, from the open file's stat
	Head      []byte      // the first bytes of the file (at most HeadSize)
	R         io.ReaderAt // the file itself
	MediaType string      // from Sniff
	Kind      string      // from Sniff
}

// HeadSize is how many leading bytes the pipeline reads for sniffing and
// hands to every extractor in Source.Head.
const HeadSize = 64 << 10

// Field is one raw metadata value as found in the file, named by its
// namespace and tag ("exif:GPSLatitude", "xmp:dc:creator", "id3:TCOP",
// "docx:creator"). Metadata detectors look at fields; records show the
// curated subset in Tags.
type Field struct {
	Name  string
	Value string
}

// Date ranks, lower is more trusted: the content date of a record is the
// candidate with the lowest rank (the first added wins a tie).
const (
	RankCapture     = 0  // EXIF DateTimeOriginal, MP4 creation time of a camera clip
	RankDigitized   = 1  // EXIF DateTimeDigitized, XMP CreateDate
	RankEmbedded    = 2  // ID3 recording time, PDF/DOCX created, EXIF DateTime
	RankFrontMatter = 10 // "date:" in Markdown front matter, HTML meta dates
	RankFileName    = 20 // YYYY-MM-DD in a file name
	RankMtime       = 30 // the file's modification time
)

// Date is one candidate for a file's content date.
type Date struct {
	Time     time.Time
	HasZone  bool // false when the file gives a wall-clock time without an offset
	DateOnly bool // true when only the calendar day is known
	Source   string
	Rank     int
}

// String renders the date the way records carry it: RFC 3339 with the
// offset when the offset is known, a floating local time when it is not,
// and a bare day when only the day is known.
func (d Date) String() string {
	switch {
	case d.DateOnly:
		return d.Time.Format("2006-01-02")
	case d.HasZone:
		return d.Time.Format(time.RFC3339)
	default:
		return d.Time.Format("2006-01-02T15:04:05")
	}
}

// TextSink receives the visible text of a container format (a DOCX body,
// a PDF page, an EPUB chapter) one part at a time, as a stream: a sink
// reads r in chunks and must not keep it after returning.
type TextSink interface {
	Text(part string, r io.Reader) error
}

// Result gathers what the extractors learn about one file.
type Result struct {
	Tags   map[string]string
	Fields []Field
	Dates  []Date
	Errors []error // problems that stopped part of the file from being read

	// XMP holds the XMP packets that container parsers found (JPEG APP1,
	// PNG iTXt, MP4 uuid box, PDF metadata stream); the XMP extractor,
	// which runs last, parses them all.
	XMP [][]byte

	// Sink, when set by the caller, receives extracted text.
	Sink TextSink
	// TextBytes counts the extracted text handed to Sink.
	TextBytes int64
}

// SetTag records a curated tag; empty values and values already set by a
// more trusted extractor are ignored. Values are trimmed and bounded.
func (r *Result) SetTag(key, value string) {
	value = cleanValue(value)
	if value == "" {
		return
	}
	if r.Tags == nil {
		r.Tags = map[string]string{}
	}
	if _, ok := r.Tags[key]; ok {
		return
	}
	r.Tags[key] = value
}

// AddField records a raw metadata field.
func (r *Result) AddField(name, value string) {
	value = cleanValue(value)
	if value == "" {
		return
	}
	r.Fields = append(r.Fields, Field{Name: name, Value: value})
}

// Field returns the first value recorded under name.
func (r *Result) Field(name string) (string, bool) {
	for _, f := range r.Fields {
		if f.Name == name {
			return f.Value, true
		}
	}
	return "", false
}

// AddDate records a content-date candidate.
func (r *Result) AddDate(d Date) {
	if d.Time.IsZero() || d.Time.Year() < 1800 || d.Time.Year() > 2200 {
		return
	}
	r.Dates = append(r.Dates, d)
}

// Errorf records a problem that kept part of the file from being read.
func (r *Result) Errorf(format string, args ...any) {
	r.Errors = append(r.Errors, fmt.Errorf(format, args...))
}

// maxXMPPackets and maxXMPSize bound what one file may hand the XMP parser.
const (
	maxXMPPackets = 8
	maxXMPSize    = 4 << 20
)

// AddXMP keeps an XMP packet for the XMP extractor, within bounds.
func (r *Result) AddXMP(packet []byte) {
	if len(packet) == 0 || len(r.XMP) >= maxXMPPackets {
		return
	}
	if len(packet) > maxXMPSize {
		r.Errorf("xmp packet of %d bytes is over the %d byte limit", len(packet), maxXMPSize)
		return
	}
	r.XMP = append(r.XMP, packet)
}

// EmitText hands one part of extracted text to the sink, if any.
func (r *Result) EmitText(part string, text io.Reader) error {
	if r.Sink == nil {
		return nil
	}
	cr := &countingReader{r: text}
	err := r.Sink.Text(part, cr)
	r.TextBytes += cr.n
	return err
}

// ContentDate picks the most trusted date candidate: the lowest rank, then
// the most precise, then the first added.
func (r *Result) ContentDate() (Date, bool) {
	if len(r.Dates) == 0 {
		return Date{}, false
	}
	ds := append([]Date(nil), r.Dates...)
	// Within a rank, a date with a time of day beats a bare day (an MP4's
	// creation time beats its year-only ©day).
	sort.SliceStable(ds, func(i, j int) bool {
		if ds[i].Rank != ds[j].Rank {
			return ds[i].Rank < ds[j].Rank
		}
		return !ds[i].DateOnly && ds[j].DateOnly
	})
	return ds[0], true
}

// maxValueLen bounds one metadata value: tags are labels, not payloads.
const maxValueLen = 4096

func cleanValue(v string) string {
	v = strings.TrimSpace(strings.ToValidUTF8(v, "\uFFFD"))
	v = strings.TrimRight(v, "\x00")
	if len(v) > maxValueLen {
		v = strings.ToValidUTF8(v[:maxValueLen], "")
	}
	return strings.TrimSpace(v)
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
