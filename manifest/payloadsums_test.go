package manifest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// checkFilesByMap is CheckFilesJSONL's content check as a map from path
// to sha256 does it, line by line: what the sorted lookup must agree
// with. Its missing records come sorted, as the sorted lookup lists them.
func checkFilesByMap(t *testing.T, dir string) []string {
	t.Helper()
	payload := map[string]string{}
	err := eachLine(filepath.Join(dir, "manifest-sha256.txt"), func(_ int, line []byte) error {
		if sum, rel, ok := parsePayloadLine(line, 0); ok {
			payload[rel] = sum
		}
		return nil
	})
	if err != nil {
		return []string{err.Error()}
	}
	var lines []lineHead
	tail, _ := readJSONL(dir, FilesJSONL, nil, recordHeads, func(l *lineHead) { lines = append(lines, keepHead(l)) })
	var problems []string
	seen := map[string]bool{}
	var prev []byte
	for _, l := range lines {
		if l.n == 0 {
			continue
		}
		if l.err != nil {
			problems = append(problems, fmt.Sprintf("%s line %d: %v", FilesJSONL, l.n, l.err))
			continue
		}
		path, sha := l.vals[0], l.vals[1]
		switch sum, ok := payload[string(path)]; {
		case len(path) == 0:
			problems = append(problems, fmt.Sprintf("%s line %d: record without a path", FilesJSONL, l.n))
		case !ok:
			problems = append(problems, fmt.Sprintf("%s line %d: %s is not in the payload", FilesJSONL, l.n, DisplayPath(string(path))))
		case sum != string(sha):
			problems = append(problems, fmt.Sprintf("%s line %d: %s has sha256 %s, the payload file %s", FilesJSONL, l.n, DisplayPath(string(path)), sha, sum))
		case seen[string(path)]:
			problems = append(problems, fmt.Sprintf("%s line %d: %s has a second record", FilesJSONL, l.n, DisplayPath(string(path))))
		case bytes.Compare(path, prev) <= 0:
			problems = append(problems, fmt.Sprintf("%s line %d: %s is out of order", FilesJSONL, l.n, DisplayPath(string(path))))
		}
		seen[string(path)], prev = true, path
	}
	if tail != nil {
		return append(problems, tail.Error())
	}
	var missing []string
	for p := range payload {
		if !seen[p] {
			missing = append(missing, p)
		}
	}
	slices.Sort(missing) // by path, before they are quoted for display
	for _, p := range missing {
		problems = append(problems, fmt.Sprintf("%s: no record for payload file %s", FilesJSONL, DisplayPath(p)))
	}
	return problems
}

// sameFilesCheck fails t unless CheckFilesJSONL finds what checkFilesByMap
// does in a bundle of this manifest and files.jsonl.
func sameFilesCheck(t *testing.T, manifest, files string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "metadata"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"manifest-sha256.txt": manifest, FilesJSONL: files} {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, want := CheckFilesJSONL(dir, nil).Problems, checkFilesByMap(t, dir)
	if !slices.Equal(got, want) {
		t.Fatalf("manifest %q, files %q:\nproblems %q\nby map   %q", manifest, files, got, want)
	}
}

func TestCheckFilesJSONLMatchesMapLookup(t *testing.T) {
	rec := func(path, sum string) string { return `{"path":"` + path + `","size":1,"sha256":"` + sum + `"}` + "\n" }
	sorted := "aa  data/a.txt\nbb  data/b.txt\ncc  data/c%25.txt\n"
	tests := []struct{ name, manifest, files string }{
		{"consistent", sorted, rec("a.txt", "aa") + rec("b.txt", "bb") + rec("c%.txt", "cc")},
		{"missing records, listed in path order", sorted, rec("b.txt", "bb")},
		{"no records", sorted, ""},
		{"second record", sorted, rec("a.txt", "aa") + rec("a.txt", "aa") + rec("b.txt", "bb") + rec("c%.txt", "cc")},
		{"out of order", sorted, rec("b.txt", "bb") + rec("a.txt", "aa") + rec("c%.txt", "cc")},
		{"not in the payload", sorted, rec("a.txt", "aa") + rec("a0.txt", "aa") + rec("b.txt", "bb") + rec("c%.txt", "cc") + rec("d.txt", "dd")},
		{"wrong sum then again", sorted, rec("a.txt", "ab") + rec("a.txt", "aa")},
		{"empty path", sorted, rec("", "aa") + rec("a.txt", "aa")},
		{"manifest out of order", "cc  data/c%25.txt\naa  data/a.txt\nbb  data/b.txt\n", rec("a.txt", "aa") + rec("c%.txt", "cc")},
		{"manifest lists a path twice", "aa  data/a.txt\nbb  data/b.txt\nab  data/a.txt\n", rec("a.txt", "aa") + rec("b.txt", "bb")},
		{"manifest lists a path twice in order", "aa  data/a.txt\nab  data/a.txt\nbb  data/b.txt\n", rec("a.txt", "ab") + rec("b.txt", "bb")},
		{"manifest with CRLF, blanks and spaces", "aa \t data/a.txt\r\n\r\n  bb  data/b.txt  \n\n", rec("a.txt", "aa") + rec("b.txt", "bb")},
		{"manifest lines that are not payload", "aa  a.txt\nxyz  data/b.txt\nbb\n  data/\ncc  data/c.txt", rec("c.txt", "cc")},
		{"manifest without its last newline", "aa  data/a.txt", rec("a.txt", "aa")},
		{"empty manifest", "", rec("a.txt", "aa")},
		{"record not JSON", sorted, "{\n" + rec("a.txt", "aa")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sameFilesCheck(t, tt.manifest, tt.files)
		})
	}
}

func TestPayloadSumsFind(t *testing.T) {
	sums := payloadSums{{rel: "a"}, {rel: "b"}, {rel: "d"}}
	for _, tt := range []struct {
		rel  string
		hint int
		at   int
		ok   bool
	}{
		{"a", 0, 0, true}, {"b", 0, 1, true}, {"b", 1, 1, true}, {"d", 3, 2, true},
		{"c", 2, 2, false}, {"", 0, 0, false}, {"e", 9, 3, false},
	} {
		t.Run(tt.rel, func(t *testing.T) {
			if at, ok := sums.find([]byte(tt.rel), tt.hint); at != tt.at || ok != tt.ok {
				t.Errorf("find(%q, %d) = %d, %v, want %d, %v", tt.rel, tt.hint, at, ok, tt.at, tt.ok)
			}
		})
	}
}

// FuzzCheckFilesJSONL: whatever the manifest and files.jsonl hold, the
// sorted lookup finds what a map does.
func FuzzCheckFilesJSONL(f *testing.F) {
	f.Add("aa  data/a.txt\nbb  data/b.txt\n", `{"path":"b.txt","sha256":"bb"}`+"\n"+`{"path":"a.txt","sha256":"aa"}`)
	f.Add("bb  data/b.txt\r\naa  data/a.txt\nab  data/b.txt", `{"path":"a.txt","sha256":"aa"}`+"\n"+`{"path":"a.txt","sha256":"aa"}`)
	f.Fuzz(func(t *testing.T, manifest, files string) {
		if len(manifest)+len(files) > 1<<16 {
			return
		}
		sameFilesCheck(t, manifest, files)
	})
}
