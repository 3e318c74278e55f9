package extract

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// Limits for ZIP-based documents (OOXML, ODF, EPUB). A document holds a
// few dozen to a few thousand entries and its XML parts are rarely above a
// few MiB; anything far past these limits is a zip bomb or not a document.
const (
	maxZipEntries    = 10000
	maxZipEntrySize  = 64 << 20
	maxZipTotalSize  = 256 << 20
	maxZipRatio      = 1000 // declared uncompressed/compressed size
	zipRatioFloorLen = 1 << 20
)

// ErrZipLimit is wrapped by the errors a zipArchive returns when an entry
// or the archive as a whole goes past a decompression limit.
var ErrZipLimit = errors.New("zip limit exceeded")

// zipArchive is a ZIP file read through a Source with bounded decompression:
// every byte read out of any entry counts against one total budget, so a
// document cannot make the extractor inflate more than maxZipTotalSize.
type zipArchive struct {
	zr      *zip.Reader
	byName  map[string]*zip.File
	budget  int64
	skipped int // entries past maxZipEntries, not considered
}

// openZip reads the central directory of src. Entries past maxZipEntries
// are ignored (and counted), so a directory of 100k entries cannot make
// the lookup table grow without bound.
func openZip(src *Source) (*zipArchive, error) {
	zr, err := OpenZipDirectory(src.R, src.Size)
	if err != nil {
		return nil, err
	}
	za := &zipArchive{zr: zr, byName: map[string]*zip.File{}, budget: maxZipTotalSize}
	for i, f := range zr.File {
		if i >= maxZipEntries {
			za.skipped = len(zr.File) - maxZipEntries
			break
		}
		name := cleanZipName(f.Name)
		if _, dup := za.byName[name]; !dup {
			za.byName[name] = f
		}
	}
	return za, nil
}

// cleanZipName normalises an entry name for lookup: documents refer to
// parts with or without a leading slash, and some writers use backslashes.
func cleanZipName(name string) string {
	name = strings.ReplaceAll(name, "\\", "/")
	name = path.Clean("/" + name)
	return strings.TrimPrefix(name, "/")
}

// limitErr reports entries the archive ignored because of the entry cap.
func (za *zipArchive) limitErr() error {
	if za.skipped == 0 {
		return nil
	}
	return fmt.Errorf("zip has %d entries past the first %d, ignored: %w",
		za.skipped, maxZipEntries, ErrZipLimit)
}

// has reports whether the archive holds an entry with that name.
func (za *zipArchive) has(name string) bool {
	_, ok := za.byName[cleanZipName(name)]
	return ok
}

// names returns the considered entry names in directory order.
func (za *zipArchive) names() []string {
	out := make([]string, 0, len(za.byName))
	for i, f := range za.zr.File {
		if i >= maxZipEntries {
			break
		}
		out = append(out, cleanZipName(f.Name))
	}
	return out
}

// open returns a reader over the decompressed entry. The reader fails with
// an error wrapping ErrZipLimit once the entry yields more than limit bytes
// or the archive's total budget runs out; the declared sizes in the
// directory are only used to reject absurd compression ratios up front.
func (za *zipArchive) open(name string, limit int64) (io.ReadCloser, error) {
	f, ok := za.byName[cleanZipName(name)]
	if !ok {
		return nil, fmt.Errorf("zip entry %s: %w", name, errNoEntry)
	}
	if limit <= 0 || limit > maxZipEntrySize {
		limit = maxZipEntrySize
	}
	if f.UncompressedSize64 > zipRatioFloorLen && f.CompressedSize64 > 0 &&
		f.UncompressedSize64/f.CompressedSize64 > maxZipRatio {
		return nil, fmt.Errorf("zip entry %s declares %d bytes from %d compressed: %w",
			name, f.UncompressedSize64, f.CompressedSize64, ErrZipLimit)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("open zip entry %s: %w", name, err)
	}
	return &boundedEntry{rc: rc, name: name, left: limit, za: za}, nil
}

// errNoEntry is wrapped when a named part is absent from the archive.
var errNoEntry = errors.New("no such entry")

type boundedEntry struct {
	rc   io.ReadCloser
	name string
	left int64
	za   *zipArchive
}

func (b *boundedEntry) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if b.left <= 0 || b.za.budget <= 0 {
		// An entry that ends exactly at the limit is fine: only a byte
		// beyond it is an error.
		var one [1]byte
		if n, err := b.rc.Read(one[:]); n == 0 && err == io.EOF {
			return 0, io.EOF
		}
		if b.left <= 0 {
			return 0, fmt.Errorf("zip entry %s inflates past its limit: %w", b.name, ErrZipLimit)
		}
		return 0, fmt.Errorf("zip entries inflate past %d bytes in total: %w", int64(maxZipTotalSize), ErrZipLimit)
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	if int64(len(p)) > b.za.budget {
		p = p[:b.za.budget]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	b.za.budget -= int64(n)
	if err == io.EOF {
		return n, io.EOF
	}
	if err != nil {
		return n, fmt.Errorf("inflate zip entry %s: %w", b.name, err)
	}
	return n, nil
}

func (b *boundedEntry) Close() error { return b.rc.Close() }

// OpenZipDirectory reads the central directory of the ZIP file in the
// first size bytes of r, after the same checks on its declared size and
// entry count that the extractors make, for code that rewrites an Office
// document (the redactor).
func OpenZipDirectory(r io.ReaderAt, size int64) (*zip.Reader, error) {
	if err := checkZipDirectory(r, size); err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(io.NewSectionReader(r, 0, size), size)
	if err != nil {
		return nil, fmt.Errorf("read zip directory: %w", err)
	}
	return zr, nil
}
