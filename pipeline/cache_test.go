package pipeline

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline/catalog"
	"github.com/consignhq/consign/pipeline/extract"
)

// countingExtractor counts the files it is asked to read.
type countingExtractor struct{ n atomic.Int64 }

func (*countingExtractor) Name() string                 { return "count" }
func (*countingExtractor) Applies(*extract.Source) bool { return true }
func (c *countingExtractor) Extract(_ context.Context, src *extract.Source, res *extract.Result) error {
	c.n.Add(1)
	res.AddField("test:size", string(rune('0'+src.Size%10)))
	return nil
}

// wordDetector finds "secret" in text.
type wordDetector struct {
	version string
	runs    *atomic.Int64
}

func (d wordDetector) Name() string                 { return "test/word" }
func (d wordDetector) Version() string              { return d.version }
func (d wordDetector) Applies(*detectors.Item) bool { return true }
func (d wordDetector) MaxLen() int                  { return 6 }
func (d wordDetector) Detect(context.Context, *detectors.Item) ([]detectors.Finding, error) {
	return nil, nil
}
func (d wordDetector) Find(_ *detectors.Item, chunk []byte) []detectors.Match {
	d.runs.Add(1)
	var out []detectors.Match
	for i := 0; ; {
		j := strings.Index(string(chunk[i:]), "secret")
		if j < 0 {
			return out
		}
		out = append(out, detectors.Match{Start: i + j, End: i + j + 6, Kind: "word", Severity: detectors.SeverityLow})
		i += j + 6
	}
}

func scanCached(t *testing.T, root string, opts Options) []string {
	out, _ := scanCachedSum(t, root, opts)
	return out
}

func scanCachedSum(t *testing.T, root string, opts Options) ([]string, Summary) {
	t.Helper()
	recs, sum := scanCachedRecords(t, root, opts)
	var out []string
	for _, r := range recs {
		b, _ := json.Marshal(struct {
			R *Record
			F []detectors.Finding
		}{r, r.Findings})
		out = append(out, string(b))
	}
	return out, sum
}

