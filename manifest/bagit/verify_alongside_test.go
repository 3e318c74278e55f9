package bagit

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
)

// Alongside runs only when the tag files are in order (with StrictTags;
// without it, everything but the checksums): a caller reads tag files in
// it, which must then be regular files a tag manifest lists.
func TestVerifyAlongside(t *testing.T) {
	tests := []struct {
		name   string
		spoil  func(t *testing.T, dir string)
		called bool
		loose  bool // without StrictTags
	}{
		{"valid bag", func(*testing.T, string) {}, true, false},
		{"changed payload byte: called, the checksum problem follows", func(t *testing.T, dir string) {
			writeOver(t, filepath.Join(dir, "data", "notes", "hello.txt"), []byte("hellO\n"))
		}, true, false},
		{"tag file replaced by a symbolic link", func(t *testing.T, dir string) {
			p := filepath.Join(dir, "bag-info.txt")
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink("/dev/zero", p); err != nil {
				t.Fatal(err)
			}
		}, false, false},
		{"unlisted tag file is a symbolic link", func(t *testing.T, dir string) {
			if err := os.Symlink("/dev/zero", filepath.Join(dir, "extra.json")); err != nil {
				t.Fatal(err)
			}
		}, false, false},
		{"payload file missing: called, the completeness problem follows", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "data", "notes", "hello.txt")); err != nil {
				t.Fatal(err)
			}
		}, true, false},
		{"payload file missing, without StrictTags", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "data", "notes", "hello.txt")); err != nil {
				t.Fatal(err)
			}
		}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := makeBag(t)
			tt.spoil(t, dir)
			var called atomic.Bool
			r, err := Verify(context.Background(), dir, VerifyOptions{StrictTags: !tt.loose, Alongside: func() { called.Store(true) }})
			if err != nil {
				t.Fatal(err)
			}
			if called.Load() != tt.called {
				t.Errorf("Alongside called = %v, want %v (problems: %v)", called.Load(), tt.called, r.Problems)
			}
			if tt.name != "valid bag" && r.Valid() {
				t.Error("spoiled bag reported valid")
			}
		})
	}
}
