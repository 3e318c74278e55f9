package main

import (
	"io/fs"
	"os"
	"path/filepath"
)

// dirLstat is os.Lstat for files visited in path order: it keeps the
// directory of the last file open and looks the next one up there when
// it is in the same directory, a third cheaper than by its full path (the
// kernel then looks up one name instead of every directory of the path).
// A pack stats every original and every redacted copy this way once the
// bundle it replaced is gone.
type dirLstat struct {
	dir  string
	root *os.Root
}

func (d *dirLstat) lstat(name string) (fs.FileInfo, error) {
	dir, base := filepath.Split(name)
	if base == "" {
		return os.Lstat(name)
	}
	if d.root == nil || d.dir != dir {
		d.close()
		r, err := os.OpenRoot(dir)
		if err != nil {
			return os.Lstat(name)
		}
		d.dir, d.root = dir, r
	}
	return d.root.Lstat(base)
}

func (d *dirLstat) close() {
	if d.root != nil {
		d.root.Close()
		d.root = nil
	}
}
