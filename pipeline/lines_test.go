package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline/catalog"
	"github.com/consignhq/consign/pipeline/extract"
)

// awkwardRecord is a record with every field set, with strings and
// numbers that are awkward to encode, for the decoders' tests.
func awkwardRecord() *Record {
	tdm := 1
	return &Record{
		Path: "photos/été \"quoted\"\\back\u2028<&>.jpg", Size: 1 << 40, SHA256: "ab", MediaType: "image/jpeg", Kind: "image",
		ContentDate: &ContentDate{Value: "2021-06-03T14:22:10+02:00", Source: "exif:DateTimeOriginal"},
		Languages:   []extract.Language{{Code: "en", Confidence: 0.9712345678901234}, {Code: "fr", Confidence: 1e-7}},
		Tags:        map[string]string{"camera_make": "Canon", "title": "<b>&</b>", "comment": "\x00\x1f\ufffd\n"},
		Rights:      &detectors.Rights{Copyright: "© Jane", License: "CC-BY-4.0", TDMReservation: &tdm, C2PA: true},
		FindingIDs:  []string{"1", "2"},
		Redaction:   &Redaction{OriginalSHA256: "cd", OriginalSize: 3, Applied: []string{"exif:GPS removed"}, Kept: []string{"x"}},
		Warnings:    []string{"w\nx"}, Error: "e",
	}
}

// TestDecodeLinesMatchesEncodingJSON holds the cached lines' decoder to
// encoding/json's answer, and the lines to what encoding the decoded
// record again gives, for records with every field set, awkward strings
// and numbers included.
func TestDecodeLinesMatchesEncodingJSON(t *testing.T) {
	full := awkwardRecord()
	full.Findings = []detectors.Finding{{
		ID: "1", Path: "p", Detector: "pii/email", Category: "pii", Kind: "email", Severity: "high", Confidence: 0.95,
		Location: detectors.Location{In: "text", Part: "word/document.xml", Field: "f", Start: 120, End: 140, Line: 5, Column: 10},
		Excerpt:  "j***@e*****.com\r\n", Detail: "d", Value: "v", ValueHash: "h", Action: "mask", Status: "ignored", Reason: "r", Redaction: "mask",
	}, {ID: "2", Status: "open"}}
	for _, tt := range []struct {
		name string
		rec  *Record
	}{{"minimal", &Record{Path: "a"}}, {"every field", full}} {
		t.Run(tt.name, func(t *testing.T) {
			lines, err := encodeLines(tt.rec)
			if err != nil {
				t.Fatal(err)
			}
			split := bytes.Split(bytes.TrimSuffix(lines, []byte{'\n'}), []byte{'\n'})
			if len(split) != 1+len(tt.rec.Findings) {
				t.Fatalf("%d lines for %d findings:\n%s", len(split), len(tt.rec.Findings), lines)
			}
			want := &Record{}
			if err := json.Unmarshal(split[0], want); err != nil {
				t.Fatal(err)
			}
			for _, l := range split[1:] {
				var f detectors.Finding
				if err := json.Unmarshal(l, &f); err != nil {
					t.Fatal(err)
				}
				want.Findings = append(want.Findings, f)
			}
			got, err := decodeLines(lines)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("decoded\n%+v\nwant\n%+v", got, want)
			}
			again, err := encodeLines(got)
			if err != nil || !bytes.Equal(again, lines) {
				t.Errorf("encoded again (%v):\n%s\nwant\n%s", err, again, lines)
			}
		})
	}
	for _, bad := range []string{"", `{"path":"a"}`, "{\"path\":\"a\"}\n{\"id\":", "not json\n"} {
		if _, err := decodeLines([]byte(bad)); err == nil {
			t.Errorf("decodeLines(%q) succeeded", bad)
		}
	}
}

// scanLines scans root with a catalog, decoding every record, and checks
// that the catalog keeps each record as the lines encoding it gives.
func scanLines(t *testing.T, root string, opts Options) []*Record {
	t.Helper()
	cat, err := catalog.Open(context.Background(), filepath.Join(root, StateDir), catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	opts.Root, opts.Catalog = root, cat
	recs, _, err := scanAll(t, opts)
	cat.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r.Lines() != nil {
			t.Errorf("%s: lines given without Options.LinesOnly", r.Path)
		}
		fresh, err := encodeLines(r)
		if err != nil {
			t.Fatal(err)
		}
		if stored := storedForm(t, root, r.Path); stored != string(fresh) {
			t.Errorf("%s: the catalog keeps\n%s\nwhere the record is\n%s", r.Path, stored, fresh)
		}
	}
	return recs
}

