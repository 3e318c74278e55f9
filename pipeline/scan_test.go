package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"testing"
)

// writeTree makes files (path -> content) under a new temporary folder.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for p, content := range files {
		abs := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(abs, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func scanAll(t *testing.T, opts Options) ([]*Record, Summary, error) {
	t.Helper()
	var recs []*Record
	sum, err := Scan(context.Background(), opts, func(r *Record) error {
		recs = append(recs, r)
		return nil
	})
	return recs, sum, err
}

func TestScanAccountsForEveryFileInPathOrder(t *testing.T) {
	files := map[string]string{
		"a.txt": "a", "a-b.txt": "ab", "a/b.txt": "b", "a/c/d.txt": "d", "b": "",
		"z/y/x/w.txt": "w", "A.txt": "upper", "skip.tmp": "tmp", ".consign/catalog": "state",
		"consign.yaml": "exclude: []\n", "a/c/.consign/key": "a subfolder's key", "z/.consign": "a file",
	}
	want := []string{"A.txt", "a-b.txt", "a.txt", "a/b.txt", "a/c/d.txt", "b", "z/.consign", "z/y/x/w.txt"}
	if caseInsensitive() {
		delete(files, "A.txt") // it would be a.txt
		want = want[1:]
	}
	root := writeTree(t, files)
	ex := NewExcluder()
	if err := ex.Add("test", "*.tmp"); err != nil {
		t.Fatal(err)
	}
	for _, jobs := range []int{1, 2, 7} {
		recs, sum, err := scanAll(t, Options{Root: root, Jobs: jobs, Exclude: ex})
		if err != nil {
			t.Fatalf("jobs=%d: %v", jobs, err)
		}
		var paths []string
		for _, r := range recs {
			paths = append(paths, r.Path)
		}
		if !sort.StringsAreSorted(paths) {
			t.Errorf("jobs=%d: records not in path order: %q", jobs, paths)
		}
		if !slices.Equal(paths, want) {
			t.Errorf("jobs=%d: paths = %q, want %q", jobs, paths, want)
		}
		// Invariant 1: walked = records + excluded (.consign/ folders
		// and the root's consign.yaml are consign's own, not content).
		if sum.Files != len(want) || sum.Excluded != 1 {
			t.Errorf("jobs=%d: summary files=%d excluded=%d, want %d and 1", jobs, sum.Files, sum.Excluded, len(want))
		}
		for _, r := range recs {
			content := files[r.Path]
			h := sha256.Sum256([]byte(content))
			if r.SHA256 != hex.EncodeToString(h[:]) || r.Size != int64(len(content)) {
				t.Errorf("%s: size %d sha256 %s, want %d %x", r.Path, r.Size, r.SHA256, len(content), h)
			}
			if r.ContentDate == nil || r.ContentDate.Source != "mtime" {
				t.Errorf("%s: content date %+v, want the mtime fallback", r.Path, r.ContentDate)
			}
		}
	}
}

func TestScanLeavesTheFolderUntouched(t *testing.T) {
	root := writeTree(t, map[string]string{"x.txt": "x", "d/y.md": "# y"})
	before := snapshot(t, root)
	if _, _, err := scanAll(t, Options{Root: root}); err != nil {
		t.Fatal(err)
	}
	if after := snapshot(t, root); !slices.Equal(before, after) {
		t.Fatalf("scan changed the folder:\nbefore %q\nafter  %q", before, after)
	}
}

// snapshot lists every path with its size, mode and modification time.
func snapshot(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	err := filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		out = append(out, fmt.Sprintf("%s %v %v %d", p, info.Mode(), info.ModTime(), info.Size()))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestScanRootErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := scanAll(t, Options{Root: file}); !errors.Is(err, ErrNotDir) {
		t.Errorf("scanning a file: err = %v, want ErrNotDir", err)
	}
	if _, _, err := scanAll(t, Options{Root: filepath.Join(t.TempDir(), "missing")}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("scanning a missing folder: err = %v, want not-exist", err)
	}
}

func TestScanStopsWhenCancelled(t *testing.T) {
	files := map[string]string{}
	for i := range 200 {
		files[filepath.Join("d", string(rune('a'+i%26)), string(rune('a'+i/26))+".txt")] = "x"
	}
	root := writeTree(t, files)
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	_, err := Scan(ctx, Options{Root: root, Jobs: 2}, func(*Record) error {
		n++
		if n == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v after cancel, want context.Canceled", err)
	}
}

func TestScanReportsEmitErrors(t *testing.T) {
	root := writeTree(t, map[string]string{"a": "a", "b": "b"})
	boom := errors.New("disk full")
	_, err := Scan(context.Background(), Options{Root: root}, func(*Record) error { return boom })
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the emit error", err)
	}
}

// caseInsensitive says whether file names here ignore letter case, as
// Windows' and macOS's do by default.
func caseInsensitive() bool {
	return runtime.GOOS == "windows" || runtime.GOOS == "darwin"
}
