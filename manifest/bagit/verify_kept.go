package bagit

import (
	"errors"
	"hash"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// keptTags lets Alongside read a tag file once, for its own use and for
// the file's checksums: a large bundle's metadata files are tens of
// megabytes that its caller reads (whole, or as a stream: TagFiles)
// while the payload is hashed, and reading them a second time to hash
// them was a twentieth of verifying a bag of many small files. Whichever of Alongside and the hashing
// workers comes to a tag file first checks its checksums; the other only
// reads it.
type keptTags struct {
	mu sync.Mutex
	// claimed are the tag files whose checksums were compared with what
	// Alongside read; taken are those a worker hashes.
	claimed, taken map[string]bool
}

// claim reports whether the caller is the first to come to rel and so
// compares its checksums.
func (k *keptTags) claim(rel string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.claimed[rel] || k.taken[rel] {
		return false
	}
	if k.claimed == nil {
		k.claimed = map[string]bool{}
	}
	k.claimed[rel] = true
	return true
}

// take reports whether a hashing worker is to read rel: Alongside did not
// claim it first.
func (k *keptTags) take(rel string) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.claimed[rel] {
		return false
	}
	if k.taken == nil {
		k.taken = map[string]bool{}
	}
	k.taken[rel] = true
	return true
}

// readTag reads the file rel of the bag whole, as os.ReadFile does (its
// error is os.ReadFile's), and when it is a tag file no hashing worker
// has read yet, compares its checksums with what was read. A file that
// cannot be read is left to the workers, which report it.
func (v *verifier) readTag(rel string) ([]byte, error) {
	var data []byte
	err := errNotShared
	if v.shared[rel] != nil {
		data, err = v.readShared(rel)
	}
	if err != nil {
		// Read again for os.ReadFile's error, which the caller reports.
		if data, err = os.ReadFile(filepath.Join(v.dir, filepath.FromSlash(rel))); err != nil {
			return nil, err
		}
	}
	// The payload's files are hashed with the checksums of the payload
	// manifests; v.checks is not written once Alongside runs.
	checks, ok := v.checks[rel]
	if ok && !strings.HasPrefix(rel, "data/") && v.kept.claim(rel) {
		v.checkBytes(rel, data, checks)
	}
	return data, nil
}

// checkBytes compares the checksums of a file with those of data, its
// content.
func (v *verifier) checkBytes(rel string, data []byte, checks []check) {
	var (
		names  []string
		hashes []hash.Hash
	)
	for _, c := range checks {
		if indexOf(names, c.src.alg) < 0 {
			h := algorithms[c.src.alg]()
			h.Write(data)
			names, hashes = append(names, c.src.alg), append(hashes, h)
		}
	}
	v.compareSums(rel, checks, names, hashes)
}

// sharedRead is one file of the bag read once for the readers that come
// while the verifier parses it; a reader that comes after reads it
// again, as the verifier no longer holds the bytes (see release).
type sharedRead struct {
	mu       sync.Mutex
	read     bool // data and err are the read's
	released bool
	data     []byte
	err      error
}

// errNotShared stands for a file no reader shares.
var errNotShared = errors.New("not shared")

// readShared reads rel as readFile does, once when v.shared holds it and
// the verifier has not released it: the bytes are then read by more
// than one goroutine, and changed by none.
func (v *verifier) readShared(rel string) ([]byte, error) {
	r := v.shared[rel]
	if r == nil {
		return v.readFile(rel)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	switch {
	case r.released:
		return v.readFile(rel)
	case !r.read:
		r.data, r.err = v.readFile(rel)
		r.read = true
	}
	return r.data, r.err
}

// release drops the verifier's hold on the bytes of rel once it has
// decoded them: the payload manifests of a bag of many files are
// megabytes, which stayed in memory beside their decoded text for the
// whole run.
func (v *verifier) release(rel string) {
	if r := v.shared[rel]; r != nil {
		r.mu.Lock()
		r.released, r.data, r.err = true, nil, nil
		r.mu.Unlock()
	}
}
