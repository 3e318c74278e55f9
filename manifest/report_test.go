package manifest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
)

func sampleRecords() []*pipeline.Record {
	return []*pipeline.Record{
		{Path: "a.jpg", Size: 10, Kind: "image", ContentDate: &pipeline.ContentDate{Value: "2021-06-03T14:22:10+02:00", Source: "exif:DateTimeOriginal"}},
		{Path: "b.md", Size: 5, MediaType: "text/markdown", Kind: "text", ContentDate: &pipeline.ContentDate{Value: "2019-01-02", Source: "frontmatter:date"},
			FindingIDs: []string{"f1", "f2"},
			Findings: []detectors.Finding{
				{ID: "f1", Path: "b.md", Detector: "pii/email", Category: "pii", Kind: "email", Severity: "high", Action: "mask", Status: "open",
					Location: detectors.Location{In: "content", Start: 1, End: 4, Line: 1, Column: 2}, Excerpt: "a***@b.org"},
				{ID: "f2", Path: "b.md", Detector: "pii/phone", Category: "pii", Kind: "phone", Severity: "medium", Action: "mask", Status: "ignored", Reason: "shop number",
					Location: detectors.Location{In: "content", Start: 6, End: 9, Line: 2, Column: 1}},
			}},
		{Path: "c.bin", Size: 1, Kind: "other", Error: "open: permission denied"},
	}
}

func writeReport(t *testing.T, format string) string {
	t.Helper()
	var buf bytes.Buffer
	r, err := NewReport(format, &buf, ReportConfig{Root: "folder"})
	if err != nil {
		t.Fatal(err)
	}
	sum := pipeline.Summary{Findings: map[string]map[string]int{}, ByKind: map[string]int{}}
	for _, rec := range sampleRecords() {
		if err := r.Record(rec); err != nil {
			t.Fatal(err)
		}
		sum.Files++
		sum.Bytes += rec.Size
		sum.ByKind[rec.Kind]++
		if rec.Error != "" {
			sum.Errors++
		}
	}
	if err := r.Close(sum); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestJSONReportIsOneValidDocument(t *testing.T) {
	var doc struct {
		Files    []pipeline.Record `json:"files"`
		Findings []any             `json:"findings"`
		Summary  pipeline.Summary  `json:"summary"`
	}
	if err := json.Unmarshal([]byte(writeReport(t, "json")), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Files) != 3 || doc.Summary.Files != 3 || doc.Summary.Errors != 1 || len(doc.Findings) != 2 {
		t.Fatalf("decoded %+v", doc)
	}
}

func TestJSONLReportLinesAreTyped(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(writeReport(t, "jsonl")), "\n")
	if len(lines) != 6 {
		t.Fatalf("%d lines, want 3 files, 2 findings and a summary", len(lines))
	}
	for i, want := range []string{"file", "file", "finding", "finding", "file", "summary"} {
		var v struct{ Type string }
		if err := json.Unmarshal([]byte(lines[i]), &v); err != nil || v.Type != want {
			t.Errorf("line %d: type %q (%v), want %q", i, v.Type, err, want)
		}
	}
}

// writeLog keeps each Write it is given apart.
type writeLog struct{ writes [][]byte }

func (w *writeLog) Write(p []byte) (int, error) {
	w.writes = append(w.writes, bytes.Clone(p))
	return len(p), nil
}

// TestJSONLReportWritesWholeLines: what reaches the output, at any point
// a run may be interrupted, ends at the end of a record, so a reader of
// an interrupted scan's standard output never gets half a line.
func TestJSONLReportWritesWholeLines(t *testing.T) {
	var out writeLog
	r, err := NewReport("jsonl", &out, ReportConfig{Root: "folder"})
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	enc := NewJSONLEncoder(&want)
	for i := range 3000 {
		rec := &pipeline.Record{Path: fmt.Sprintf("notes/%05d-%s.txt", i, strings.Repeat("x", i%97)), Size: int64(i), Kind: "text"}
		if err := r.Record(rec); err != nil {
			t.Fatal(err)
		}
		enc.File(rec)
	}
	if len(out.writes) < 2 {
		t.Fatalf("%d writes before Close: the records should not all be held", len(out.writes))
	}
	sum := pipeline.Summary{Files: 3000}
	if err := r.Close(sum); err != nil {
		t.Fatal(err)
	}
	enc.Summary(sum)
	var got []byte
	for i, w := range out.writes {
		if len(w) == 0 || w[len(w)-1] != '\n' {
			t.Fatalf("write %d of %d does not end a line: ...%q", i, len(out.writes), w[max(0, len(w)-40):])
		}
		got = append(got, w...)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Error("the lines written differ from the records encoded one by one")
	}
}

