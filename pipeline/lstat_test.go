package pipeline

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestFolderLstat checks that the walk's stat of a folder's entry gives what
// os.Lstat gives, for every kind of entry the walk meets.
func TestFolderLstat(t *testing.T) {
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(dir, "file.txt"), []byte("hello"), 0o640))
	must(os.WriteFile(filepath.Join(dir, "setuid"), nil, 0o755))
	must(os.Chmod(filepath.Join(dir, "setuid"), 0o4755|os.ModeSetuid|os.ModeSticky))
	must(os.Mkdir(filepath.Join(dir, "sub"), 0o750))
	names := []string{"file.txt", "setuid", "sub"}
	if runtime.GOOS != "windows" { // no FIFOs there, and symbolic links take a privilege
		must(os.Symlink("file.txt", filepath.Join(dir, "link")))
		must(mkfifo(filepath.Join(dir, "fifo")))
		names = append(names, "link", "fifo")
	}
	f := &folder{abs: dir}
	defer f.close()
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			want, err := os.Lstat(filepath.Join(dir, name))
			must(err)
			got, err := f.lstat(name)
			must(err)
			if got.Name() != want.Name() || got.Size() != want.Size() || got.Mode() != want.Mode() ||
				!got.ModTime().Equal(want.ModTime()) || got.IsDir() != want.IsDir() || StatOf(got) != StatOf(want) {
				t.Errorf("folder.lstat = %s %d %v %v %v %+v; os.Lstat = %s %d %v %v %v %+v",
					got.Name(), got.Size(), got.Mode(), got.ModTime(), got.IsDir(), StatOf(got),
					want.Name(), want.Size(), want.Mode(), want.ModTime(), want.IsDir(), StatOf(want))
			}
		})
	}
	t.Run("missing", func(t *testing.T) {
		if _, err := f.lstat("missing"); !os.IsNotExist(err) {
			t.Errorf("lstat of a missing name: %v, want a not-exist error", err)
		}
	})
}
