package main

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// exchange swaps two directories atomically (renameat2 RENAME_EXCHANGE).
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}

// renameNoReplace renames a to b unless b exists, in one step
// (renameat2 RENAME_NOREPLACE), so that an empty folder made at b meanwhile
// is not replaced either; an error for an existing b is fs.ErrExist. A
// file system without the flag gets the check and the rename apart.
func renameNoReplace(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_NOREPLACE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		return renameIfAbsent(a, b)
	}
	if err != nil {
		return &os.LinkError{Op: "rename", Old: a, New: b, Err: err}
	}
	return nil
}
