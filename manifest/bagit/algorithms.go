package bagit

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"hash"
	"io"
)

// algorithms are the checksum algorithms the verifier checks, by the name
// manifest files carry. md5 and sha1 are only read, for bags other tools
// made: consign writes sha256 and sha512.
var algorithms = map[string]func() hash.Hash{
	"md5":    md5.New,
	"sha1":   sha1.New,
	"sha224": sha256.New224,
	"sha256": sha256.New,
	"sha384": sha512.New384,
	"sha512": sha512.New,
}

// hexLen is the length of an algorithm's checksum in hex.
func hexLen(alg string) int {
	return 2 * algorithms[alg]().Size()
}

// multiHash computes several checksums of one stream.
type multiHash struct {
	names  []string
	hashes []hash.Hash
	w      io.Writer
}

func newMultiHash(names []string) *multiHash {
	m := &multiHash{names: names}
	ws := make([]io.Writer, len(names))
	for i, n := range names {
		h := algorithms[n]()
		m.hashes = append(m.hashes, h)
		ws[i] = h
	}
	m.w = io.MultiWriter(ws...)
	return m
}

func (m *multiHash) Write(p []byte) (int, error) { return m.w.Write(p) }

// sums returns the hex checksums by algorithm name.
func (m *multiHash) sums() map[string]string {
	out := make(map[string]string, len(m.names))
	for i, n := range m.names {
		out[n] = hex.EncodeToString(m.hashes[i].Sum(nil))
	}
	return out
}