// scanCachedRecords scans root with its catalog and returns the records.
func scanCachedRecords(t *testing.T, root string, opts Options) ([]*Record, Summary) {
	t.Helper()
	cat, err := catalog.Open(context.Background(), filepath.Join(root, StateDir), catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	opts.Root, opts.Catalog = root, cat
	recs, sum, err := scanAll(t, opts)
	if err != nil {
		t.Fatal(err)
	}
	return recs, sum
}

func TestCatalogSkipsUnchangedFiles(t *testing.T) {
	root := writeTree(t, map[string]string{"a.txt": "a secret", "b.txt": "plain", "c/d.txt": "another secret"})
	ex := &countingExtractor{}
	var runs atomic.Int64
	det := wordDetector{version: "1", runs: &runs}
	opts := func() Options {
		return Options{Jobs: 2, Extractors: []extract.Extractor{ex}, Detection: &Detection{
			Detectors: []detectors.Detector{det}, Key: make([]byte, detectors.KeySize),
		}}
	}
	first := scanCached(t, root, opts())
	if ex.n.Load() != 3 {
		t.Fatalf("first run read %d files, want 3", ex.n.Load())
	}
	second, sum := scanCachedSum(t, root, opts())
	if ex.n.Load() != 3 {
		t.Errorf("unchanged rerun read %d more files", ex.n.Load()-3)
	}
	if sum.Read != 0 {
		t.Errorf("unchanged rerun read %d bytes of content", sum.Read)
	}
	if strings.Join(first, "\n") != strings.Join(second, "\n") {
		t.Errorf("cached records differ:\n%s\n%s", first, second)
	}

	// One edit: one read. Same size and content would not do, so touch it
	// a second later too.
	later := time.Now().Add(time.Second)
	if err := os.WriteFile(filepath.Join(root, "b.txt"), []byte("now a secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(filepath.Join(root, "b.txt"), later, later)
	third := scanCached(t, root, opts())
	if ex.n.Load() != 4 {
		t.Errorf("after one edit, %d reads in all, want 4", ex.n.Load())
	}
	if !strings.Contains(third[1], `"kind":"word"`) {
		t.Errorf("the edited file's new finding is missing: %s", third[1])
	}

	// A new detector version re-reads, because it reads text.
	det.version = "2"
	scanCached(t, root, opts())
	if ex.n.Load() != 7 {
		t.Errorf("a text detector's new version read %d files in all, want 7", ex.n.Load())
	}

	// A deleted file leaves the catalog.
	if err := os.Remove(filepath.Join(root, "a.txt")); err != nil {
		t.Fatal(err)
	}
	scanCached(t, root, opts())
	cat, err := catalog.Open(context.Background(), filepath.Join(root, StateDir), catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	if n, _ := cat.Len(context.Background()); n != 2 {
		t.Errorf("catalog holds %d files after a deletion, want 2", n)
	}
}

func TestCatalogRefreshesIgnoreStatus(t *testing.T) {
	root := writeTree(t, map[string]string{"a.txt": "a secret"})
	var runs atomic.Int64
	det := wordDetector{version: "1", runs: &runs}
	key := make([]byte, detectors.KeySize)
	opts := Options{Extractors: nil, Detection: &Detection{Detectors: []detectors.Detector{det}, Key: key}}
	first := scanCached(t, root, opts)
	var got struct{ F []detectors.Finding }
	json.Unmarshal([]byte(first[0]), &got)
	if len(got.F) != 1 {
		t.Fatalf("findings %+v", got.F)
	}
	ignore := &detectors.IgnoreList{}
	ignore.Add(got.F[0], "reviewed")
	opts.Detection.Ignore = ignore
	second := scanCached(t, root, opts)
	if !strings.Contains(second[0], `"status":"ignored","reason":"reviewed"`) {
		t.Errorf("cached finding kept its old status: %s", second[0])
	}
}

// sizeDetector is a metadata detector: it reports the test:size field.
type sizeDetector struct {
	version string
	runs    *atomic.Int64
}

func (d sizeDetector) Name() string                 { return "test/size" }
func (d sizeDetector) Version() string              { return d.version }
func (d sizeDetector) Applies(*detectors.Item) bool { return true }
func (d sizeDetector) Detect(_ context.Context, item *detectors.Item) ([]detectors.Finding, error) {
	d.runs.Add(1)
	var out []detectors.Finding
	for _, f := range item.Fields {
		if f.Name == "test:size" {
			out = append(out, detectors.Finding{Kind: "size_" + d.version, Severity: detectors.SeverityLow,
				Location: detectors.Location{In: detectors.InMetadata, Field: f.Name}, Value: f.Value})
		}
	}
	return out, nil
}

// TestCatalogRerunsAMetadataDetectorWithoutReading bumps a metadata
// detector's version: the next run runs it again on the stored metadata,
// and the run after that does not.
func TestCatalogRerunsAMetadataDetectorWithoutReading(t *testing.T) {
	root := writeTree(t, map[string]string{"a.txt": "a secret", "b.txt": "plain"})
	ex := &countingExtractor{}
	var textRuns, metaRuns atomic.Int64
	meta := sizeDetector{version: "1", runs: &metaRuns}
	opts := func() Options {
		return Options{Extractors: []extract.Extractor{ex}, Detection: &Detection{
			Detectors: []detectors.Detector{wordDetector{version: "1", runs: &textRuns}, meta},
			Key:       make([]byte, detectors.KeySize),
		}}
	}
	scanCached(t, root, opts())
	meta.version = "2"
	out := scanCached(t, root, opts())
	// The run after keeps the detector's new findings: it neither runs
	// the detector again nor reads a file.
	if again := scanCached(t, root, opts()); strings.Join(again, "\n") != strings.Join(out, "\n") {
		t.Errorf("records differ on the run after:\n%s\n%s", out, again)
	}
	if ex.n.Load() != 2 {
		t.Errorf("a metadata detector's new version read files again: %d reads, want 2", ex.n.Load())
	}
	if metaRuns.Load() != 4 {
		t.Errorf("metadata detector ran %d times, want 4", metaRuns.Load())
	}
	if !strings.Contains(out[0], `"kind":"size_2"`) || strings.Contains(out[0], `"kind":"size_1"`) {
		t.Errorf("old findings kept or new ones missing: %s", out[0])
	}
	if !strings.Contains(out[0], `"kind":"word"`) {
		t.Errorf("the text detector's cached finding was lost: %s", out[0])
	}
}

// TestCatalogForgetsWhatTheWalkPassed deletes, excludes and adds files
// between others: the catalog keeps exactly the files walked, and the
// unchanged ones are still not read.
func TestCatalogForgetsWhatTheWalkPassed(t *testing.T) {
	root := writeTree(t, map[string]string{
		"a.txt": "a", "b/gone.txt": "g", "b/kept.txt": "k", "c/x.txt": "x", "c/y.txt": "y", "d.txt": "d", "e.txt": "e",
	})
	ex := &countingExtractor{}
	opts := func(exclude ...string) Options {
		x := NewExcluder()
		if err := x.Add("test", exclude...); err != nil {
			t.Fatal(err)
		}
		return Options{Jobs: 2, Extractors: []extract.Extractor{ex}, Exclude: x}
	}
	scanCached(t, root, opts())
	for _, p := range []string{"b/gone.txt", "e.txt"} {
		if err := os.Remove(filepath.Join(root, p)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "b/new.txt"), []byte("n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := ex.n.Load()
	out := scanCached(t, root, opts("c/"))
	if n := ex.n.Load() - before; n != 1 {
		t.Errorf("the rerun read %d files, want 1 (the new one)", n)
	}
	if len(out) != 4 {
		t.Errorf("the rerun gave %d records, want 4", len(out))
	}
	cat, err := catalog.Open(context.Background(), filepath.Join(root, StateDir), catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	cur, err := cat.Entries(context.Background(), "", true)
	if err != nil {
		t.Fatal(err)
	}
	defer cur.Close()
	for _, p := range []string{"a.txt", "b/kept.txt", "b/new.txt", "d.txt"} {
		info, err := os.Lstat(filepath.Join(root, p))
		if err != nil {
			t.Fatal(err)
		}
		if _, hit, _, err := cur.Seek(context.Background(), p, StatOf(info)); !hit || err != nil {
			t.Errorf("%s is not in the catalog (%v)", p, err)
		}
	}
	if n, _ := cat.Len(context.Background()); n != 4 {
		t.Errorf("the catalog holds %d files, want 4 (a, b/kept, b/new, d)", n)
	}
}

// TestDecodeCachedMatchesEncodingJSON holds the cached record's decoder to
// encoding/json's answer for records with every field set, awkward
// strings and numbers included.
func TestDecodeCachedMatchesEncodingJSON(t *testing.T) {
	full := awkwardRecord()
	tests := []struct {
		name string
		cr   cachedRecord
	}{
		{"minimal", cachedRecord{Record: &Record{Path: "a"}}},
		{"every field", cachedRecord{Record: full, SHA512: "ef", Findings: []detectors.Finding{{
			ID: "1", Path: full.Path, Detector: "pii/email", Category: "pii", Kind: "email", Severity: "high", Confidence: 0.95,
			Location: detectors.Location{In: "text", Part: "word/document.xml", Field: "f", Start: 120, End: 140, Line: 5, Column: 10},
			Excerpt:  "j***@e*****.com", Detail: "d", Value: "v", ValueHash: "h", Action: "mask", Status: "ignored", Reason: "r", Redaction: "mask",
		}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.cr)
			if err != nil {
				t.Fatal(err)
			}
			var want, got cachedRecord
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			if err := decodeCached(b, &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("decoded\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}
