package bagit

import (
	"fmt"
	"io/fs"
	"os"

	"github.com/consignhq/consign/manifest/internal/display"
)

// Sums are a file's size and digests, known from an earlier read.
type Sums struct {
	Size           int64
	SHA256, SHA512 string
	// Inode is the number of the inode that read was of, when known:
	// LinkHashed keeps an earlier bag's file (Reuse) listed under it
	// without a stat, as a link to that very inode.
	Inode uint64
}

// LinkHashed is LinkFile for a file whose digests are already known: it
// hard-links srcPath as data/rel without reading it, when unchanged says
// the linked file is still the one that was hashed (same size, mtime and
// inode as then). Otherwise, or across file systems, it falls back to
// LinkFile, which reads and hashes.
func (w *Writer) LinkHashed(rel, srcPath string, sums Sums, unchanged func(fs.FileInfo) bool) error {
	if sums.SHA256 == "" || sums.SHA512 == "" {
		return w.LinkFile(rel, srcPath)
	}
	rel, err := w.reserve(rel)
	if err != nil {
		return err
	}
	held, ino, err := w.take(rel)
	if err != nil {
		w.release(rel)
		return err
	}
	if held && ino != 0 && ino == sums.Inode {
		// The earlier bag's link to the source's inode: its content is
		// the one hashed, as far as the source's own stat tells.
		w.keep(rel, sums)
		return nil
	}
	p, err := w.payloadPath(rel)
	if err != nil {
		w.release(rel)
		return err
	}
	c := w.cursor()
	if held {
		// The earlier bag's file: kept when it is the one hashed, as a
		// new link would be checked.
		if info, err := c.lstat(p); err == nil && info.Mode().IsRegular() && info.Size() == sums.Size && unchanged(info) {
			w.putCursor(c)
			w.keep(rel, sums)
			return nil
		}
		if err := w.clearHeld(rel); err != nil {
			w.putCursor(c)
			w.release(rel)
			return err
		}
	}
	if err := hardLink(c, srcPath, p); err == nil {
		// The link's own stat is the file's: checking it after linking
		// closes the window in which the source could be swapped.
		if info, err := c.lstat(p); err == nil && info.Mode().IsRegular() && info.Size() == sums.Size && unchanged(info) {
			w.putCursor(c)
			w.record(rel, payloadSum{size: sums.Size, sha256: sums.SHA256, sha512: sums.SHA512})
			return nil
		}
		os.Remove(p)
	}
	w.putCursor(c)
	w.release(rel)
	return w.LinkFile(rel, srcPath)
}

// LinkIf hard-links srcPath as data/rel without reading it, trusting sums,
// when unchanged says the file at srcPath is still the one they describe
// (checked before linking, when its change time is still its own) and the
// link shows the same size, mtime and inode. It reports false, adding
// nothing, when the file changed or cannot be linked: the caller then
// makes the file again. pack uses it to take a redacted copy from the
// bundle it replaces. In a bag Reuse started, the earlier bag's file at
// rel is kept instead when unchanged accepts it: unchanged must then
// compare what identifies the file (pack compares the whole stat
// fingerprint: inode, size, mtime and change time).
func (w *Writer) LinkIf(rel, srcPath string, sums Sums, unchanged func(fs.FileInfo) bool) (bool, error) {
	if sums.SHA256 == "" || sums.SHA512 == "" {
		return false, nil
	}
	rel, err := w.reserve(rel)
	if err != nil {
		return false, err
	}
	held, _, err := w.take(rel)
	if err != nil {
		w.release(rel)
		return false, err
	}
	p, err := w.payloadPath(rel)
	if err != nil {
		w.release(rel)
		return false, err
	}
	c := w.cursor()
	defer w.putCursor(c)
	if held {
		if in, err := c.lstat(p); err == nil && in.Mode().IsRegular() && in.Size() == sums.Size && unchanged(in) {
			w.keep(rel, sums)
			return true, nil
		}
		if err := w.clearHeld(rel); err != nil {
			w.release(rel)
			return false, err
		}
	}
	before, err := c.lstat(srcPath)
	if err != nil || !before.Mode().IsRegular() || before.Size() != sums.Size || !unchanged(before) {
		w.release(rel)
		return false, nil
	}
	if err := hardLink(c, srcPath, p); err != nil {
		w.release(rel)
		return false, nil
	}
	after, err := c.lstat(p)
	if err != nil || !os.SameFile(before, after) || after.Size() != before.Size() || !after.ModTime().Equal(before.ModTime()) {
		os.Remove(p)
		w.release(rel)
		return false, nil
	}
	w.record(rel, payloadSum{size: sums.Size, sha256: sums.SHA256, sha512: sums.SHA512})
	return true, nil
}

// Sums returns the size and digests of payload file rel, once it has been
// added.
func (w *Writer) Sums(rel string) (Sums, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	s, ok := w.payload[nfc(rel)]
	if !ok || s.sha256 == "" {
		return Sums{}, fmt.Errorf("%s is not in the payload", display.Path(rel))
	}
	return Sums{Size: s.size, SHA256: s.sha256, SHA512: s.sha512}, nil
}
