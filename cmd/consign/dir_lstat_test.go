package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/consignhq/consign/pipeline"
)

// TestDirLstatAsOS stats files in and across folders, a missing one and a
// symbolic link, and checks that dirLstat gives what os.Lstat gives.
func TestDirLstatAsOS(t *testing.T) {
	root := t.TempDir()
	for _, name := range []string{"a/1", "a/2", "b/1", "a/3"} {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	names := []string{"a/1", "a/2", "b/1", "a/3", "a/2"}
	if canSymlink(t) {
		if err := os.Symlink("1", filepath.Join(root, "b", "link")); err != nil {
			t.Fatal(err)
		}
		names = []string{"a/1", "a/2", "b/1", "b/link", "a/3", "a/2"}
	}
	var d dirLstat
	defer d.close()
	for _, name := range names {
		p := filepath.Join(root, filepath.FromSlash(name))
		got, err := d.lstat(p)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want, err := os.Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		if !os.SameFile(got, want) || got.Mode() != want.Mode() || got.Size() != want.Size() || pipeline.StatOf(got) != pipeline.StatOf(want) {
			t.Errorf("%s: %v %v, os.Lstat %v %v", name, got.Mode(), got.Size(), want.Mode(), want.Size())
		}
	}
	if _, err := d.lstat(filepath.Join(root, "a", "absent")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("absent file: %v", err)
	}
	if _, err := d.lstat(filepath.Join(root, "absent", "1")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("file in an absent folder: %v", err)
	}
}
