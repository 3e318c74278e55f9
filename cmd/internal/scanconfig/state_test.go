package scanconfig

import (
	"os"
	"path/filepath"
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
