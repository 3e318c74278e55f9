package bagit

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
)

// Alongside runs only when everything but the checksums is in order: a
// caller reads tag files in it, which must then be regular files.
func TestVerifyAlongside(t *testing.T) {
	tests := []struct {
		name   string
		spoil  func(t *testing.T, dir string)
		called bool
	}{
		{"valid bag", func(*testing.T, string) {}, true},
		{"changed payload byte: called, the checksum problem follows", func(t *testing.T, dir string) {
			writeOver(t, filepath.Join(dir, "data", "notes", "hello.txt"), []byte("hellO\n"))
		}, true},
		{"tag file replaced by a symbolic link", func(t *testing.T, dir string) {
			p := filepath.Join(dir, "bag-info.txt")
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink("/dev/zero", p); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"payload file missing", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "data", "notes", "hello.txt")); err != nil {
				t.Fatal(err)
			}
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := makeBag(t)
			tt.spoil(t, dir)
			var called atomic.Bool
			r, err := Verify(context.Background(), dir, VerifyOptions{StrictTags: true, Alongside: func() { called.Store(true) }})
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
