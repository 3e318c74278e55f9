//go:build unix

package pipeline

import (
	"io/fs"
	"os"
	"syscall"

	"github.com/consignhq/consign/pipeline/catalog"
)

// OpenReadOnly is how consign opens a file it reads: never through a
// symbolic link, and without blocking on a file swapped for a FIFO after
// the walk saw it.
const OpenReadOnly = os.O_RDONLY | syscall.O_NOFOLLOW | syscall.O_NONBLOCK

// statSys adds the inode and change time of info to st.
func statSys(info fs.FileInfo, st *catalog.Stat) {
	if sys, ok := info.Sys().(*syscall.Stat_t); ok {
		st.Inode = sys.Ino
		st.CtimeNS = ctimeNS(sys)
	}
}
