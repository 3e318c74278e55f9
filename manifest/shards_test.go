package manifest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	shardSum = `{"files":2,"bytes":9,"findings":{},"errors":0,"root":"/srv/photos","consign_version":"test"}`
	hexA     = "aa"
	hexB     = "bb"
)

func sha512Line(c, path string) string { return strings.Repeat(c, 64) + "  " + path + "\n" }

func writeShardDir(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestReadShardsOrdersAsScan(t *testing.T) {
	dir := writeShardDir(t, map[string]string{
		"summary.json":      shardSum,
		"files-00001.jsonl": `{"type":"file","path":"z.txt","size":4,"sha256":"` + strings.Repeat("1", 64) + `","finding_ids":["f2","f1"]}` + "\n",
		"files-00000.jsonl": `{"type":"file","path":"a%.txt","size":5}` + "\n",
		"findings-00000.jsonl": `{"type":"finding","id":"f1","path":"z.txt","detector":"pii/email","status":"open"}` + "\n" +
			`{"type":"finding","id":"f2","path":"z.txt","detector":"pii/phone","status":"open"}` + "\n",
		"sha512-00000.txt": sha512Line(hexA, "data/z.txt") + sha512Line(hexB, "data/a%25.txt"),
	})
	s, err := ReadShards(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.Root != "/srv/photos" || s.Summary.Files != 2 || len(s.Records) != 2 {
		t.Fatalf("got %+v", s)
	}
	if s.Records[0].Path != "a%.txt" || s.Records[0].SHA512 != strings.Repeat(hexB, 64) || s.Records[1].SHA512 != strings.Repeat(hexA, 64) {
		t.Fatalf("records %+v %+v", s.Records[0], s.Records[1])
	}
	if len(s.Findings) != 2 || s.Findings[0].ID != "f2" || s.Findings[1].ID != "f1" {
		t.Fatalf("findings not in finding_ids order: %+v", s.Findings)
	}
}

func TestReadShardsRefusesInconsistentShards(t *testing.T) {
	file := `{"type":"file","path":"a.txt","size":5,"finding_ids":["f1"]}` + "\n"
	finding := `{"type":"finding","id":"f1","path":"a.txt","detector":"pii/email","status":"open"}` + "\n"
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{name: "no summary", files: map[string]string{"files-0.jsonl": file}, want: "summary.json"},
		{name: "no root", files: map[string]string{"summary.json": `{"files":1}`}, want: `has no "root"`},
		{name: "unknown field", files: map[string]string{"summary.json": shardSum, "files-0.jsonl": `{"type":"file","path":"a.txt","colour":"red"}`}, want: "files-0.jsonl:1"},
		{name: "finding line in files", files: map[string]string{"summary.json": shardSum, "files-0.jsonl": finding}, want: `not a "file" line`},
		{name: "climbs out", files: map[string]string{"summary.json": shardSum, "files-0.jsonl": `{"type":"file","path":"../etc/passwd","size":5}`}, want: "not a path inside the scan root"},
		{name: "absolute", files: map[string]string{"summary.json": shardSum, "files-0.jsonl": `{"type":"file","path":"/etc/passwd","size":5}`}, want: "not a path inside the scan root"},
		{name: "second record", files: map[string]string{"summary.json": shardSum, "files-0.jsonl": file, "files-1.jsonl": file}, want: "a second record for a.txt"},
		{name: "missing finding", files: map[string]string{"summary.json": shardSum, "files-0.jsonl": file}, want: "lists finding f1"},
		{name: "finding of no record", files: map[string]string{"summary.json": shardSum, "findings-0.jsonl": finding}, want: "which no record describes"},
		{name: "finding not listed", files: map[string]string{"summary.json": shardSum, "files-0.jsonl": `{"type":"file","path":"a.txt","size":5}`, "findings-0.jsonl": finding}, want: "not in its record's finding_ids"},
		{name: "sha512 outside data", files: map[string]string{"summary.json": shardSum, "files-0.jsonl": file, "findings-0.jsonl": finding, "sha512-0.txt": sha512Line(hexA, "a.txt")}, want: `"SHA512  data/PATH"`},
		{name: "sha512 of no record", files: map[string]string{"summary.json": shardSum, "files-0.jsonl": file, "findings-0.jsonl": finding, "sha512-0.txt": sha512Line(hexA, "data/b.txt")}, want: "sha512 of b.txt"},
		{name: "shard missing", files: map[string]string{"summary.json": `{"files":1,"root":"/srv/photos","lines":3}`, "files-0.jsonl": file, "findings-0.jsonl": finding}, want: "the shards hold 2 lines and summary.json says 3"},
		{name: "summary of no file", files: map[string]string{"summary.json": `{"files":0,"root":"/srv/photos","lines":0}`, "files-0.jsonl": file, "findings-0.jsonl": finding}, want: "summary.json says files: 0, and the file shards hold 1"},
		{name: "summary of more files", files: map[string]string{"summary.json": shardSum, "files-0.jsonl": file, "findings-0.jsonl": finding}, want: "summary.json says files: 2, and the file shards hold 1"},
		{name: "two sha512", files: map[string]string{"summary.json": shardSum, "files-0.jsonl": file, "findings-0.jsonl": finding, "sha512-0.txt": sha512Line(hexA, "data/a.txt") + sha512Line(hexB, "data/a.txt")}, want: "a second, different sha512"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadShards(writeShardDir(t, tt.files))
			if !errors.Is(err, ErrBadShards) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want ErrBadShards with %q", err, tt.want)
			}
		})
	}
}

// FuzzParsePayloadLine: no panic; an accepted line gives a 128-digit
// lower-case checksum and a non-empty path that the line holds under data/.
func FuzzParsePayloadLine(f *testing.F) {
	f.Add([]byte(sha512Line(hexA, "data/a%25.txt")))
	f.Add([]byte(sha512Line(hexB, "data/line%0Abreak")))
	f.Add([]byte(sha512Line(hexA, "a.txt")))
	f.Add([]byte("zz  data/x"))
	f.Fuzz(func(t *testing.T, line []byte) {
		sum, rel, ok := parsePayloadLine(line, 128)
		if !ok {
			return
		}
		if len(sum) != 128 || strings.Trim(sum, "0123456789abcdef") != "" || rel == "" || len(rel) > len(line) {
			t.Fatalf("accepted %q as %q %q", line, sum, rel)
		}
	})
}
