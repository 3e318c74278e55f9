package detectors

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
)

// runDetector is a test detector: it matches runs of 5 to 10 'x' bytes
// bounded by non-'x' bytes, so it needs context on both sides of a match
// to decide, as real detectors do.
type runDetector struct{}

func (runDetector) Name() string                                     { return "test/run" }
func (runDetector) Applies(*Item) bool                               { return true }
func (runDetector) Detect(context.Context, *Item) ([]Finding, error) { return nil, nil }
func (runDetector) MaxLen() int                                      { return 10 }

func (runDetector) Find(_ *Item, chunk []byte) []Match {
	var out []Match
	for i := 0; i < len(chunk); {
		if chunk[i] != 'x' {
			i++
			continue
		}
		j := i
		for j < len(chunk) && chunk[j] == 'x' {
			j++
		}
		if n := j - i; n >= 5 && n <= 10 {
			out = append(out, Match{Start: i, End: j, Value: strings.Repeat("x", n), Kind: "run", Severity: SeverityLow})
		}
		i = j
	}
	return out
}

var _ TextDetector = runDetector{}

func newTestScanner(chunk int) *TextScanner {
	return NewTextScanner([]TextDetector{runDetector{}}, &Item{Path: "a.txt"}, ScanOptions{
		Fingerprinter: NewFingerprinter(make([]byte, KeySize)),
		ChunkSize:     chunk,
	})
}

// TestScanAcrossEveryBoundary plants a value at every offset around the
// first chunk boundaries and checks it is found once, at the right place.
func TestScanAcrossEveryBoundary(t *testing.T) {
	const chunk = 64
	filler := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = "ab\ncé.d"[i%8]
		}
		return b
	}
	for _, runLen := range []int{5, 10, 11} {
		for at := 0; at < 4*chunk; at++ {
			text := filler(6 * chunk)
			for k := range runLen {
				text[at+k] = 'x'
			}
			// Neighbouring filler must not extend the run.
			s := newTestScanner(chunk)
			if err := s.Scan("", InContent, bytes.NewReader(text)); err != nil {
				t.Fatal(err)
			}
			got := s.Findings()
			if runLen > 10 {
				if len(got) != 0 {
					t.Fatalf("run of %d at %d: want no finding, got %d", runLen, at, len(got))
				}
				continue
			}
			if len(got) != 1 {
				t.Fatalf("run of %d at %d: want 1 finding, got %d", runLen, at, len(got))
			}
			loc := got[0].Location
			if loc.Start != int64(at) || loc.End != int64(at+runLen) {
				t.Fatalf("run of %d at %d: got [%d,%d)", runLen, at, loc.Start, loc.End)
			}
			before := text[:at]
			wantLine := bytes.Count(before, []byte{'\n'}) + 1
			// Bytes split from their rune by the planted run count as no code point.
			wantCol := countRuneStarts(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
			if loc.Line != wantLine || loc.Column != wantCol {
				t.Fatalf("run at %d: got line %d col %d, want %d:%d", at, loc.Line, loc.Column, wantLine, wantCol)
			}
		}
	}
}

func TestScanIDsStableAndUnique(t *testing.T) {
	text := "one xxxxx two xxxxx three xxxxxx"
	scan := func(prefix string) []Finding {
		s := newTestScanner(DefaultChunkSize)
		if err := s.Scan("", InContent, strings.NewReader(prefix+text)); err != nil {
			t.Fatal(err)
		}
		return s.Findings()
	}
	a, b := scan(""), scan("a new first line\n")
	if len(a) != 3 || len(b) != 3 {
		t.Fatalf("want 3 findings each, got %d and %d", len(a), len(b))
	}
	if a[0].ID == a[1].ID {
		t.Errorf("a repeated value got one id twice: %s", a[0].ID)
	}
	if a[0].ValueHash != a[1].ValueHash || a[0].ValueHash == a[2].ValueHash {
		t.Errorf("value hashes should follow values: %s %s %s", a[0].ValueHash, a[1].ValueHash, a[2].ValueHash)
	}
	for i := range a {
		if a[i].ID != b[i].ID {
			t.Errorf("finding %d: id changed when the text moved: %s != %s", i, a[i].ID, b[i].ID)
		}
		if a[i].Value != "" {
			t.Errorf("finding %d: value %q shown without ShowValues", i, a[i].Value)
		}
	}
}

func TestScanCapsFindings(t *testing.T) {
	s := NewTextScanner([]TextDetector{runDetector{}}, &Item{Path: "a.txt"}, ScanOptions{
		Fingerprinter: NewFingerprinter(make([]byte, KeySize)),
		MaxFindings:   3,
	})
	if err := s.Scan("", InContent, strings.NewReader(strings.Repeat("xxxxx ", 10))); err != nil {
		t.Fatal(err)
	}
	if len(s.Findings()) != 3 || s.Dropped() != 7 {
		t.Fatalf("got %d findings, %d dropped; want 3 and 7", len(s.Findings()), s.Dropped())
	}
}

func TestScanSelfAndShowValues(t *testing.T) {
	s := NewTextScanner([]TextDetector{runDetector{}}, &Item{Path: "a.txt"}, ScanOptions{
		Fingerprinter: NewFingerprinter(make([]byte, KeySize)),
		Self:          NewSelfFilter(Identity{Handles: []string{"@xxxxxx"}}),
		ShowValues:    true,
	})
	if err := s.Scan("word/document.xml", InText, strings.NewReader("xxxxx xxxxxx")); err != nil {
		t.Fatal(err)
	}
	f := s.Findings()
	if len(f) != 2 || f[0].Kind != "run" || f[1].Kind != KindSelf || f[1].Severity != SeverityInfo {
		t.Fatalf("got %+v", f)
	}
	if f[0].Value != "xxxxx" || f[0].Location.Part != "word/document.xml" || f[0].Location.In != InText {
		t.Fatalf("got %+v", f[0])
	}
}

