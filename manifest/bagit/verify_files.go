package bagit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/consignhq/consign/manifest/internal/display"
)

// walkPayload lists every file under data/, refusing anything that is not
// a regular file or directory. It does not stat them: their sizes are
// counted as they are read (see countBytes). expect is how many files the
// manifests list, to size the map once.
func (v *verifier) walkPayload() error {
	v.payload = map[string]int{}
	root := filepath.Join(v.dir, "data")
	info, err := os.Lstat(root)
	switch {
	case err != nil:
		v.problem("data", "the payload directory is missing")
		return nil
	case info.Mode()&fs.ModeSymlink != 0:
		v.problem("data", "the payload directory is a symbolic link: a bag holds regular files only")
		return nil
	case !info.IsDir():
		v.problem("data", "is a %s, not the payload directory", describeMode(info.Mode()))
		return nil
	}
	v.walkDir(root, "data")
	return nil
}

// walkDir lists the files under disk, the directory rel of the bag, as
// filepath.WalkDir does and in its order (each directory's entries sorted
// by name, a subdirectory's files before the next entry), without joining
// and cleaning each path again and cutting the bag's directory off it:
// that was a third of the walk of a payload of many small files.
func (v *verifier) walkDir(disk, rel string) {
	entries, err := os.ReadDir(disk)
	if err != nil {
		// os.ReadDir gives the entries it read before the error, which
		// WalkDir walks too.
		v.problem(rel, "cannot read: %v", unwrapPath(err))
	}
	for _, d := range entries {
		name := d.Name()
		childDisk, childRel := disk+string(filepath.Separator)+name, rel+"/"+name
		switch t := d.Type(); {
		case t.IsDir():
			v.walkDir(childDisk, childRel)
		case t&fs.ModeSymlink != 0:
			v.problem(childRel, "is a symbolic link: a bag holds regular files only")
		case !t.IsRegular():
			v.problem(childRel, "is a %s, not a regular file", describeMode(t))
		default:
			v.addPayload(childRel)
		}
	}
}

// addPayload adds rel, a regular file of the payload, unless another has
// the same name once Unicode-normalized.
func (v *verifier) addPayload(rel string) {
	key := nfc(rel)
	if other, dup := v.payload[key]; dup {
		v.problem(rel, "has the same name as %s once Unicode-normalized", display.Path(v.walked[other]))
		return
	}
	v.payload[key] = len(v.walked)
	v.walked = append(v.walked, rel)
	v.report.Files++
}

// tagEntries is the most entries any tag manifest has.
func tagEntries(manifests []*manifestFile) int { return mostEntries(manifests, true) }

func mostEntries(manifests []*manifestFile, tag bool) int {
	n := 0
	for _, m := range manifests {
		if m.tag == tag {
			n = max(n, len(m.entries))
		}
	}
	return n
}

// listManifests finds the bag's manifests and tag manifests, in the
// order of their names, warning about those of an unknown algorithm.
func (v *verifier) listManifests() ([]*manifestFile, error) {
	dirents, err := os.ReadDir(v.dir)
	if err != nil {
		return nil, fmt.Errorf("list bag %s: %w", display.Path(v.dir), err)
	}
	var out []*manifestFile
	for _, d := range dirents {
		m := manifestName().FindStringSubmatch(d.Name())
		if m == nil {
			continue
		}
		mf := &manifestFile{name: d.Name(), tag: m[1] != "", alg: strings.ToLower(m[2])}
		if _, ok := algorithms[mf.alg]; !ok {
			v.warn(mf.name, "cannot check: unknown checksum algorithm %q", m[2])
			continue
		}
		out = append(out, mf)
	}
	return out, nil
}

