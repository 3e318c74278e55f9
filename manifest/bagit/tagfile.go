package bagit

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// reservedTag reports whether name is a file Close writes or one the
// BagIt format reserves.
func reservedTag(name string) bool {
	switch name {
	case "bagit.txt", "bag-info.txt", "fetch.txt":
		return true
	}
	return manifestName().MatchString(name) || name == "data" || strings.HasPrefix(name, "data/")
}

// AddTagFile writes a tag file (such as croissant.json or
// metadata/files.jsonl) that tagmanifest-sha256.txt will list.
func (w *Writer) AddTagFile(rel string, data []byte) error {
	_, _, err := w.StreamTagFile(rel, func(out io.Writer) error {
		_, err := out.Write(data)
		return err
	})
	return err
}

// StreamTagFile writes the tag file rel from what write puts out, hashing
// it on the way, and returns its size and sha256 as tagmanifest-sha256.txt
// lists them. The bytes are never held whole: metadata with a line per
// payload file runs to tens of megabytes for a large folder.
func (w *Writer) StreamTagFile(rel string, write func(io.Writer) error) (size int64, sum string, err error) {
	if err := w.claimTag(rel); err != nil {
		return 0, "", err
	}
	size, sum, err = w.streamTag(rel, write)
	w.mu.Lock()
	if err != nil {
		delete(w.tags, rel)
	} else {
		w.tags[rel] = sum
	}
	w.mu.Unlock()
	return size, sum, err
}

// claimTag checks rel and reserves its name among the tag files.
func (w *Writer) claimTag(rel string) error {
	if err := checkPath(rel); err != nil {
		return fmt.Errorf("add tag file: %w", err)
	}
	if reservedTag(rel) {
		return fmt.Errorf("add tag file %s: the name is reserved by BagIt", rel)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return fmt.Errorf("add tag file %s: the bag is closed", rel)
	}
	if _, dup := w.tags[rel]; dup {
		return fmt.Errorf("add tag file %s: %w", rel, ErrExists)
	}
	w.tags[rel] = ""
	return nil
}

// countingHash is the sha256 and length of what passes through it.
type countingHash struct {
	n   int64
	sum interface {
		io.Writer
		Sum([]byte) []byte
	}
}

func (c *countingHash) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return c.sum.Write(p)
}

func (w *Writer) streamTag(rel string, write func(io.Writer) error) (int64, string, error) {
	p := filepath.Join(w.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return 0, "", fmt.Errorf("create directory for %s: %w", rel, err)
	}
	// A new file, never one that is there: a bag built where an earlier
	// one was (Reuse) must not write into a file it may share.
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return 0, "", fmt.Errorf("write tag file %s: %w", rel, err)
	}
	h := &countingHash{sum: sha256.New()}
	bw := bufio.NewWriterSize(io.MultiWriter(f, h), copyBufferSize)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(p)
		return 0, "", fmt.Errorf("write tag file %s: %w", rel, err)
	}
	return h.n, hex.EncodeToString(h.sum.Sum(nil)), nil
}

// writeTag writes one of the files Close makes.
func (w *Writer) writeTag(rel string, data []byte) error {
	p := filepath.Join(w.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("create directory for %s: %w", rel, err)
	}
	// A new file, as in streamTag.
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("write tag file %s: %w", rel, err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write tag file %s: %w", rel, err)
	}
	return nil
}