func TestTextReportSummarises(t *testing.T) {
	out := writeReport(t, "text")
	for _, want := range []string{
		"consign scan of folder", "files      3 (16 B)", "dates      2019-01-02 to 2021-06-03",
		"date from  embedded 1, front matter 1", "1 file could not be fully read:", "c.bin: open: permission denied",
		"findings   1 open, 1 ignored", "personal data", "email", "1  b.md",
		"verdict    1 of 3 files clear to sell\n           1 to redact", "1 to review (1 could not be fully read)\n", "0 to exclude",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
}

func TestDisplayPathQuotesControlCharacters(t *testing.T) {
	for _, tc := range []struct{ name, path, want string }{
		{"plain", "photos/beach.jpg", "photos/beach.jpg"},
		{"spaces and accents", "blog/été 2021.md", "blog/été 2021.md"},
		{"newline", "line\nbreak.txt", `"line\nbreak.txt"`},
		{"escape sequence", "a\x1b[31mred.txt", `"a\x1b[31mred.txt"`},
		{"invalid UTF-8", "bad\xffname.txt", `"bad\xffname.txt"`},
		{"right-to-left override", "invoice\u202etxt.exe", `"invoice\u202etxt.exe"`},
		{"zero-width space", "a\u200bb.txt", `"a\u200bb.txt"`},
		{"starts with a quote", `"quoted".txt`, `"\"quoted\".txt"`},
		{"quote inside", `say "hi".txt`, `say "hi".txt`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := DisplayPath(tc.path); got != tc.want {
				t.Errorf("DisplayPath(%q) = %s, want %s", tc.path, got, tc.want)
			}
		})
	}
}

func TestCount(t *testing.T) {
	for _, tc := range []struct {
		n          int
		noun, want string
	}{
		{0, "file", "0 files"},
		{1, "file", "1 file"},
		{2, "file", "2 files"},
		{1, "open finding", "1 open finding"},
		{5, "open finding", "5 open findings"},
		{3, "entry", "3 entries"},
		{1, "entry", "1 entry"},
		{2, "key", "2 keys"},
		{2, "match", "2 matches"},
		{2, "id", "2 ids"},
		{2, "file name", "2 file names"},
	} {
		if got := Count(tc.n, tc.noun); got != tc.want {
			t.Errorf("Count(%d, %q) = %q, want %q", tc.n, tc.noun, got, tc.want)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := NewReport("yaml", &bytes.Buffer{}, ReportConfig{Root: "x"}); err == nil {
		t.Fatal("yaml accepted as a report format")
	}
}

func TestLoadProfile(t *testing.T) {
	dir := t.TempDir()
	p, err := LoadProfile(dir)
	if err != nil || len(p.Exclude) != 0 {
		t.Fatalf("missing consign.yaml: %+v, %v", p, err)
	}
	if err := os.WriteFile(filepath.Join(dir, ProfileFile), []byte("exclude: ['*.tmp']\nlanguages: [en, fr]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err = LoadProfile(dir)
	if err != nil || len(p.Exclude) != 1 || len(p.Languages) != 2 {
		t.Fatalf("got %+v, %v", p, err)
	}
	if err := os.WriteFile(filepath.Join(dir, ProfileFile), []byte("exclude: [unclosed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadProfile(dir); !errors.Is(err, ErrBadProfile) {
		t.Fatalf("broken consign.yaml: err = %v, want ErrBadProfile", err)
	}
}

// TestJSONLSummaryAsEncodingJSON holds the summary line, which the JSON
// Lines encoder writes with goccy/go-json, to encoding/json's bytes: nil,
// empty and filled counts.
func TestJSONLSummaryAsEncodingJSON(t *testing.T) {
	for _, sum := range []pipeline.Summary{
		{},
		{Findings: map[string]map[string]int{}, Skipped: map[string]int{}, ByKind: map[string]int{}},
		{Files: 354, Bytes: 6784415, Ignored: 2, Errors: 1, Excluded: 3,
			Findings: map[string]map[string]int{"pii": {"email": 3, "phone": 1}, "rights": {"license": 2}, "secret": {}},
			Skipped:  map[string]int{"fifo": 1, "socket": 2}, ByKind: map[string]int{"text": 200, "image": 150, "other": 4}},
	} {
		var got, want bytes.Buffer
		if err := NewJSONLEncoder(&got).Summary(sum); err != nil {
			t.Fatal(err)
		}
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(summaryLine{Type: "summary", Summary: sum}); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("goccy/go-json:\n%s\nencoding/json:\n%s", got.Bytes(), want.Bytes())
		}
	}
}
