package bagit

import (
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReadCapped(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		limit   int64
		size    int64 // the length the file had when opened
		wantErr bool
	}{
		{"size known", "abcdef", 10, 6, false}, // read into one buffer of 7 bytes
		{"file grew since", strings.Repeat("x", 3000), 10000, 6, false},
		{"file shrank since", "abc", 10, 6, false},
		{"no size", "abcdef", 10, 0, false},
		{"at the limit", "abcdef", 6, 6, false},
		{"past the limit", "abcdefg", 6, 6, true},
		{"past the limit, size unknown", strings.Repeat("x", 5000), 4096, 0, true},
		{"empty", "", 10, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// One byte per read, as a slow reader gives them.
			got, err := readCapped(iotest.OneByteReader(strings.NewReader(tt.text)), tt.limit, tt.size)
			switch {
			case tt.wantErr && err == nil:
				t.Fatalf("read %d bytes, want an error past %d", len(got), tt.limit)
			case !tt.wantErr && err != nil:
				t.Fatal(err)
			case !tt.wantErr && string(got) != tt.text:
				t.Fatalf("read %q, want %q", got, tt.text)
			}
			if tt.name == "size known" && cap(got) != 7 {
				t.Errorf("read into a buffer of %d bytes, want one of the file's size and one more", cap(got))
			}
		})
	}
}

// walkByWalkDir is walkPayload's walk as filepath.WalkDir makes it: the
// payload files in order, and the problems.
func walkByWalkDir(t *testing.T, dir string) (walked, problems []string) {
	t.Helper()
	seen := map[string]string{}
	root := filepath.Join(dir, "data")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		r, _ := filepath.Rel(dir, p)
		rel := filepath.ToSlash(r)
		switch {
		case err != nil:
			problems = append(problems, rel+": cannot read: "+unwrapPath(err).Error())
		case d.IsDir():
		case d.Type()&fs.ModeSymlink != 0:
			problems = append(problems, rel+": is a symbolic link: a bag holds regular files only")
		case !d.Type().IsRegular():
			problems = append(problems, rel+": is a "+describeMode(d.Type())+", not a regular file")
		case seen[nfc(rel)] != "":
			problems = append(problems, rel+": has the same name as "+seen[nfc(rel)]+" once Unicode-normalized")
		default:
			seen[nfc(rel)] = rel
			walked = append(walked, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return walked, problems
}

// The payload walk finds what filepath.WalkDir finds, in its order,
// whichever way the bag's directory is named.
func TestWalkPayloadAsWalkDir(t *testing.T) {
	bag := t.TempDir()
	for _, f := range []string{"a.txt", "a/b.txt", "a/b/c.txt", "a-b", "a b/x", "Z", "é/1", "e\u0301/2", "e\u0301x", "\u00e9x", "d/e/f/g/h.md", "100%.txt"} {
		p := filepath.Join(bag, "data", filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(filepath.Join(bag, "data", "empty", "dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	symlink(t, "a.txt", filepath.Join(bag, "data", "link"))
	symlink(t, "a", filepath.Join(bag, "data", "dirlink"))
	t.Chdir(bag)
	for _, dir := range []string{bag, bag + "/", bag + "/.", ".", "./", filepath.Join("..", filepath.Base(bag))} {
		t.Run(dir, func(t *testing.T) {
			wantWalked, wantProblems := walkByWalkDir(t, dir)
			if len(wantWalked) < 10 || len(wantProblems) < 3 {
				t.Fatalf("WalkDir found %d files and %d problems: the tree is not what the test built", len(wantWalked), len(wantProblems))
			}
			v := &verifier{dir: dir, report: &Report{}}
			if err := v.walkPayload(); err != nil {
				t.Fatal(err)
			}
			var problems []string
			for _, p := range v.report.Problems {
				problems = append(problems, p.String())
			}
			if !slices.Equal(v.walked, wantWalked) || !slices.Equal(problems, wantProblems) || v.report.Files != len(wantWalked) {
				t.Errorf("walk of %q:\n%q\n%q\nWalkDir:\n%q\n%q", dir, v.walked, problems, wantWalked, wantProblems)
			}
		})
	}
}
