package pipeline

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline/extract"
)

// A file whose stat changed but whose content did not (touched, copied,
// restored) is hashed, not analysed again, and its record is the one a
// fresh read would make, content date included; a change of content that
// keeps the size is still found.
func TestCatalogKeepsRecordOfTouchedFile(t *testing.T) {
	root := writeTree(t, map[string]string{"a.txt": "a secret", "b.txt": "plain text here", "c.txt": "more plain"})
	ex := &countingExtractor{}
	var runs atomic.Int64
	opts := func() Options {
		return Options{Jobs: 2, Extractors: []extract.Extractor{ex}, SHA512: true, Detection: &Detection{
			Detectors: []detectors.Detector{wordDetector{version: "1", runs: &runs}}, Key: make([]byte, detectors.KeySize),
		}}
	}
	scanCached(t, root, opts())
	if ex.n.Load() != 3 {
		t.Fatalf("first run read %d files, want 3", ex.n.Load())
	}

	// Touched: a new modification time, which is b.txt's content date.
	b := filepath.Join(root, "b.txt")
	touched := time.Date(2031, 5, 6, 7, 8, 9, 0, time.UTC)
	if err := os.Chtimes(b, touched, touched); err != nil {
		t.Fatal(err)
	}
	recs, sum := scanCachedRecords(t, root, opts())
	if ex.n.Load() != 3 {
		t.Errorf("a touched file was analysed again: %d extractor runs in all, want 3", ex.n.Load())
	}
	if want := int64(len("plain text here")); sum.Read != want {
		t.Errorf("rerun read %d bytes, want %d (the touched file, hashed)", sum.Read, want)
	}
	fresh, _, err := scanAll(t, Options{Root: root, Jobs: 1, Extractors: []extract.Extractor{&countingExtractor{}}, SHA512: true, Detection: &Detection{
		Detectors: []detectors.Detector{wordDetector{version: "1", runs: &runs}}, Key: make([]byte, detectors.KeySize),
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(fresh) != 3 || fresh[1].ContentDate == nil || !strings.HasPrefix(fresh[1].ContentDate.Value, "2031-05-06") {
		t.Fatalf("a fresh scan gives b.txt the content date %+v, want 2031-05-06 from its mtime", fresh[1].ContentDate)
	}
	if len(recs) != 3 {
		t.Fatalf("rerun gave %d records, want 3", len(recs))
	}
	if g, w := recs[1], fresh[1]; g.ContentDate == nil || *g.ContentDate != *w.ContentDate || g.SHA256 != w.SHA256 || g.SHA512 != w.SHA512 || g.Size != w.Size || g.Stat != w.Stat {
		t.Errorf("the touched file's kept record differs from a fresh read's:\n got %+v\nwant %+v", g, w)
	}

	// The new fingerprint is stored: the next run reads nothing.
	if _, sum := scanCachedSum(t, root, opts()); sum.Read != 0 || ex.n.Load() != 3 {
		t.Errorf("after the touched file's record was kept, the next run read %d bytes and %d files", sum.Read, ex.n.Load()-3)
	}

	if runtime.GOOS == "windows" {
		return // the fingerprint there is the size and times alone: a copy with the same ones is not read again
	}
	// Copied over itself with its times kept (a new inode, as a copy to
	// another disk has): the record is kept as it is stored.
	want := scanCached(t, root, opts())
	tmp := filepath.Join(root, "b.copy")
	data, err := os.ReadFile(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(tmp, touched, touched); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, b); err != nil {
		t.Fatal(err)
	}
	if got, sum := scanCachedSum(t, root, opts()); sum.Read != int64(len(data)) || ex.n.Load() != 3 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("a copy with the same times: read %d bytes, %d files analysed again; records\n%s\nwant\n%s", sum.Read, ex.n.Load()-3, got, want)
	}
	if _, sum := scanCachedSum(t, root, opts()); sum.Read != 0 {
		t.Errorf("after the copy's record was kept, the next run read %d bytes", sum.Read)
	}

	// Same size, new content: read and analysed.
	if err := os.WriteFile(b, []byte("plain secret..."), 0o644); err != nil {
		t.Fatal(err)
	}
	got := scanCached(t, root, opts())
	if ex.n.Load() != 4 {
		t.Errorf("a file changed in place was not read again: %d extractor runs in all, want 4", ex.n.Load())
	}
	if !strings.Contains(got[1], `"kind":"word"`) {
		t.Errorf("the changed file's new finding is missing: %s", got[1])
	}
}

// A record a scan made without the SHA-512 that a pack needs gets it by
// a hash of the file, not by analysing the file again, and is the record
// a fresh read with the SHA-512 makes; the next run needing it reads
// nothing.
func TestCatalogAddsSHA512ByHashing(t *testing.T) {
	root := writeTree(t, map[string]string{"a.txt": "a secret", "b.txt": "plain text here"})
	ex := &countingExtractor{}
	var runs atomic.Int64
	opts := func(sha512 bool) Options {
		return Options{Jobs: 2, Extractors: []extract.Extractor{ex}, SHA512: sha512, Detection: &Detection{
			Detectors: []detectors.Detector{wordDetector{version: "1", runs: &runs}}, Key: make([]byte, detectors.KeySize),
		}}
	}
	scanCached(t, root, opts(false))
	if ex.n.Load() != 2 {
		t.Fatalf("first run read %d files, want 2", ex.n.Load())
	}
	recs, sum := scanCachedRecords(t, root, opts(true))
	if ex.n.Load() != 2 {
		t.Errorf("records without a SHA-512 were analysed again: %d extractor runs in all, want 2", ex.n.Load())
	}
	if want := int64(len("a secret") + len("plain text here")); sum.Read != want {
		t.Errorf("the run needing SHA-512s read %d bytes, want %d (both files, hashed)", sum.Read, want)
	}
	fresh, _, err := scanAll(t, Options{Root: root, Jobs: 1, Extractors: []extract.Extractor{&countingExtractor{}}, SHA512: true, Detection: &Detection{
		Detectors: []detectors.Detector{wordDetector{version: "1", runs: &runs}}, Key: make([]byte, detectors.KeySize),
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 || len(fresh) != 2 {
		t.Fatalf("%d and %d records, want 2", len(recs), len(fresh))
	}
	for i := range recs {
		g, w := recs[i], fresh[i]
		if g.SHA512 == "" || g.SHA512 != w.SHA512 || g.SHA256 != w.SHA256 || !reflect.DeepEqual(g.Findings, w.Findings) || g.Stat != w.Stat {
			t.Errorf("%s: the kept record differs from a fresh read's:\n got %+v\nwant %+v", g.Path, g, w)
		}
	}
	if _, sum := scanCachedSum(t, root, opts(true)); sum.Read != 0 || ex.n.Load() != 2 {
		t.Errorf("after the SHA-512s were stored, the next run read %d bytes and analysed %d files", sum.Read, ex.n.Load()-2)
	}
}

func TestMtimeContentDate(t *testing.T) {
	mtime := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	exif := &ContentDate{Value: "2001-02-03T04:05:06", Source: "exif:DateTimeOriginal"}
	if got := mtimeContentDate(exif, mtime); got != exif {
		t.Errorf("a date from the content moved with the mtime: %+v", got)
	}
	for _, was := range []*ContentDate{nil, {Value: "2019-01-01T00:00:00Z", Source: "mtime"}} {
		got := mtimeContentDate(was, mtime)
		if got == nil || got.Source != "mtime" || got.Value != mtimeDate(mtime).String() {
			t.Errorf("mtimeContentDate(%+v) = %+v, want the new mtime", was, got)
		}
	}
	if got := mtimeContentDate(&ContentDate{Value: "2019-01-01T00:00:00Z", Source: "mtime"}, time.Unix(0, 0).AddDate(-200, 0, 0)); got != nil {
		t.Errorf("an mtime no date candidate takes is kept as %+v", got)
	}
}
