package bagit

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLinkIf takes a file made by an earlier bag only while it is the one
// that bag made, and leaves the new bag without it otherwise.
func TestLinkIf(t *testing.T) {
	old := t.TempDir()
	prev, err := Create(old)
	if err != nil {
		t.Fatal(err)
	}
	if err := prev.AddFile("a.txt", strings.NewReader("masked ****")); err != nil {
		t.Fatal(err)
	}
	sums, err := prev.Sums("a.txt")
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(old, "data", "a.txt")
	info, err := os.Lstat(src)
	if err != nil {
		t.Fatal(err)
	}
	same := func(fi fs.FileInfo) bool { return os.SameFile(fi, info) && fi.ModTime().Equal(info.ModTime()) }
	tests := []struct {
		name   string
		sums   Sums
		change func()
		linked bool
	}{
		{"unchanged", sums, func() {}, true},
		{"no digests", Sums{Size: sums.Size}, func() {}, false},
		{"wrong size", Sums{Size: 1, SHA256: sums.SHA256, SHA512: sums.SHA512}, func() {}, false},
		{"touched", sums, func() {
			later := time.Now().Add(time.Hour)
			os.Chtimes(src, later, later)
		}, false},
		{"gone", sums, func() { os.Remove(src) }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.change()
			w, err := Create(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			linked, err := w.LinkIf("a.txt", src, tt.sums, same)
			if err != nil || linked != tt.linked {
				t.Fatalf("LinkIf = %v, %v; want %v", linked, err, tt.linked)
			}
			got, err := w.Sums("a.txt")
			if linked && (err != nil || got != sums) {
				t.Errorf("sums %+v (%v), want %+v", got, err, sums)
			}
			if !linked {
				if err == nil {
					t.Error("a declined file is in the payload")
				}
				if _, err := os.Lstat(filepath.Join(w.dir, "data", "a.txt")); err == nil {
					t.Error("a declined file was left in data/")
				}
				if err := w.AddFile("a.txt", strings.NewReader("made again")); err != nil {
					t.Errorf("the name stays taken after a declined link: %v", err)
				}
			}
		})
	}
}
