package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestWalkStatsAheadInLargeFolders walks a folder of two spans of
// entries and a few more, with subfolders, a FIFO and a symbolic link
// among the later half of the first span, whose stats the walk makes
// ahead, and a folder of a few hundred: every entry is handed on in path
// order with the stat os.Lstat gives, and the FIFO is counted and
// skipped.
func TestWalkStatsAheadInLargeFolders(t *testing.T) {
	files := map[string]string{}
	for i := range 2*aheadFrom + 11 {
		files[fmt.Sprintf("small/%04d.txt", i)] = "small"
	}
	for i := range 2*aheadSpan + aheadFrom/2 {
		files[fmt.Sprintf("big/%04d.txt", i)] = strings.Repeat("x", i)
		if i%500 == 0 {
			files[fmt.Sprintf("big/%04d.d/inner.txt", i)] = "inner"
		}
	}
	root := writeTree(t, files)
	big := filepath.Join(root, "big")
	skipped := 0
	if runtime.GOOS != "windows" { // no FIFOs there, and symbolic links take a privilege
		if err := mkfifo(filepath.Join(big, "3000.fifo")); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink("0001.txt", filepath.Join(big, "3001.link")); err != nil {
			t.Fatal(err)
		}
		files["big/3001.link"] = ""
		skipped = 1
	}

	var got []entry
	w := &walker{root: root, send: func(_ context.Context, e entry) error {
		got = append(got, e)
		return nil
	}}
	if err := w.walk(context.Background()); err != nil {
		t.Fatal(err)
	}

	var want []string
	for p := range files {
		want = append(want, p)
	}
	slices.Sort(want)
	var paths []string
	for _, e := range got {
		paths = append(paths, e.rel)
	}
	if !slices.Equal(paths, want) {
		t.Fatalf("walked %d entries, want %d; first difference at %d", len(paths), len(want), firstDiff(paths, want))
	}
	if w.stats.skipped["fifo"] != skipped {
		t.Errorf("FIFOs skipped: %d, want %d", w.stats.skipped["fifo"], skipped)
	}
	for _, e := range got {
		if e.err != nil {
			t.Errorf("%s: %v", e.rel, e.err)
			continue
		}
		info, err := os.Lstat(e.abs)
		if err != nil {
			t.Fatal(err)
		}
		if e.info.Name() != info.Name() || e.info.Mode() != info.Mode() || StatOf(e.info) != StatOf(info) {
			t.Errorf("%s: the walk's stat %v %+v, os.Lstat's %v %+v", e.rel, e.info.Mode(), StatOf(e.info), info.Mode(), StatOf(info))
		}
	}
}

// TestStatAheadOfRemovedFile stats ahead a listing one of whose files
// is gone since: its stat is a not-exist error, the others' are theirs.
func TestStatAheadOfRemovedFile(t *testing.T) {
	files := map[string]string{}
	for i := range aheadFrom {
		files[fmt.Sprintf("%04d.txt", i)] = strings.Repeat("x", i)
	}
	root := writeTree(t, files)
	f, err := os.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	list, err := f.ReadDir(-1)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(list, func(a, b os.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	gone := len(list) - 3
	if err := os.Remove(filepath.Join(root, list[gone].Name())); err != nil {
		t.Fatal(err)
	}
	if statAhead(root, list[:aheadFrom-1], 0) != nil {
		t.Errorf("a folder of %d entries is stat'ed ahead", aheadFrom-1)
	}
	a := statAhead(root, list, 0)
	if a == nil || a.from != len(list)/2 {
		t.Fatalf("a folder of %d entries: stats ahead %+v, want from %d", len(list), a, len(list)/2)
	}
	files2 := &folder{abs: root}
	defer files2.close()
	for i, de := range list {
		info, err := a.lstat(files2, i, de.Name())
		switch {
		case i == gone:
			if !os.IsNotExist(err) {
				t.Errorf("%s, removed: error %v, want a not-exist error", de.Name(), err)
			}
		case err != nil:
			t.Errorf("%s: %v", de.Name(), err)
		case info.Size() != int64(len(files[de.Name()])):
			t.Errorf("%s: size %d, want %d", de.Name(), info.Size(), len(files[de.Name()]))
		}
	}
}

// firstDiff is the first index where a and b differ.
func firstDiff(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
