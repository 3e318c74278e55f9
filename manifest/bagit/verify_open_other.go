//go:build !linux

package bagit

import (
	"io"
	"os"
	"path/filepath"
)

// payloadOpener opens the files one hashing worker reads.
type payloadOpener struct{ bag string }

func newPayloadOpener(bag string) *payloadOpener { return &payloadOpener{bag: bag} }

// open opens rel, a "/"-separated path inside the bag, to be read once to
// its end.
func (o *payloadOpener) open(rel string) (io.ReadCloser, error) {
	return os.Open(filepath.Join(o.bag, filepath.FromSlash(rel)))
}

func (*payloadOpener) close() {}
