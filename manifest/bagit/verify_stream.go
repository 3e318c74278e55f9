package bagit

import (
	"bytes"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// TagFiles reads a bag's files for VerifyOptions.Alongside, by their
// bag-relative paths. A tag file read through it has its checksums
// compared with the bytes read, and the hashing workers do not read it
// again (see keptTags).
type TagFiles struct{ v *verifier }

// ReadFile reads a file whole, as os.ReadFile would. The bytes of a
// payload manifest are those the verifier parses at the same time: the
// caller reads them and never changes them.
func (t TagFiles) ReadFile(rel string) ([]byte, error) { return t.v.readTag(rel) }

// Open opens a file to be read as a stream, with os.Open's errors: the
// metadata files of a bag of a million files are gigabytes, which
// ReadFile would hold in memory at once. A tag file's checksums are
// compared once the stream reaches its end; Close reads whatever the
// caller left unread first, so that closing early never skips them.
func (t TagFiles) Open(rel string) (io.ReadCloser, error) {
	v := t.v
	if v.shared[rel] != nil {
		// A payload manifest the verifier reads whole anyway.
		data, err := v.readTag(rel)
		if err != nil {
			return nil, err
		}
		return io.NopCloser(bytes.NewReader(data)), nil
	}
	f, err := os.Open(filepath.Join(v.dir, filepath.FromSlash(rel)))
	if err != nil {
		return nil, err
	}
	checks, ok := v.checks[rel]
	if !ok || strings.HasPrefix(rel, "data/") || !v.kept.claim(rel) {
		return f, nil // the workers hash it, or no manifest lists it
	}
	h := &hashingReader{v: v, rel: rel, f: f, checks: checks}
	for _, c := range checks {
		if indexOf(h.names, c.src.alg) < 0 {
			h.names, h.hashes = append(h.names, c.src.alg), append(h.hashes, algorithms[c.src.alg]())
		}
	}
	return h, nil
}

// hashingReader is a tag file read as a stream, its checksums computed
// from the bytes as they pass and compared at its end, as hashFile
// compares them.
type hashingReader struct {
	v      *verifier
	rel    string
	f      *os.File
	checks []check
	names  []string
	hashes []hash.Hash
	done   bool // the checksums were compared, or a read failed
}

func (h *hashingReader) Read(p []byte) (int, error) {
	n, err := h.f.Read(p)
	if h.done {
		return n, err
	}
	for _, d := range h.hashes {
		d.Write(p[:n])
	}
	switch {
	case err == io.EOF:
		h.done = true
		h.v.compareSums(h.rel, h.checks, h.names, h.hashes)
	case err != nil:
		h.done = true
		h.v.problem(h.rel, "cannot read: %v", unwrapPath(err))
	}
	return n, err
}

// Close reads the rest of the file for its checksums, then closes it.
func (h *hashingReader) Close() error {
	if !h.done {
		buf := getBuffer()
		for !h.done { // a read error ends it too
			h.Read(*buf)
		}
		putBuffer(buf)
	}
	return h.f.Close()
}
