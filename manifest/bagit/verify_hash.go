package bagit

import (
	"bytes"
	"context"
	"encoding/hex"
	"hash"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// queued is a tag file to hash and the checksums it must have.
type queued struct {
	path   string
	checks []check
}

// hashAll reads every queued file once, computing all the checksums it
// must have, on Jobs workers, then counts the payload's bytes. The
// workers take the files in order by counting, not from a channel, and
// each file comes with its checksums: on a bag of many small files,
// handing each over and looking its checksums up in the map were a tenth
// of the hashing's CPU beside the system calls and the digests.
func (v *verifier) hashAll(ctx context.Context) error {
	walk, tags, both := v.queue()
	sizes := make([]int64, len(walk)+len(tags))
	var (
		next atomic.Int64
		wg   sync.WaitGroup
	)
	for range hashJobs(v.opts.Jobs) {
		wg.Go(func() {
			opener := newPayloadOpener(v.dir)
			defer opener.close()
			var checks []check
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= len(sizes) {
					return
				}
				if i < len(walk) {
					w := int(walk[i])
					checks = v.payloadChecks(append(checks[:0], both[w]...), w)
					sizes[i] = v.hashFile(ctx, opener, v.walked[w], checks)
					continue
				}
				t := &tags[i-len(walk)]
				if !v.kept.take(t.path) {
					sizes[i] = -1 // Alongside read it and compared its checksums
					continue
				}
				sizes[i] = v.hashFile(ctx, opener, t.path, t.checks)
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	v.countBytes(walk, tags, sizes)
	return nil
}

// queue lists the files to hash: the payload files a payload manifest
// lists, by their index in the walk and in its order, which keeps the
// files of a directory together for the opener, then the tag files,
// sorted, last so that Alongside has read those it reads by then (see
// keptTags). Sorting all the files instead took as long as a twentieth
// of the hashing, on one core before it started. A payload file a tag
// manifest lists too is read once for all its checks: both holds the tag
// manifests' checks of such files, by their index in the walk. A payload
// file costs four bytes here; its path and checksums are found by its
// index as it is hashed.
func (v *verifier) queue() (walk []int32, tags []queued, both map[int][]check) {
	both = map[int][]check{}
	for p, c := range v.checks {
		if i, ok := v.payload[nfc(p)]; ok && v.walked[i] == p && v.listed(i) {
			both[i] = c
			continue
		}
		tags = append(tags, queued{path: p, checks: c})
	}
	slices.SortFunc(tags, func(a, b queued) int { return strings.Compare(a.path, b.path) })
	walk = make([]int32, 0, len(v.walked))
	for i := range v.walked {
		if v.listed(i) {
			walk = append(walk, int32(i))
		}
	}
	return walk, tags, both
}

// countBytes adds up the payload's size for Payload-Oxum: each file's
// bytes as hashFile read them (sizes[k] for walk[k], then for each of
// tags; -1 when it could not), and the size of any other payload file,
// which is stat'ed. Stat'ing every file in the walk instead was a tenth
// of verifying a bag of many small files.
func (v *verifier) countBytes(walk []int32, tags []queued, sizes []int64) {
	if len(walk) == len(v.payload) {
		// Every payload file is in walk (a payload manifest lists only
		// files of the payload, each once).
		for k, w := range walk {
			v.addBytes(v.walked[w], sizes[k])
		}
		return
	}
	// Some payload file is in no payload manifest: it may still have been
	// read for a tag manifest, or not at all.
	index := make(map[string]int64, len(sizes))
	for k, w := range walk {
		index[v.walked[w]] = sizes[k]
	}
	for j, t := range tags {
		index[t.path] = sizes[len(walk)+j]
	}
	for _, disk := range v.walked {
		size, ok := index[disk]
		if !ok {
			size = -1
		}
		v.addBytes(disk, size)
	}
}

// addBytes adds a payload file's size: size, or when it is -1 what
// stat'ing the file says.
func (v *verifier) addBytes(disk string, size int64) {
	if size >= 0 {
		v.report.Bytes += size
		return
	}
	fi, err := os.Lstat(filepath.Join(v.dir, filepath.FromSlash(disk)))
	if err != nil {
		v.problem(disk, "cannot stat: %v", withoutOp(err))
		return
	}
	v.report.Bytes += fi.Size()
}

// digests recycles hash states by algorithm: a bag of many small files
// otherwise allocates two fresh states per file.
var digests = func() map[string]*sync.Pool {
	m := make(map[string]*sync.Pool, len(algorithms))
	for name, newHash := range algorithms {
		m[name] = &sync.Pool{New: func() any { return newHash() }}
	}
	return m
}()

// hashFile checks a file's checksums and returns how many bytes it read,
// or -1 when it could not read the file to its end. It feeds each read to
// every digest the file needs directly, and compares checksums in place.
func (v *verifier) hashFile(ctx context.Context, files *payloadOpener, rel string, checks []check) int64 {
	var (
		namesBuf [8]string
		hashBuf  [8]hash.Hash
	)
	names, hashes := namesBuf[:0], hashBuf[:0]
	for _, c := range checks {
		if indexOf(names, c.src.alg) < 0 {
			h := digests[c.src.alg].Get().(hash.Hash)
			h.Reset()
			names, hashes = append(names, c.src.alg), append(hashes, h)
		}
	}
	defer func() {
		for i, h := range hashes {
			digests[names[i]].Put(h)
		}
	}()
	f, err := files.open(rel)
	if err != nil {
		v.problem(rel, "cannot open: %v", withoutOp(err))
		return -1
	}
	defer f.Close()
	buf := getBuffer()
	defer putBuffer(buf)
	var n int64
	for {
		if err := ctx.Err(); err != nil {
			return -1
		}
		k, err := f.Read(*buf)
		for _, h := range hashes {
			h.Write((*buf)[:k])
		}
		n += int64(k)
		if err == io.EOF {
			break
		}
		if err != nil {
			v.problem(rel, "cannot read: %v", unwrapPath(err))
			return -1
		}
	}
	v.compareSums(rel, checks, names, hashes)
	return n
}

// compareSums compares a file's checksums with what its digests (one for
// each of names) computed.
func (v *verifier) compareSums(rel string, checks []check, names []string, hashes []hash.Hash) {
	v.mu.Lock()
	v.report.Checked += len(checks)
	v.mu.Unlock()
	var sum [maxDigest]byte
	for i := range checks {
		c := &checks[i]
		// Compared as bytes: hex-encoding each digest first was a tenth
		// of the garbage a verify of many small files made.
		got := hashes[indexOf(names, c.src.alg)].Sum(sum[:0])
		if !bytes.Equal(got, c.digest()) {
			v.problem(rel, "%s checksum differs from %s (listed %s, file has %s)", c.src.alg, c.src.name, c.hex(), hex.EncodeToString(got))
		}
	}
}

func indexOf(names []string, name string) int {
	for i, n := range names {
		if n == name {
			return i
		}
	}
	return -1
}
