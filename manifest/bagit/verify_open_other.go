//go:build !linux

package bagit

import (
	"io"
	"os"
)

// payloadOpener opens the files one hashing worker reads.
type payloadOpener struct{}

func newPayloadOpener() *payloadOpener { return &payloadOpener{} }

// open opens a file to be read once to its end.
func (*payloadOpener) open(path string) (io.ReadCloser, error) { return os.Open(path) }

func (*payloadOpener) close() {}
