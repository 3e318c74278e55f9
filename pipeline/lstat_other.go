//go:build !(linux && (amd64 || arm64))

package pipeline

import (
	"io/fs"
	"os"
	"path/filepath"
)

// lstatIn is os.Lstat of the entry name of the directory dir, open at abs.
func lstatIn(dir *os.File, abs, name string) (fs.FileInfo, error) {
	return os.Lstat(filepath.Join(abs, name))
}
