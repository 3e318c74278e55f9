package scanconfig

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestExistingState(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	folder := t.TempDir()
	own := filepath.Join(folder, ".consign")
	if got := ExistingState(folder); got != own {
		t.Errorf("no state yet: %s, want %s", got, own)
	}
	alt, err := CachedState(folder + "/")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(alt, 0o700); err != nil {
		t.Fatal(err)
	}
	if got := ExistingState(folder); got != alt {
		t.Errorf("state kept in the cache for a read-only folder: %s, want %s", got, alt)
	}
	if err := os.Mkdir(own, 0o700); err != nil {
		t.Fatal(err)
	}
	if got := ExistingState(folder); got != own {
		t.Errorf("the folder's own state comes first: %s, want %s", got, own)
	}
}

// TestCachedStateResolvesLinks holds that a folder reached through a
// symbolic link keeps its state in the same place as by its own path.
func TestCachedStateResolvesLinks(t *testing.T) {
	skipSymlinksOnWindows(t)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	folder := t.TempDir()
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(folder, link); err != nil {
		t.Fatal(err)
	}
	direct, err := CachedState(folder)
	if err != nil {
		t.Fatal(err)
	}
	via, err := CachedState(link)
	if err != nil {
		t.Fatal(err)
	}
	if via != direct {
		t.Errorf("through a link: %s, by its path: %s", via, direct)
	}
	// A path that does not resolve (the folder gone) still has a place.
	if _, err := CachedState(filepath.Join(folder, "gone")); err != nil {
		t.Errorf("a folder that does not exist: %v", err)
	}
}

// skipSymlinksOnWindows skips a test of symbolic links on Windows, where
// making one takes a privilege most users lack (and Wine makes none).
func skipSymlinksOnWindows(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links: a Unix test")
	}
}
