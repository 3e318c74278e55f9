package bagit

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/consignhq/consign/manifest/internal/display"
)

// Writer builds a bag in an empty directory (Create), or in one that
// holds an earlier bag to take payload files from (Reuse). AddFile, LinkFile and
// AddTagFile may be called from several goroutines; Close writes the
// manifests and bag-info.txt, sorted so the same files give the same bytes.
type Writer struct {
	dir string

	mu      sync.Mutex
	payload map[string]payloadSum // by NFC path under data/, without "data/"
	tags    map[string]string     // tag file -> sha256
	fetch   map[string]string     // payload files left remote: path -> URL, for fetch.txt
	closed  bool
	// changes counts the changes to payload; sealed is closed once the
	// manifests of the payload as it was at changes are made
	// (SealPayload), nil until then.
	changes uint64
	sealed  chan struct{}
	made    madeManifests
	dirs    sync.Map // payload folders already created
	// cursors are the dirCursors links are made with, kept for the next
	// link; Close closes them.
	cursors chan *dirCursor
	// held are the payload files and folders ("name/") of the earlier
	// bag Reuse found, until an add claims them, each file with the inode
	// number its folder's listing gave (0 when unknown); nil for a bag
	// Create started. kept are the files added by keeping them in place.
	held map[string]uint64
	kept map[string]bool
	// cleared are the earlier bag's files and folders ("name/") the new
	// one removed, replaced or not (see Cleared).
	cleared []string
}

type payloadSum struct {
	size           int64
	sha256, sha512 string
}

// ErrExists is returned (wrapped) when a file is added twice under the same
// name, once Unicode-normalized.
var ErrExists = errors.New("already in the bag")

// Create starts a bag in dir, which must exist and be empty (a temporary
// directory the caller renames into place when Close succeeds).
func Create(dir string) (*Writer, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("open bag directory: %w", err)
	}
	names, err := f.Readdirnames(1)
	f.Close()
	if err != nil && err != io.EOF {
		return nil, fmt.Errorf("read bag directory %s: %w", dir, err)
	}
	if len(names) > 0 {
		return nil, fmt.Errorf("create bag in %s: directory is not empty", display.Path(dir))
	}
	if err := os.Mkdir(filepath.Join(dir, "data"), 0o755); err != nil {
		return nil, fmt.Errorf("create payload directory: %w", err)
	}
	return &Writer{dir: dir, payload: map[string]payloadSum{}, tags: map[string]string{}, fetch: map[string]string{}, cursors: make(chan *dirCursor, maxCursors)}, nil
}

// reserve checks rel and claims its payload name.
func (w *Writer) reserve(rel string) (string, error) {
	rel = nfc(rel)
	if err := checkPayloadPath(rel); err != nil {
		return "", fmt.Errorf("add %q to the payload: %w", rel, err)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return "", fmt.Errorf("add %s: the bag is closed", display.Path(rel))
	}
	if w.sealed != nil {
		return "", fmt.Errorf("add %s: the bag's payload is sealed", display.Path(rel))
	}
	if _, dup := w.payload[rel]; dup {
		return "", fmt.Errorf("add %s to the payload: %w", display.Path(rel), ErrExists)
	}
	w.payload[rel] = payloadSum{}
	w.changes++
	return rel, nil
}

func (w *Writer) record(rel string, s payloadSum) {
	w.mu.Lock()
	w.payload[rel] = s
	w.changes++
	w.mu.Unlock()
}

func (w *Writer) release(rel string) {
	w.mu.Lock()
	delete(w.payload, rel)
	w.changes++
	w.mu.Unlock()
}

func (w *Writer) payloadPath(rel string) (string, error) {
	p := filepath.Join(w.dir, "data", filepath.FromSlash(rel))
	dir := filepath.Dir(p)
	// Most files share their folder with others: creating it once saves
	// a stat of every parent per file.
	if _, made := w.dirs.Load(dir); made {
		return p, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		w.clearFileAncestors(rel)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", fmt.Errorf("create directory for %s: %w", display.Path(rel), err)
		}
	}
	w.dirs.Store(dir, struct{}{})
	return p, nil
}

// AddFile writes r to data/rel, computing its sha256 and sha512 from the
// same read. rel is "/"-separated and is stored NFC-normalized.
func (w *Writer) AddFile(rel string, r io.Reader) error {
	rel, err := w.reserve(rel)
	if err != nil {
		return err
	}
	if err := w.clearTaken(rel); err != nil {
		w.release(rel)
		return err
	}
	sum, err := w.copyIn(rel, r)
	if err != nil {
		w.release(rel)
		return err
	}
	w.record(rel, sum)
	return nil
}

func (w *Writer) copyIn(rel string, r io.Reader) (payloadSum, error) {
	p, err := w.payloadPath(rel)
	if err != nil {
		return payloadSum{}, err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return payloadSum{}, fmt.Errorf("create payload file %s: %w", display.Path(rel), err)
	}
	h256, h512 := sha256.New(), sha512.New()
	buf := getBuffer()
	defer putBuffer(buf)
	n, err := io.CopyBuffer(io.MultiWriter(f, h256, h512), r, *buf)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(p)
		return payloadSum{}, fmt.Errorf("write payload file %s: %w", display.Path(rel), err)
	}
	return payloadSum{size: n, sha256: hex.EncodeToString(h256.Sum(nil)), sha512: hex.EncodeToString(h512.Sum(nil))}, nil
}

