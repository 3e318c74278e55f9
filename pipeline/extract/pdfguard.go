package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"
)

// The PDF library sizes its cross-reference table from the object numbers
// a file declares and follows /Prev links without remembering where it has
// been, so a few bytes can make it allocate gigabytes or loop. These
// limits are checked on the file before the library opens it.
const (
	maxPDFObjects   = 1 << 22 // object numbers; large books hold a few 100k objects
	minPDFObjects   = 1 << 16 // object numbers any file may use
	pdfObjectBytes  = 4       // the least a file spends on an object it uses
	maxPDFXrefHops  = 64      // /Prev links between incremental updates
	pdfTailSize     = 2048
	pdfSectionLimit = 1 << 30 // bytes the check reads for one section
)

// ErrPDFLimit is wrapped by errors about a PDF that goes past a limit of
// the extractor (object numbers, read budget, time).
var ErrPDFLimit = errors.New("pdf limit exceeded")

// pdfObjectLimit is how many object numbers a PDF of size bytes may use:
// one per pdfObjectBytes of file, at least minPDFObjects and at most
// maxPDFObjects. The library sizes its cross-reference table (32 bytes an
// entry) by the highest; third_party/pdf applies the same rule.
func pdfObjectLimit(size int64) int64 {
	return min(max(size/pdfObjectBytes, minPDFObjects), maxPDFObjects)
}

// checkPDFXref walks the cross-reference chain from the last startxref and
// refuses object numbers past pdfObjectLimit, xref stream fields that would
// make the library loop, and /Prev chains that are cyclic or too long.
func checkPDFXref(r io.ReaderAt, size int64) error {
	return walkPDFXref(r, size, nil)
}

// walkPDFXref is checkPDFXref, calling fn (when not nil) with the
// trailer or xref stream dictionary of each section, newest first.
func walkPDFXref(r io.ReaderAt, size int64, fn func(d *pdfDict)) error {
	off, err := pdfStartXref(r, size)
	if err != nil {
		return err
	}
	limit := pdfObjectLimit(size)
	seen := map[int64]bool{}
	for hop := 0; ; hop++ {
		if hop >= maxPDFXrefHops {
			return fmt.Errorf("more than %d cross-reference sections: %w", maxPDFXrefHops, ErrPDFLimit)
		}
		if off < 0 || off >= size {
			return fmt.Errorf("cross-reference section at offset %d outside the file", off)
		}
		if seen[off] {
			return fmt.Errorf("cross-reference chain loops back to offset %d: %w", off, ErrPDFLimit)
		}
		seen[off] = true
		l := newPDFLexer(io.NewSectionReader(r, off, min(size-off, pdfSectionLimit)))
		d, err := checkPDFXrefSection(l, limit)
		if err != nil {
			return fmt.Errorf("cross-reference section at offset %d: %w", off, err)
		}
		if fn != nil {
			fn(d)
		}
		prev, ok := d.ints["Prev"]
		if !ok {
			return nil
		}
		off = prev
	}
}

// pdfStartXref finds the offset after the last "startxref" keyword.
func pdfStartXref(r io.ReaderAt, size int64) (int64, error) {
	n := min(size, pdfTailSize)
	tail := make([]byte, n)
	if _, err := r.ReadAt(tail, size-n); err != nil && err != io.EOF {
		return 0, fmt.Errorf("read pdf trailer: %w", err)
	}
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return 0, errors.New("no startxref in the last 2 KiB")
	}
	f := bytes.Fields(tail[i+len("startxref"):])
	if len(f) == 0 {
		return 0, errors.New("startxref without an offset")
	}
	off, err := strconv.ParseInt(string(f[0]), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("startxref offset %q: %w", f[0], err)
	}
	return off, nil
}

func checkPDFObjectRange(start, count, limit int64) error {
	if start < 0 || count < 0 || start > limit || count > limit-start {
		return fmt.Errorf("objects %d to %d+%d past %d: %w", start, start, count, limit, ErrPDFLimit)
	}
	return nil
}

