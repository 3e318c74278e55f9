//go:build !linux

package bagit

import (
	"io"
	"os"
)

// openPayload opens a file to be read once to its end.
func openPayload(path string) (io.ReadCloser, error) { return os.Open(path) }
