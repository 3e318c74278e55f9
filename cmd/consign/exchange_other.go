//go:build !linux

package main

import "errors"

// exchange is only atomic on Linux; elsewhere replaceDir moves the old
// bundle aside first.
func exchange(a, b string) error {
	return errors.New("atomic exchange not supported")
}

// renameNoReplace renames a to b unless b exists; elsewhere than on Linux
// the check and the rename are two steps.
func renameNoReplace(a, b string) error {
	return renameIfAbsent(a, b)
}
