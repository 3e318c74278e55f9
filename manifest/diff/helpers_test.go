package diff

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
)

// fakeBundle is the part of a bundle Compare reads; writeBundle lays it out
// in a temporary directory.
type fakeBundle struct {
	id        string
	records   []pipeline.Record
	findings  []detectors.Finding
	licence   string // the licence_offer JSON; "" writes no content profile
	rawFiles  string // when set, files.jsonl is written as is
	rawFinds  string // when set, findings.jsonl is written as is
	agent     string // Bag-Software-Agent; default "consign v0.3.0"
	noFinding bool   // write no findings.jsonl
}

const catalogA = "urn:uuid:4fa8202b-dba1-4b72-b354-3f29393d9b61"

func writeBundle(t *testing.T, b fakeBundle) string {
	t.Helper()
	dir := t.TempDir()
	if b.id == "" {
		b.id = catalogA
	}
	if b.agent == "" {
		b.agent = "consign v0.3.0"
	}
	write(t, dir, "bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
	write(t, dir, "bag-info.txt", "Source-Organization: Ada Studio\nExternal-Identifier: "+b.id+
		"\nBag-Software-Agent: "+b.agent+"\nBagging-Date: 2024-06-03\nPayload-Oxum: 1.1\n")
	files := b.rawFiles
	if files == "" {
		recs := append([]pipeline.Record(nil), b.records...)
		sort.Slice(recs, func(i, j int) bool { return recs[i].Path < recs[j].Path })
		files = jsonLines(t, recs)
	}
	write(t, dir, "metadata/files.jsonl", files)
	if !b.noFinding {
		finds := b.rawFinds
		if finds == "" {
			finds = jsonLines(t, b.findings)
		}
		write(t, dir, "metadata/findings.jsonl", finds)
	}
	if b.licence != "" {
		write(t, dir, "metadata/content-profile.json", `{"catalog":{},"provenance":{"tool":"consign"},"licence_offer":`+b.licence+"}\n")
	}
	return dir
}

func jsonLines[T any](t *testing.T, xs []T) string {
	t.Helper()
	var s string
	for _, x := range xs {
		b, err := json.Marshal(x)
		if err != nil {
			t.Fatal(err)
		}
		s += string(b) + "\n"
	}
	return s
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// sum is a fake sha256 made of one repeated hex digit.
func sum(c byte) string {
	b := make([]byte, 64)
	for i := range b {
		b[i] = c
	}
	return string(b)
}

func rec(path string, sha byte, size int64) pipeline.Record {
	return pipeline.Record{Path: path, SHA256: sum(sha), Size: size, MediaType: "text/plain", Kind: "text"}
}

func redacted(r pipeline.Record, copySHA byte, applied ...string) pipeline.Record {
	r.Redaction = &pipeline.Redaction{OriginalSHA256: r.SHA256, OriginalSize: r.Size, Applied: applied}
	r.SHA256 = sum(copySHA)
	return r
}

func mustCompare(t *testing.T, oldDir, newDir string) *Report {
	t.Helper()
	r, err := Compare(oldDir, newDir)
	if err != nil {
		t.Fatalf("Compare: %v", err)
	}
	return r
}

func paths[T any](xs []T, path func(T) string) []string {
	out := []string{}
	for _, x := range xs {
		out = append(out, path(x))
	}
	return out
}

func filePath(f File) string         { return f.Path }
func changePath(c FileChange) string { return c.Path }
func findingID(f Finding) string     { return f.ID }
