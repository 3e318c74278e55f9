package redact

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"unicode/utf8"
)

// Range is a byte range [Start, End) of a file, as a finding's location
// gives it.
type Range struct{ Start, End int64 }

// Mask characters, one per UTF-8 length: a masked character becomes the
// mask of its own byte length, so the masked copy keeps the file's size,
// every byte offset and every line and column (counted in runes) of the
// original. Line breaks inside a range are kept.
const (
	mask1 = 'X'          // ASCII, and bytes that are not UTF-8
	mask2 = '×'          // U+00D7
	mask3 = '╳'          // U+2573
	mask4 = '\U0001D54F' // 𝕏
)

var maskBytes = [5][]byte{
	nil,
	[]byte(string(mask1)),
	[]byte(string(mask2)),
	[]byte(string(mask3)),
	[]byte(string(mask4)),
}

// ErrBadRange is returned by Text for a range with a negative start, an
// end before its start, or an end past the end of the input.
var ErrBadRange = errors.New("bad text range")

// Text copies src to dst with every byte range in ranges masked. Ranges
// may come in any order and overlap; they are sorted and merged. Each
// character inside a range is replaced by a mask of the same UTF-8 length
// (see mask1..mask4), line breaks stay, and a byte that is not part of a
// valid UTF-8 sequence within the range becomes 'X', so the output has
// exactly the input's length and layout. The input is read once, in
// bounded memory.
//
// A range past the end of the input is ErrBadRange, found only when the
// input ends: dst then holds a partial copy the caller must discard.
func Text(dst io.Writer, src io.Reader, ranges []Range) (Report, error) {
	rs, err := mergeRanges(ranges)
	if err != nil {
		return Report{}, err
	}
	br, bw := getReader(src), getWriter(dst)
	defer putReader(br)
	defer putWriter(bw)
	var rep Report
	var pos int64
	for _, r := range rs {
		n, err := io.CopyN(bw, br, r.Start-pos)
		if err != nil {
			return Report{}, textEnd(err, r, pos+n)
		}
		if err := maskRange(bw, br, r); err != nil {
			return Report{}, err
		}
		pos = r.End
		// Merged ranges are distinct: no need for applied's duplicate check,
		// which would be quadratic in the number of findings.
		rep.Applied = append(rep.Applied, fmt.Sprintf("content[%d:%d] masked", r.Start, r.End))
	}
	if _, err := io.Copy(bw, br); err != nil {
		return Report{}, fmt.Errorf("copy text: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return Report{}, fmt.Errorf("write masked text: %w", err)
	}
	return rep, nil
}

// mergeRanges validates, sorts and merges ranges, dropping empty ones.
func mergeRanges(ranges []Range) ([]Range, error) {
	rs := make([]Range, 0, len(ranges))
	for _, r := range ranges {
		if r.Start < 0 || r.End < r.Start {
			return nil, fmt.Errorf("range [%d,%d): %w", r.Start, r.End, ErrBadRange)
		}
		if r.End > r.Start {
			rs = append(rs, r)
		}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].Start < rs[j].Start })
	out := rs[:0]
	for _, r := range rs {
		if k := len(out); k > 0 && r.Start <= out[k-1].End {
			out[k-1].End = max(out[k-1].End, r.End)
			continue
		}
		out = append(out, r)
	}
	return out, nil
}

// maskRange reads the bytes of r from br and writes their masks.
func maskRange(bw *bufio.Writer, br *bufio.Reader, r Range) error {
	for pos := r.Start; pos < r.End; {
		p, err := br.Peek(int(min(int64(utf8.UTFMax), r.End-pos)))
		if len(p) == 0 {
			return textEnd(err, r, pos)
		}
		m, size := maskChar(p)
		if _, err := bw.Write(m); err != nil {
			return fmt.Errorf("write masked text: %w", err)
		}
		if _, err := br.Discard(size); err != nil {
			return fmt.Errorf("read text: %w", err)
		}
		pos += int64(size)
	}
	return nil
}

// maskChar gives the mask of the character p starts with (a line break
// is its own mask) and how many bytes of p it replaces.
func maskChar(p []byte) ([]byte, int) {
	c, size := utf8.DecodeRune(p)
	switch {
	case c == '\n' || c == '\r':
		return p[:1], 1
	case c == utf8.RuneError && size <= 1:
		return maskBytes[1], 1
	}
	return maskBytes[size], size
}

// maskContent is doc, the whole file, with the job's content ranges
// masked as Text masks them, and the report naming each.
func (j *job) maskContent(doc []byte) ([]byte, error) {
	if len(j.content) == 0 {
		return doc, nil
	}
	rs, err := mergeRanges(j.content)
	if err != nil {
		return nil, err
	}
	out := slices.Clone(doc)
	for _, r := range rs {
		if r.End > int64(len(doc)) {
			return nil, fmt.Errorf("range [%d,%d) ends past the %d byte file: %w", r.Start, r.End, len(doc), ErrBadRange)
		}
		copy(out[r.Start:r.End], maskSlice(doc[r.Start:r.End]))
	}
	for _, r := range j.content {
		if r.End > r.Start {
			j.rep.Applied = append(j.rep.Applied, fmt.Sprintf("content[%d:%d] masked", r.Start, r.End))
		}
	}
	return out, nil
}

// maskSlice is b with each character masked as Text masks it.
func maskSlice(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		m, size := maskChar(b)
		out = append(out, m...)
		b = b[size:]
	}
	return out
}

// textEnd turns a read that stopped inside or before r into an error.
func textEnd(err error, r Range, at int64) error {
	if err == nil || errors.Is(err, io.EOF) {
		return fmt.Errorf("range [%d,%d) ends past the input, which ends at %d: %w", r.Start, r.End, at, ErrBadRange)
	}
	return fmt.Errorf("read text at offset %d: %w", at, err)
}
