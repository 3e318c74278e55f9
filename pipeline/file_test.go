package pipeline

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/consignhq/consign/pipeline/extract"
)

// TestFileProcessorMakesScansRecords requires a file processed on its own
// to get the record Scan gives it, and the summaries of records summed in
// parts and merged to equal Scan's.
func TestFileProcessorMakesScansRecords(t *testing.T) {
	root := writeTree(t, map[string]string{
		"notes/a.md": "# Hello\n\nWrite to me.\n", "b.txt": "plain text", "data/c.json": `{"k": 1}`,
	})
	if err := os.Symlink("b.txt", filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	opts := Options{Root: root, Extractors: extract.Default(), SHA512: true}
	recs, want, err := scanAll(t, opts)
	if err != nil {
		t.Fatal(err)
	}
	fp := NewFileProcessor(opts)
	var halves [2]Summary
	for i, rec := range recs {
		got := fp.Process(context.Background(), rec.Path, filepath.Join(root, filepath.FromSlash(rec.Path)))
		a, _ := json.Marshal(got)
		b, _ := json.Marshal(rec)
		if string(a) != string(b) || got.SHA512 != rec.SHA512 {
			t.Errorf("%s:\n got %s\nwant %s", rec.Path, a, b)
		}
		halves[i%2].Add(got)
	}
	halves[0].Merge(halves[1])
	halves[0].Findings = map[string]map[string]int{} // as Scan starts it
	got, _ := json.Marshal(halves[0])
	scan, _ := json.Marshal(want)
	if string(got) != string(scan) || halves[0].Read != want.Read {
		t.Errorf("merged summary %s (read %d), Scan's %s (read %d)", got, halves[0].Read, scan, want.Read)
	}
}

func TestFileProcessorRecordsWhatItCannotRead(t *testing.T) {
	root := t.TempDir()
	fp := NewFileProcessor(Options{Root: root, Extractors: extract.Default()})
	for _, tc := range []struct {
		name, rel string
		make      func(abs string) error
		want      string
	}{
		{name: "missing", rel: "gone.txt", make: func(string) error { return nil }, want: "stat: " + syscall.ENOENT.Error()},
		{name: "folder", rel: "dir", make: func(abs string) error { return os.Mkdir(abs, 0o755) }, want: "is a folder"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			abs := filepath.Join(root, tc.rel)
			if err := tc.make(abs); err != nil {
				t.Fatal(err)
			}
			rec := fp.Process(context.Background(), tc.rel, abs)
			if rec.Path != tc.rel || !strings.Contains(rec.Error, tc.want) {
				t.Errorf("record %+v, want an error saying %q", rec, tc.want)
			}
		})
	}
	if rec := fp.Failed("x/y.bin", os.ErrDeadlineExceeded); rec.Path != "x/y.bin" || rec.Kind != extract.KindOther || rec.Error == "" {
		t.Errorf("Failed gave %+v", rec)
	}
}

// TestExcludedAgreesWithTheWalk requires the files a walk never lists or
// leaves out to be the ones Excluded names, so a runner that lists files
// itself (consign-beam) packs the same set.
func TestExcludedAgreesWithTheWalk(t *testing.T) {
	files := map[string]string{
		"keep.txt": "k", "drop.tmp": "t", "tmp/x.txt": "x", "consign.yaml": "exclude: []\n",
		".consign/key": "root key", "a/b/.consign/key": "a subfolder's key", "a/b/c.txt": "c",
		"a/.consign": "a file of that name", "a/consign.yaml": "a subfolder's own file",
	}
	root := writeTree(t, files)
	ex := NewExcluder()
	for _, p := range []string{"*.tmp", "tmp/"} {
		if err := ex.Add("test", p); err != nil {
			t.Fatal(err)
		}
	}
	opts := Options{Root: root, Extractors: extract.Default(), Exclude: ex}
	recs, _, err := scanAll(t, opts)
	if err != nil {
		t.Fatal(err)
	}
	walked := map[string]bool{}
	for _, r := range recs {
		walked[r.Path] = true
	}
	fp := NewFileProcessor(opts)
	for rel := range files {
		if _, excluded := fp.Excluded(rel); excluded == walked[rel] {
			t.Errorf("%s: Excluded says %v, the walk listed it: %v", rel, excluded, walked[rel])
		}
	}
	if entry, _ := fp.Excluded("tmp/x.txt"); entry != "tmp" {
		t.Errorf("tmp/x.txt excluded by %q, want the folder tmp", entry)
	}
}
