package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/ledongthuc/pdf"
)

// PDFInfoEntry is one key of a PDF Info dictionary written as a plain
// object: the field a scan names it by ("pdf:Author") and the file range
// of the key and its value ("/Author (Jane Doe)"), which a redactor can
// overwrite with spaces and leave the dictionary well-formed. When the
// value is a reference to another object ("/Author 12 0 R"), Target is
// the range of that object's value too.
type PDFInfoEntry struct {
	Field  string
	Span   FileRange
	Target FileRange
}

// Bounds on locating Info dictionaries: how much of an object is read
// for its dictionary, and how many objects are looked at.
const (
	maxPDFInfoObject = 64 << 10
	maxPDFInfoHits   = 1024
	pdfScanChunk     = 1 << 20
)

// LocatePDFInfo finds the Info dictionaries the trailers of a PDF's
// cross-reference chain name (every revision's, as an incremental update
// leaves the earlier ones in the file) wherever they are written as plain
// "N G obj" objects, and gives each key's range. A dictionary kept in a
// compressed object stream is not found: what a redactor removes should
// be checked with PDFInfo.
func LocatePDFInfo(r io.ReaderAt, size int64) ([]PDFInfoEntry, error) {
	nums := map[int64]bool{}
	if err := walkPDFXref(r, size, func(d *pdfDict) {
		if n, ok := d.ints["Info"]; ok && n > 0 {
			nums[n] = true
		}
	}); err != nil {
		return nil, err
	}
	if len(nums) == 0 {
		return nil, nil
	}
	objs, err := pdfObjectOffsets(r, size, nums)
	if err != nil {
		return nil, err
	}
	var out []PDFInfoEntry
	refs := map[int64][]int{} // object number -> the entries that point at it
	for _, o := range objs {
		entries, err := pdfDictEntries(r, size, o.off)
		if err != nil {
			continue // not a dictionary: a number that only looks like the object's
		}
		for _, e := range entries {
			if e.ref > 0 {
				refs[e.ref] = append(refs[e.ref], len(out))
			}
			out = append(out, PDFInfoEntry{Field: "pdf:" + e.key, Span: e.span, Target: FileRange{Off: -1}})
		}
	}
	if len(refs) == 0 {
		return out, nil
	}
	want := map[int64]bool{}
	for n := range refs {
		want[n] = true
	}
	targets, err := pdfObjectOffsets(r, size, want)
	if err != nil {
		return nil, err
	}
	for _, o := range targets {
		// Each writing of the object in turn: the last one in the file
		// is the current one.
		if v, ok := pdfObjectValue(r, size, o.off); ok {
			for _, i := range refs[o.num] {
				out[i].Target = v
			}
		}
	}
	return out, nil
}

// pdfObject is where "num gen obj" is written in a file: off is just
// after "obj".
type pdfObject struct{ num, off int64 }

// pdfObjectOffsets scans the file for "N G obj" headers of the objects
// in nums, at the start of a line or after white space, in file order.
// Each chunk is read with pdfScanBack bytes before it, so that a header
// cut by the chunk's start is still read whole.
func pdfObjectOffsets(r io.ReaderAt, size int64, nums map[int64]bool) ([]pdfObject, error) {
	var out []pdfObject
	err := scanPDF(r, size, 64, []byte("obj"), func(b []byte, from int64, k int) error {
		end := k + 3
		if num, ok := objHeader(b[:k]); ok && nums[num] && (end == len(b) || pdfSpace(b[end]) || pdfDelim(b[end])) {
			if len(out) == maxPDFInfoHits {
				return fmt.Errorf("more than %d objects numbered as an info dictionary: %w", maxPDFInfoHits, ErrPDFLimit)
			}
			out = append(out, pdfObject{num, from + int64(end)})
		}
		return nil
	})
	return out, err
}

// scanPDF calls fn with each place needle is written in the file, chunk
// by chunk: b is the chunk with back bytes before it (so that what
// precedes the needle can be read even when the chunk's start cuts it),
// from b's offset in the file and k the needle's index in b.
func scanPDF(r io.ReaderAt, size int64, back int64, needle []byte, fn func(b []byte, from int64, k int) error) error {
	buf := make([]byte, back+pdfScanChunk+int64(len(needle))+1)
	for off := int64(0); off < size; off += pdfScanChunk {
		from := max(0, off-back)
		n, err := r.ReadAt(buf[:min(int64(len(buf)), size-from)], from)
		if err != nil && err != io.EOF {
			return fmt.Errorf("read pdf at offset %d: %w", from, err)
		}
		b := buf[:n]
		for i := int(off - from); ; {
			k := bytes.Index(b[i:], needle)
			if k < 0 || from+int64(i+k) >= off+pdfScanChunk {
				break // a needle past the chunk is the next chunk's
			}
			if err := fn(b, from, i+k); err != nil {
				return err
			}
			i += k + len(needle)
		}
	}
	return nil
}

