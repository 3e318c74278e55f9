package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/consignhq/consign/pipeline"
)

// corpusRecords scans ../shared/corpus once per test binary.
func corpusRecords(t *testing.T) (string, map[string]*pipeline.Record, pipeline.Summary) {
	t.Helper()
	corpus := sharedDir(t, "corpus")
	if testing.Short() {
		t.Skip("skipping the corpus scan in -short mode")
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"scan", "--format", "jsonl", "--quiet", "--state", t.TempDir(), corpus}, &stdout, &stderr)
	if code != exitOK && code != exitPartial {
		t.Fatalf("scan of the corpus exited %d:\n%s", code, stderr.String())
	}
	recs := map[string]*pipeline.Record{}
	var sum pipeline.Summary
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var typ struct{ Type string }
		if err := json.Unmarshal(sc.Bytes(), &typ); err != nil {
			t.Fatalf("bad JSON line %q: %v", sc.Text(), err)
		}
		switch typ.Type {
		case "file":
			var r pipeline.Record
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				t.Fatal(err)
			}
			recs[r.Path] = &r
		case "summary":
			if err := json.Unmarshal(sc.Bytes(), &sum); err != nil {
				t.Fatal(err)
			}
		}
	}
	return corpus, recs, sum
}

// TestCorpusEveryFileAccountedFor checks invariant 1 and the digests on a
// real creator folder made by others: every file has a record, and every
// sha256 is the file's real digest.
func TestCorpusEveryFileAccountedFor(t *testing.T) {
	corpus, recs, sum := corpusRecords(t)
	seen := 0
	err := filepath.WalkDir(corpus, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(corpus, p)
		rel = filepath.ToSlash(rel)
		seen++
		rec, ok := recs[rel]
		if !ok {
			t.Errorf("%s: no record", rel)
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		h := sha256.New()
		n, err := io.Copy(h, f)
		if err != nil {
			return err
		}
		if got := hex.EncodeToString(h.Sum(nil)); rec.SHA256 != got || rec.Size != n {
			t.Errorf("%s: sha256 %s size %d, want %s %d", rel, rec.SHA256, rec.Size, got, n)
		}
		if rec.MediaType == "" || rec.Kind == "" {
			t.Errorf("%s: no media type or kind", rel)
		}
		if rec.ContentDate == nil {
			t.Errorf("%s: no content date (every file has at least its mtime)", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen != len(recs) || sum.Files != len(recs) {
		t.Errorf("walked %d files, got %d records, summary says %d", seen, len(recs), sum.Files)
	}
	for _, r := range recs {
		if r.Error != "" {
			t.Logf("%s: %s (recorded error)", r.Path, r.Error)
		}
	}
}
