//go:build !linux

package main

import "errors"

// exchange is only atomic on Linux; elsewhere replaceDir moves the old
// bundle aside first.
func exchange(a, b string) error {
	return errors.New("atomic exchange not supported")
}