// checkPDFXrefSection checks one classic table with its trailer, or one
// xref stream dictionary, and returns the trailer or stream dictionary.
func checkPDFXrefSection(l *pdfLexer, limit int64) (*pdfDict, error) {
	tok, err := l.next()
	if err != nil {
		return nil, err
	}
	if tok != "xref" {
		return checkPDFXrefStream(l, tok, limit)
	}
	for {
		tok, err := l.next()
		if err != nil {
			return nil, err
		}
		if tok == "trailer" {
			break
		}
		cnt, err2 := l.next()
		start, e1 := strconv.ParseInt(tok, 10, 64)
		count, e2 := strconv.ParseInt(cnt, 10, 64)
		if err2 != nil || e1 != nil || e2 != nil {
			return nil, fmt.Errorf("bad subsection header %q %q: %w", tok, cnt, errPDFLex)
		}
		if err := checkPDFObjectRange(start, count, limit); err != nil {
			return nil, err
		}
		for i := int64(0); i < 3*count; i++ {
			if _, err := l.next(); err != nil {
				return nil, err
			}
		}
	}
	if tok, err := l.next(); err != nil || tok != "<<" {
		return nil, fmt.Errorf("trailer without a dictionary: %w", errPDFLex)
	}
	d, err := l.readDict()
	if err != nil {
		return nil, err
	}
	if size, ok := d.ints["Size"]; ok {
		if err := checkPDFObjectRange(0, size, limit); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// checkPDFXrefStream checks "N G obj << ... >>" of an xref stream.
func checkPDFXrefStream(l *pdfLexer, first string, limit int64) (*pdfDict, error) {
	gen, _ := l.next()
	obj, _ := l.next()
	open, err := l.next()
	if err != nil {
		return nil, err
	}
	if _, e := strconv.Atoi(first); e != nil || obj != "obj" || open != "<<" {
		return nil, fmt.Errorf("neither an xref table nor an xref stream (%q %q %q): %w", first, gen, obj, errPDFLex)
	}
	d, err := l.readDict()
	if err != nil {
		return nil, err
	}
	size := d.ints["Size"]
	if err := checkPDFObjectRange(0, size, limit); err != nil {
		return nil, err
	}
	w := d.arrays["W"]
	if len(w) < 3 {
		return nil, fmt.Errorf("xref stream /W has %d entries: %w", len(w), errPDFLex)
	}
	for _, x := range w {
		if x < 0 || x > 8 {
			return nil, fmt.Errorf("xref stream /W entry %d: %w", x, ErrPDFLimit)
		}
	}
	idx, ok := d.arrays["Index"]
	if !ok {
		return d, nil
	}
	if len(idx)%2 != 0 || len(idx) > 2048 {
		return nil, fmt.Errorf("xref stream /Index has %d entries: %w", len(idx), errPDFLex)
	}
	for i := 0; i < len(idx); i += 2 {
		if err := checkPDFObjectRange(idx[i], idx[i+1], limit); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// pdfBudget is a ReaderAt that stops the PDF library once it has read its
// budget of bytes or run past its deadline. The library keeps no object
// cache and re-reads on every lookup, so cycles in a hostile object graph
// show up as endless reads; the budget ends them with a panic that the
// extractor recovers.
type pdfBudget struct {
	r        io.ReaderAt
	left     int64
	deadline time.Time
}

// errPDFBudget is the panic value of an exhausted pdfBudget.
var errPDFBudget = fmt.Errorf("pdf read budget or time exhausted: %w", ErrPDFLimit)

func (b *pdfBudget) ReadAt(p []byte, off int64) (int, error) {
	b.left -= int64(len(p))
	if b.left < 0 || (!b.deadline.IsZero() && time.Now().After(b.deadline)) {
		panic(errPDFBudget)
	}
	return b.r.ReadAt(p, off)
}