// TestCatalogKeepsReportLines reruns a scan: the catalog keeps each
// record as its report lines, and they follow a change of the ignore
// list.
func TestCatalogKeepsReportLines(t *testing.T) {
	root := writeTree(t, map[string]string{"a.txt": "a secret", "b.txt": "plain"})
	var runs atomic.Int64
	opts := Options{Detection: &Detection{Detectors: []detectors.Detector{wordDetector{version: "1", runs: &runs}}, Key: make([]byte, detectors.KeySize)}}
	var recs []*Record
	for range 2 {
		recs = scanLines(t, root, opts)
	}
	ignore := &detectors.IgnoreList{}
	ignore.Add(recs[0].Findings[0], "reviewed")
	opts.Detection.Ignore = ignore
	for i := range 2 {
		scanLines(t, root, opts)
		if stored := storedForm(t, root, "a.txt"); !strings.Contains(stored, `"status":"ignored"`) {
			t.Errorf("run %d after an ignore: the catalog keeps\n%s", i, stored)
		}
	}
	if runs.Load() != 2 {
		t.Errorf("the text detector ran %d times, want 2: the first run's, once a file", runs.Load())
	}
}

// storedForm returns how the catalog in root keeps path's record.
func storedForm(t *testing.T, root, path string) string {
	t.Helper()
	ctx := context.Background()
	cat, err := catalog.Open(ctx, filepath.Join(root, StateDir), catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	info, err := os.Lstat(filepath.Join(root, path))
	if err != nil {
		t.Fatal(err)
	}
	e, hit, err := cat.LookupAny(ctx, path, StatOf(info))
	if err != nil || !hit {
		t.Fatalf("hit %v, err %v", hit, err)
	}
	return string(e.Record)
}

// TestCatalogConvertsOlderEntries reads a catalog entry in the form
// consign kept before schema version 5 without reading the file, and
// keeps it in the current form from then on.
func TestCatalogConvertsOlderEntries(t *testing.T) {
	root := writeTree(t, map[string]string{"a.txt": "a secret"})
	ex := &countingExtractor{}
	var runs atomic.Int64
	opts := Options{Extractors: []extract.Extractor{ex}, Detection: &Detection{Detectors: []detectors.Detector{wordDetector{version: "1", runs: &runs}}, Key: make([]byte, detectors.KeySize)}}
	first := scanLines(t, root, opts)
	want, _ := encodeLines(first[0])

	ctx := context.Background()
	cat, err := catalog.Open(ctx, filepath.Join(root, StateDir), catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Lstat(filepath.Join(root, "a.txt"))
	if err != nil {
		t.Fatal(err)
	}
	e, hit, err := cat.LookupAny(ctx, "a.txt", StatOf(info))
	if err != nil || !hit {
		t.Fatalf("hit %v, err %v", hit, err)
	}
	e.Record, err = json.Marshal(cachedRecord{Record: first[0], Findings: first[0].Findings})
	if err != nil {
		t.Fatal(err)
	}
	var b catalog.Batch
	b.Replace(e)
	if err := cat.Apply(ctx, &b); err != nil {
		t.Fatal(err)
	}
	cat.Close()

	if form := storedForm(t, root, "a.txt"); !strings.HasPrefix(form, `{"record":`) {
		t.Fatalf("not the older form: %s", form)
	}
	for i := range 2 {
		recs := scanLines(t, root, opts)
		if fresh, _ := encodeLines(recs[0]); !bytes.Equal(fresh, want) {
			t.Errorf("run %d: record\n%s\nwant\n%s", i, fresh, want)
		}
		if form := storedForm(t, root, "a.txt"); form != string(want) {
			t.Errorf("run %d: kept as\n%s\nwant\n%s", i, form, want)
		}
	}
	if ex.n.Load() != 1 {
		t.Errorf("%d reads, want 1", ex.n.Load())
	}
}

// TestLinesOnlyGivesTheSameReport reruns a scan with Options.LinesOnly:
// the lines and the summary are those of a scan that decodes every
// record, before and after the ignore list changes a status.
func TestLinesOnlyGivesTheSameReport(t *testing.T) {
	root := writeTree(t, map[string]string{"a.txt": "a secret and a secret", "b.txt": "plain", "c/d.txt": "secret"})
	var runs atomic.Int64
	opts := Options{Detection: &Detection{Detectors: []detectors.Detector{wordDetector{version: "1", runs: &runs}}, Key: make([]byte, detectors.KeySize)}}
	report := func(linesOnly bool) (string, Summary) {
		t.Helper()
		cat, err := catalog.Open(context.Background(), filepath.Join(root, StateDir), catalog.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer cat.Close()
		o := opts
		o.Root, o.Catalog, o.LinesOnly = root, cat, linesOnly
		recs, sum, err := scanAll(t, o)
		if err != nil {
			t.Fatal(err)
		}
		var out strings.Builder
		for _, r := range recs {
			lines := r.Lines()
			if linesOnly && lines == nil {
				t.Fatalf("%s: no lines", r.Path)
			}
			if !linesOnly {
				if lines, err = encodeLines(r); err != nil {
					t.Fatal(err)
				}
			}
			out.Write(lines)
		}
		return out.String(), sum
	}
	want, wantSum := report(false)
	wantSum.Read = 0 // the reruns read nothing
	for i := range 2 {
		if got, sum := report(true); got != want || !reflect.DeepEqual(sum, wantSum) {
			t.Errorf("run %d: report\n%s%+v\nwant\n%s%+v", i, got, sum, want, wantSum)
		}
	}
	recs := scanLines(t, root, opts)
	ignore := &detectors.IgnoreList{}
	ignore.Add(recs[0].Findings[1], "reviewed")
	opts.Detection.Ignore = ignore
	got, sum := report(true)
	if sum.Ignored != 1 || strings.Count(got, `"status":"ignored"`) != 1 {
		t.Errorf("after an ignore: %d ignored in the summary, report\n%s", sum.Ignored, got)
	}
	if again, _ := report(false); again != got {
		t.Errorf("after an ignore: report\n%s\nwant\n%s", got, again)
	}
}

// encodeLinesStd is encodeLines with encoding/json.
func encodeLinesStd(rec *Record) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(FileLine(rec))
	for i := range rec.Findings {
		enc.Encode(FindingLine(&rec.Findings[i]))
	}
	return buf.Bytes()
}

// TestLinesAsEncodingJSON holds the lines encodeLines and the scan
// report's encoder write with goccy/go-json to encoding/json's bytes,
// over records and findings with every field set to awkward strings. One
// difference is known: a number under 1e-6 is written with a two-digit
// exponent by encoding/json ("1e-07" for "1e-7"), the same number; no
// confidence consign writes is that small (a language's share is in
// hundredths), and the test checks such a number reads back the same.
// Map keys are the extractors' tag names, in lowercase ASCII, which both
// order alike.
func TestLinesAsEncodingJSON(t *testing.T) {
	odd := []string{"plain", "", "<b>&amp;</b> \"q\" \\", "line\nbreak\ttab\r", "\u2028\u2029", "caf\u00e9 \U0001F600",
		"bad \xff\xfe utf-8", "\x00\x01\x1f", "\x7f", "photos/été \"quoted\"\\back\u2028<&>.jpg"}
	recs := []*Record{{}, {Path: "a"}}
	for i, s := range odd {
		rec := awkwardRecord()
		rec.Path, rec.RawPath, rec.Kind, rec.Error, rec.LinkTarget = s, s, s, s, s
		rec.Size = int64(i) << (4 * i)
		rec.ContentDate = &ContentDate{Value: s, Source: s}
		rec.Languages = []extract.Language{{Code: "en", Confidence: float64(i) / 7}, {Code: s, Confidence: float64(i) / 100}}
		rec.Tags = map[string]string{"z": s, "album": "", "title": s, "year": s, "camera_make": "Canon"}
		rec.FindingIDs, rec.Warnings = []string{s, "x"}, []string{s}
		rec.Findings = []detectors.Finding{{
			ID: s, Path: s, Detector: "pii/email", Category: "pii", Kind: s, Severity: "high", Confidence: float64(i) / 3,
			Location: detectors.Location{In: "text", Part: s, Field: s, Start: int64(i), End: int64(i) << 33, Line: i, Column: i * 7},
			Excerpt:  s, Detail: s, Value: s, ValueHash: s, Action: "mask", Status: "open", Reason: s, Redaction: s,
		}, {ID: "2", Status: "ignored", Confidence: 1}}
		recs = append(recs, rec)
	}
	for _, rec := range recs {
		got, err := encodeLines(rec)
		if err != nil {
			t.Fatal(err)
		}
		if want := encodeLinesStd(rec); !bytes.Equal(got, want) {
			t.Errorf("goccy/go-json:\n%s\nencoding/json:\n%s", got, want)
		}
	}
	tiny := &Record{Path: "a", Languages: []extract.Language{{Code: "en", Confidence: 6e-7}}}
	lines, err := encodeLines(tiny)
	if err != nil {
		t.Fatal(err)
	}
	var back Record
	if err := json.Unmarshal(bytes.TrimSpace(lines), &back); err != nil || !reflect.DeepEqual(back.Languages, tiny.Languages) {
		t.Errorf("wrote %s for %v, read back as %v (%v)", lines, tiny.Languages, back.Languages, err)
	}
}
