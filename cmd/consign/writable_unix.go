//go:build unix

package main

import "golang.org/x/sys/unix"

// writableByUser says whether this user may make files in the folder abs:
// a folder of another user's, or on a read-only mount, is not writable
// whatever its mode says to its owner.
func writableByUser(abs string) bool {
	return unix.Access(abs, unix.W_OK) == nil
}