type failingReader struct{ n int }

func (r *failingReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, errors.New("disk on fire")
	}
	k := min(len(p), r.n)
	r.n -= k
	return k, nil
}

func TestScanReportsReadErrors(t *testing.T) {
	s := newTestScanner(64)
	err := s.Scan("", InContent, &failingReader{n: 1000})
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("got %v", err)
	}
}

// TestScanConstantMemory streams 64 MiB and checks the scan allocated
// about one chunk buffer, not the stream.
func TestScanConstantMemory(t *testing.T) {
	const size = 64 << 20
	line := []byte(strings.Repeat("nothing to see here, move along\n", 1000) + "xxxxx\n")
	r := io.LimitReader(&repeatReader{line: line}, size)
	s := NewTextScanner([]TextDetector{runDetector{}}, &Item{Path: "big.txt"}, ScanOptions{
		Fingerprinter: NewFingerprinter(make([]byte, KeySize)),
		MaxFindings:   100,
	})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	if err := s.Scan("", InContent, r); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 16<<20 {
		t.Errorf("scanning %d bytes allocated %d bytes", size, got)
	}
	if want := size / len(line); s.Dropped()+len(s.Findings()) != want {
		t.Errorf("got %d matches, want %d", s.Dropped()+len(s.Findings()), want)
	}
	if last := s.Findings()[99]; last.Location.Line != 100*1001 {
		t.Errorf("finding 100 on line %d", last.Location.Line)
	}
}

type repeatReader struct {
	line []byte
	off  int
}

func (r *repeatReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		k := copy(p[n:], r.line[r.off:])
		n += k
		r.off = (r.off + k) % len(r.line)
	}
	return n, nil
}

func ExampleTextScanner() {
	s := NewTextScanner([]TextDetector{runDetector{}}, &Item{Path: "notes.txt"}, ScanOptions{
		Fingerprinter: NewFingerprinter(make([]byte, KeySize)),
	})
	_ = s.Scan("", InContent, strings.NewReader("first line\nthe code is xxxxxxx, do not share"))
	for _, f := range s.Findings() {
		fmt.Println(f.Kind, f.Location.Line, f.Location.Column, f.Excerpt)
	}
	// Output: run 2 13 the code is x******, do not share
}

// TestScanExcerptsMaskNeighbours checks that a finding's excerpt does not
// show the value of another finding next to it.
func TestScanExcerptsMaskNeighbours(t *testing.T) {
	s := newTestScanner(0)
	if err := s.Scan("", InContent, strings.NewReader("call xxxxxx or xxxxxxxx today")); err != nil {
		t.Fatal(err)
	}
	fs := s.Findings()
	if len(fs) != 2 {
		t.Fatalf("%d findings, want 2", len(fs))
	}
	for _, f := range fs {
		if strings.Contains(f.Excerpt, "xx") {
			t.Errorf("excerpt %q shows a matched value", f.Excerpt)
		}
	}
	if want := "call x***** or x******* today"; fs[0].Excerpt != want {
		t.Errorf("excerpt %q, want %q", fs[0].Excerpt, want)
	}
}

// countingDetector is runDetector counting the chunks it is handed.
type countingDetector struct {
	runDetector
	calls *int
}

func (d countingDetector) Find(item *Item, chunk []byte) []Match {
	*d.calls++
	return d.runDetector.Find(item, chunk)
}

// TestScanFieldsReadsARepeatedValueOnce: a value held by several fields is
// handed to the detectors once, and each field still has its finding, with
// an id of its own; content scanned after the fields is read again.
func TestScanFieldsReadsARepeatedValueOnce(t *testing.T) {
	calls := 0
	item := &Item{Path: "photo.jpg", Fields: []Field{
		{Name: "exif:Artist", Value: "by xxxxxx"},
		{Name: "exif:Make", Value: "Canon"},
		{Name: "xmp:dc:creator", Value: "by xxxxxx"},
		{Name: "iptc:By-line", Value: "by xxxxxx"},
		{Name: "exif:Model", Value: "Canon"},
		{Name: "exif:Empty", Value: ""},
	}}
	s := NewTextScanner([]TextDetector{countingDetector{calls: &calls}}, item, ScanOptions{
		Fingerprinter: NewFingerprinter(make([]byte, KeySize)),
	})
	if err := s.ScanFields(); err != nil {
		t.Fatal(err)
	}
	if calls != 2 {
		t.Errorf("the detector read %d values, want the 2 distinct ones", calls)
	}
	var fields []string
	ids := map[string]bool{}
	for _, f := range s.Findings() {
		fields = append(fields, f.Location.Field)
		ids[f.ID] = true
		if f.Excerpt == "" || f.ValueHash == "" {
			t.Errorf("%s: finding without excerpt or value hash: %+v", f.Location.Field, f)
		}
	}
	if want := []string{"exif:Artist", "xmp:dc:creator", "iptc:By-line"}; fmt.Sprint(fields) != fmt.Sprint(want) {
		t.Errorf("findings in %v, want %v", fields, want)
	}
	if len(ids) != 3 {
		t.Errorf("%d distinct ids for 3 findings", len(ids))
	}
	if err := s.Scan("", InContent, strings.NewReader("by xxxxxx")); err != nil {
		t.Fatal(err)
	}
	if calls != 3 || len(s.Findings()) != 4 {
		t.Errorf("content after the fields: %d reads, %d findings; want 3 and 4", calls, len(s.Findings()))
	}
}
