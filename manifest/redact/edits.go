package redact

import (
	"errors"
	"fmt"
	"io"
	"sort"
)

// An edit replaces the n input bytes at off with data, or with len bytes
// of zeros when zero is set (so a large box can be cleared without holding
// its size in memory). Most edits keep the length; PNG chunks that must be
// recompressed are the exception.
type edit struct {
	off, n int64
	data   []byte
	zero   bool
}

// outLen is the number of bytes the edit writes.
func (e edit) outLen() int64 {
	if e.zero {
		return e.n
	}
	return int64(len(e.data))
}

// patch is an edit that overwrites len(data) bytes in place.
func patch(off int64, data []byte) edit { return edit{off: off, n: int64(len(data)), data: data} }

// zeros is an edit that clears n bytes in place.
func zeros(off, n int64) edit { return edit{off: off, n: n, zero: true} }

// errOverlap reports two edits of one file that touch the same bytes:
// a structure that points twice at the same region, which a well-formed
// file never does.
var errOverlap = errors.New("overlapping redactions")

// applyEdits copies the size bytes of src to dst with edits applied,
// streaming the unchanged stretches. Edits that overlap are merged when
// both are in-place clears or patches of the same region; anything else
// is an error, because the output would depend on the order of edits.
func applyEdits(dst io.Writer, src io.ReaderAt, size int64, edits []edit) error {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].off < edits[j].off })
	edits, err := flatten(edits)
	if err != nil {
		return err
	}
	// Check every edit before writing, so a bad one leaves dst untouched.
	for _, e := range edits {
		if e.off < 0 || e.n < 0 || e.off+e.n > size {
			return fmt.Errorf("redaction at offset %d of %d bytes is outside the %d byte file", e.off, e.n, size)
		}
	}
	var pos int64
	zero := make([]byte, 32<<10)
	for _, e := range edits {
		if err := copyRange(dst, src, pos, e.off-pos); err != nil {
			return err
		}
		if e.zero {
			for left := e.n; left > 0; {
				k := min(left, int64(len(zero)))
				if _, err := dst.Write(zero[:k]); err != nil {
					return fmt.Errorf("write redacted copy: %w", err)
				}
				left -= k
			}
		} else if _, err := dst.Write(e.data); err != nil {
			return fmt.Errorf("write redacted copy: %w", err)
		}
		pos = e.off + e.n
	}
	return copyRange(dst, src, pos, size-pos)
}

// flatten resolves overlaps among sorted in-place edits: a clear that
// lies inside another clear is dropped, and a patch over a clear becomes
// part of one patch. Overlapping edits that change the length are an error.
func flatten(edits []edit) ([]edit, error) {
	var out []edit
	for _, e := range edits {
		if len(out) == 0 {
			out = append(out, e)
			continue
		}
		last := &out[len(out)-1]
		if e.off >= last.off+last.n {
			out = append(out, e)
			continue
		}
		if last.outLen() != last.n || e.outLen() != e.n {
			return nil, fmt.Errorf("redactions at offsets %d and %d: %w", last.off, e.off, errOverlap)
		}
		merged, err := mergeInPlace(*last, e)
		if err != nil {
			return nil, err
		}
		*last = merged
	}
	return out, nil
}

// maxMerged bounds the patch two overlapping in-place edits become.
const maxMerged = 16 << 20

// mergeInPlace overlays b on a (b starts inside a); both keep their length.
func mergeInPlace(a, b edit) (edit, error) {
	end := max(a.off+a.n, b.off+b.n)
	if a.zero && b.zero {
		return zeros(a.off, end-a.off), nil
	}
	if end-a.off > maxMerged {
		return edit{}, fmt.Errorf("redactions at offsets %d and %d span %d bytes: %w", a.off, b.off, end-a.off, errOverlap)
	}
	buf := make([]byte, end-a.off)
	if !a.zero {
		copy(buf, a.data)
	}
	if !b.zero {
		copy(buf[b.off-a.off:], b.data)
	} else {
		clear(buf[b.off-a.off : b.off-a.off+b.n])
	}
	return patch(a.off, buf), nil
}

// copyRange copies n bytes of src from off to dst.
func copyRange(dst io.Writer, src io.ReaderAt, off, n int64) error {
	if n <= 0 {
		return nil
	}
	m, err := copyPooled(dst, io.NewSectionReader(src, off, n))
	if err != nil {
		return fmt.Errorf("copy %d bytes at offset %d: %w", n, off, err)
	}
	if m != n {
		return fmt.Errorf("copy %d bytes at offset %d: %w", n, off, io.ErrUnexpectedEOF)
	}
	return nil
}