// objHeader reads "num gen " backwards from the end of b, where "obj"
// follows, and requires white space or the file's start before num.
func objHeader(b []byte) (int64, bool) {
	i := len(b)
	word := func() []byte {
		for i > 0 && pdfSpace(b[i-1]) {
			i--
		}
		j := i
		for i > 0 && b[i-1] >= '0' && b[i-1] <= '9' && j-i < 10 {
			i--
		}
		return b[i:j]
	}
	if len(b) == 0 || !pdfSpace(b[len(b)-1]) {
		return 0, false
	}
	gen, num := word(), word()
	if len(gen) == 0 || len(num) == 0 || (i > 0 && !pdfSpace(b[i-1])) {
		return 0, false
	}
	n, err := strconv.ParseInt(string(num), 10, 64)
	return n, err == nil
}

// pdfEntry is one key of a dictionary: its name, the range of the key
// and its value, and the object number a reference value points at.
type pdfEntry struct {
	key  string
	span FileRange
	ref  int64
}

var errNotDict = errors.New("not a dictionary")

// pdfDictEntries reads the dictionary that starts after off (just after
// "obj") and returns its top-level keys.
func pdfDictEntries(r io.ReaderAt, size, off int64) ([]pdfEntry, error) {
	b := make([]byte, min(size-off, maxPDFInfoObject))
	n, err := r.ReadAt(b, off)
	if err != nil && err != io.EOF {
		return nil, err
	}
	t := &pdfTokens{b: b[:n]}
	if tok, _ := t.next(); tok != "<<" {
		return nil, errNotDict
	}
	var out []pdfEntry
	for {
		tok, start := t.next()
		switch {
		case tok == "":
			return nil, fmt.Errorf("dictionary at offset %d runs past %d bytes", off, len(b))
		case tok == ">>":
			return out, nil
		case tok[0] != '/':
			return nil, errNotDict
		}
		key := pdfName(tok[1:])
		v, _ := t.next()
		if v == "" || v == ">>" {
			return nil, errNotDict
		}
		if err := t.skipValue(v); err != nil {
			return nil, err
		}
		var ref int64
		// "N G R": two more tokens after a number.
		save := t.i
		if g, _ := t.next(); isPDFInt(v) && isPDFInt(g) {
			if rr, _ := t.next(); rr == "R" {
				ref, _ = strconv.ParseInt(v, 10, 64)
			} else {
				t.i = save
			}
		} else {
			t.i = save
		}
		out = append(out, pdfEntry{key: key, span: FileRange{Off: off + int64(start), N: int64(t.i - start)}, ref: ref})
	}
}

// pdfObjectValue gives the range of the string or other single value
// that the object after off (just after "obj") holds.
func pdfObjectValue(r io.ReaderAt, size, off int64) (FileRange, bool) {
	b := make([]byte, min(size-off, maxPDFInfoObject))
	n, err := r.ReadAt(b, off)
	if err != nil && err != io.EOF {
		return FileRange{}, false
	}
	t := &pdfTokens{b: b[:n]}
	v, start := t.next()
	if v == "" || t.skipValue(v) != nil {
		return FileRange{}, false
	}
	return FileRange{Off: off + int64(start), N: int64(t.i - start)}, true
}

// PDFMetadata is what the extractors read from a PDF's metadata: the
// Info dictionary's fields by name ("pdf:Author") and the names of the
// XMP properties that have a value ("xmp:dc:creator").
type PDFMetadata struct {
	Info map[string]string
	XMP  map[string]bool
}

// ReadPDFMetadata reads a PDF's Info dictionary and XMP (the catalog's
// /Metadata stream, decompressed; without one, the packets in the file's
// head and tail) as the extractors do, in one opening of the file, so
// that a redactor can check what its edits left.
func ReadPDFMetadata(r io.ReaderAt, size int64) (*PDFMetadata, error) {
	head := make([]byte, min(size, HeadSize))
	if _, err := r.ReadAt(head, 0); err != nil && err != io.EOF {
		return nil, fmt.Errorf("read head: %w", err)
	}
	if err := checkPDFXref(r, size); err != nil {
		return nil, fmt.Errorf("check pdf cross-reference: %w", err)
	}
	var res Result
	err := pdfSafely(func() error {
		rd, err := pdf.NewReader(&pdfBudget{r: r, left: maxPDFMetaRead}, size)
		if err != nil {
			return err
		}
		readPDFInfo(rd, &res)
		return readPDFXMP(rd, &res)
	})
	if err != nil {
		return nil, err
	}
	md := &PDFMetadata{Info: map[string]string{}, XMP: map[string]bool{}}
	for _, f := range res.Fields {
		md.Info[f.Name] = f.Value
	}
	packets := res.XMP
	if len(packets) == 0 {
		src := &Source{R: r, Size: size, Head: head, MediaType: "application/pdf", Kind: KindDocument}
		if packets, err = scanForXMP(src); err != nil {
			return nil, err
		}
	}
	for _, p := range packets {
		props, _ := parseXMP(p)
		for _, pr := range props {
			md.XMP["xmp:"+pr.path] = true
		}
	}
	return md, nil
}
