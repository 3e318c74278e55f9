//go:build !unix

package pipeline

import (
	"io/fs"
	"os"

	"github.com/consignhq/consign/pipeline/catalog"
)

// OpenReadOnly is how consign opens a file it reads. Windows has no
// O_NOFOLLOW: the walk's Lstat already left symbolic links out, and there
// are no FIFOs in a folder to block on.
const OpenReadOnly = os.O_RDONLY

// statSys adds nothing: Windows gives no inode or change time with a
// file's attributes, so its fingerprint is the size and the modification
// time (100 ns on NTFS).
func statSys(fs.FileInfo, *catalog.Stat) {}
