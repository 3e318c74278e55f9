//go:build !linux

package bagit

import (
	"io/fs"
	"os"
)

// dirCursor links and stats files by their paths.
type dirCursor struct{}

func (c *dirCursor) close() {}

// link makes dst a hard link to src.
func (c *dirCursor) link(src, dst string) error { return os.Link(src, dst) }

// lstat is os.Lstat.
func (c *dirCursor) lstat(name string) (fs.FileInfo, error) { return os.Lstat(name) }
