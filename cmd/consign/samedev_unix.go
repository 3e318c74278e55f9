//go:build unix

package main

import "syscall"

// sameDevice says whether two paths are on one file system, where a hard
// link from one to the other can be made.
func sameDevice(a, b string) bool {
	var sa, sb syscall.Stat_t
	if syscall.Stat(a, &sa) != nil || syscall.Stat(b, &sb) != nil {
		return false
	}
	return sa.Dev == sb.Dev
}
