//go:build unix

package bagit

import (
	"io/fs"
	"syscall"
)

// links is the number of names info's file has, and whether the system
// says.
func links(info fs.FileInfo) (uint64, bool) {
	return uint64(info.Sys().(*syscall.Stat_t).Nlink), true
}

// sameStat says whether got and want are the same whole stat, change time
// included.
func sameStat(got, want fs.FileInfo) bool {
	return *got.Sys().(*syscall.Stat_t) == *want.Sys().(*syscall.Stat_t)
}