// readManifests parses the tag manifests, or the payload manifests, of
// all, each on its own goroutine: a bag of many files has manifests of
// megabytes. It returns those it could read, in the order of all.
func (v *verifier) readManifests(all []*manifestFile, tag bool) []*manifestFile {
	read := make([]bool, len(all))
	var wg sync.WaitGroup
	for i, mf := range all {
		if mf.tag == tag {
			wg.Go(func() { read[i] = v.readManifest(mf) })
		}
	}
	wg.Wait()
	var out []*manifestFile
	for i, mf := range all {
		if !read[i] {
			continue
		}
		out = append(out, mf)
		if tag {
			v.report.TagAlgorithms = append(v.report.TagAlgorithms, mf.alg)
		} else {
			v.report.PayloadAlgorithms = append(v.report.PayloadAlgorithms, mf.alg)
		}
	}
	return out
}

// readManifest reads and parses one manifest, and reports whether it
// could.
func (v *verifier) readManifest(mf *manifestFile) bool {
	raw, err := v.readShared(mf.name)
	if err != nil {
		v.problem(mf.name, "%v", err)
		return false
	}
	var text string
	if !mf.tag && v.checkPayload {
		text, err = payloadText(v.enc, raw)
	} else {
		text, err = decodeTag(v.enc, raw)
	}
	if !mf.tag {
		v.release(mf.name) // only text is used from here on
	}
	if err != nil {
		v.problem(mf.name, "%v", err)
		return false
	}
	var problems, warnings []string
	if !mf.tag && v.checkPayload {
		problems, warnings = v.checkPayloadManifest(mf, text)
	} else {
		problems, warnings = parseManifest(mf, text, v.decl)
	}
	for _, p := range problems {
		v.problem(mf.name, "%s", p)
	}
	for _, w := range warnings {
		v.warn(mf.name, "%s", w)
	}
	return true
}

// checkTagManifests queues the checksums of every tag file a tag manifest
// lists, each of which must be in the bag.
func (v *verifier) checkTagManifests(manifests []*manifestFile) {
	for _, m := range manifests {
		if !m.tag {
			continue
		}
		for _, e := range m.entries {
			if strings.HasPrefix(e.path, "data/") {
				v.warn(m.name, "line %d lists payload file %s", e.line, display.Path(e.path))
			}
			if err := v.regular(e.path); err != nil {
				v.problem(e.path, "listed in %s but %v", m.name, err)
				continue
			}
			v.checks[e.path] = append(v.checks[e.path], newCheck(m.src, e.sum))
		}
	}
}

// checkUnlistedTags finds tag files no tag manifest lists.
func (v *verifier) checkUnlistedTags(manifests []*manifestFile) error {
	listed := map[string]bool{}
	tagManifests := 0
	for _, m := range manifests {
		if m.tag {
			tagManifests++
			for _, e := range m.entries {
				listed[e.path] = true
			}
		}
	}
	if tagManifests == 0 {
		v.problem("", "no tag manifest (tagmanifest-ALGORITHM.txt): the tag files are not covered by any checksum")
		return nil
	}
	skip := map[string]bool{"data": true}
	for _, u := range v.opts.Unlisted {
		skip[u] = true
	}
	return filepath.WalkDir(v.dir, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(v.dir, p)
		rel = filepath.ToSlash(rel)
		if err != nil {
			v.problem(rel, "cannot read: %v", unwrapPath(err))
			return nil
		}
		if rel == "." {
			return nil
		}
		if d.IsDir() {
			if skip[rel] {
				return filepath.SkipDir
			}
			return nil
		}
		if manifestName().MatchString(rel) && strings.HasPrefix(rel, "tag") || listed[rel] {
			return nil
		}
		v.problem(rel, "is not listed in any tag manifest")
		return nil
	})
}

// ctxReader stops a long read when ctx is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// readCapped reads r to the end, refusing more than limit bytes. size is
// what the file's length was when opened, so that a manifest of
// megabytes is read into one buffer of its size rather than into ever
// larger copies.
func readCapped(r io.Reader, limit, size int64) ([]byte, error) {
	b := make([]byte, 0, min(max(size, 0), limit)+1)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // the file grew: make room
		}
		n, err := r.Read(b[len(b):min(int64(cap(b)), limit+1)])
		b = b[:len(b)+n]
		if int64(len(b)) > limit {
			return nil, errors.New("too large for a tag file")
		}
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return nil, err
		}
	}
}