// LinkFile puts the file at srcPath into the payload as data/rel without
// changing it: a hard link when srcPath is on the bag's file system, a copy
// otherwise. Either way the file is read once, for both checksums.
func (w *Writer) LinkFile(rel, srcPath string) error {
	rel, err := w.reserve(rel)
	if err != nil {
		return err
	}
	if err := w.clearTaken(rel); err != nil {
		w.release(rel)
		return err
	}
	sum, err := w.linkIn(rel, srcPath)
	if err != nil {
		w.release(rel)
		return err
	}
	w.record(rel, sum)
	return nil
}

func (w *Writer) linkIn(rel, srcPath string) (payloadSum, error) {
	info, err := os.Lstat(srcPath)
	if err != nil {
		return payloadSum{}, fmt.Errorf("link %s into the payload: %w", display.Path(rel), err)
	}
	if !info.Mode().IsRegular() {
		return payloadSum{}, fmt.Errorf("link %s into the payload: %s is not a regular file", display.Path(rel), display.Path(srcPath))
	}
	p, err := w.payloadPath(rel)
	if err != nil {
		return payloadSum{}, err
	}
	src, err := os.Open(srcPath)
	if err != nil {
		return payloadSum{}, err // names the open and the path already
	}
	defer src.Close()
	c := w.cursor()
	defer w.putCursor(c)
	if err := hardLink(c, srcPath, p); err != nil {
		// Another file system, or one without hard links: copy.
		return w.copyIn(rel, src)
	}
	h256, h512 := sha256.New(), sha512.New()
	buf := getBuffer()
	defer putBuffer(buf)
	n, err := io.CopyBuffer(io.MultiWriter(h256, h512), src, *buf)
	if err != nil {
		os.Remove(p)
		return payloadSum{}, fmt.Errorf("read %s: %w", display.Path(srcPath), err)
	}
	return payloadSum{size: n, sha256: hex.EncodeToString(h256.Sum(nil)), sha512: hex.EncodeToString(h512.Sum(nil))}, nil
}

// SHA256 returns the sha256 of payload file rel, once it has been added.
func (w *Writer) SHA256(rel string) (string, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	s, ok := w.payload[nfc(rel)]
	return s.sha256, ok && s.sha256 != ""
}

// Size returns the size of payload file rel, once it has been added.
func (w *Writer) Size(rel string) (int64, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	s, ok := w.payload[nfc(rel)]
	return s.size, ok && s.sha256 != ""
}

// hardLink makes a hard link with a dirCursor, as os.Link does; tests
// replace it to take the copying path.
var hardLink = (*dirCursor).link

// Close writes bagit.txt, bag-info.txt (the given fields in order, then
// Payload-Oxum, Bag-Size and Bagging-Date unless given), the sha256 and
// sha512 payload manifests and tagmanifest-sha256.txt. Files written in the
// bag after Close (a signature over the tag manifest) are in no manifest.
func (w *Writer) Close(info []Field) error {
	w.SealPayload()
	<-w.sealed
	w.mu.Lock()
	w.closed = true
	made := w.made
	if made.changes != w.changes {
		// Changed after SealPayload by an add that had begun before it.
		made = w.manifests()
	}
	w.mu.Unlock()
	w.closeCursors()
	if err := w.dropUnclaimed(); err != nil {
		return err
	}
	for _, f := range info {
		if err := checkField(f); err != nil {
			return err
		}
	}
	if _, ok := lookup(info, "Payload-Oxum"); !ok {
		info = append(info, Field{"Payload-Oxum", fmt.Sprintf("%d.%d", made.octets, made.files)})
	}
	if _, ok := lookup(info, "Bag-Size"); !ok {
		info = append(info, Field{"Bag-Size", humanSize(made.octets)})
	}
	if _, ok := lookup(info, "Bagging-Date"); !ok {
		info = append(info, Field{"Bagging-Date", time.Now().UTC().Format(time.DateOnly)})
	}
	files := []struct {
		name string
		data []byte
	}{
		{"bagit.txt", []byte("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")},
		{"bag-info.txt", formatInfo(info)},
		{"manifest-sha256.txt", made.sha256},
		{"manifest-sha512.txt", made.sha512},
	}
	if len(w.fetch) > 0 {
		entries := make([]FetchEntry, 0, len(w.fetch))
		for p, u := range w.fetch {
			entries = append(entries, FetchEntry{URL: u, Length: w.payload[p].size, Path: "data/" + p})
		}
		files = append(files, struct {
			name string
			data []byte
		}{"fetch.txt", formatFetch(entries)})
	}
	for _, f := range files {
		if err := w.writeTag(f.name, f.data); err != nil {
			return err
		}
		sum := sha256.Sum256(f.data)
		w.tags[f.name] = hex.EncodeToString(sum[:])
	}
	return w.writeTag("tagmanifest-sha256.txt", w.tagManifest())
}

func (w *Writer) tagManifest() []byte {
	names := make([]string, 0, len(w.tags))
	for n := range w.tags {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return EncodePath(names[i]) < EncodePath(names[j]) })
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "%s  %s\n", w.tags[n], EncodePath(n))
	}
	return []byte(b.String())
}
