package extract

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// PDFStream is the data of a stream object as written in a PDF: where it
// lies (its /Length bytes after the "stream" keyword's line break) and
// the names of its filters, in order ("FlateDecode"), with whether the
// stream has decode parameters.
type PDFStream struct {
	Data    FileRange
	Filters []string
	Params  bool
}

// maxPDFMetadataStreams bounds the metadata streams one file may hold:
// the catalog's in each revision, a few images' and pages'.
const maxPDFMetadataStreams = 256

// LocatePDFMetadataStreams finds every metadata stream (a dictionary
// with /Type /Metadata) written as a plain "N G obj" object, in every
// revision an incremental update left in the file, by a scan for
// "/Metadata" and the object header before it. A stream's /Length may
// be a number or a reference to one.
func LocatePDFMetadataStreams(r io.ReaderAt, size int64) ([]PDFStream, error) {
	const back = 1 << 10 // how far before "/Metadata" its object's header may be
	var out []PDFStream
	seen := map[int64]bool{}
	err := scanPDF(r, size, back, []byte("/Metadata"), func(b []byte, from int64, at int) error {
		// The object this name is in: the last header before it.
		h := bytes.LastIndex(b[max(0, at-back):at], []byte("obj"))
		if h < 0 {
			return nil
		}
		h += max(0, at-back)
		if _, ok := objHeader(b[:h]); !ok {
			return nil
		}
		objOff := from + int64(h+3)
		if seen[objOff] {
			return nil
		}
		seen[objOff] = true
		s, ok, err := pdfMetadataStream(r, size, objOff)
		if err != nil || !ok {
			return err
		}
		if len(out) == maxPDFMetadataStreams {
			return fmt.Errorf("more than %d metadata streams: %w", maxPDFMetadataStreams, ErrPDFLimit)
		}
		out = append(out, s)
		return nil
	})
	return out, err
}

// pdfMetadataStream reads the object after off (just after "obj") as a
// metadata stream: false when it is another object.
func pdfMetadataStream(r io.ReaderAt, size, off int64) (PDFStream, bool, error) {
	b := make([]byte, min(size-off, maxPDFInfoObject))
	n, err := r.ReadAt(b, off)
	if err != nil && err != io.EOF {
		return PDFStream{}, false, err
	}
	t := &pdfTokens{b: b[:n]}
	if tok, _ := t.next(); tok != "<<" {
		return PDFStream{}, false, nil
	}
	var s PDFStream
	var typ, length string
	var lengthRef int64
	for {
		tok, _ := t.next()
		if tok == ">>" {
			break
		}
		if tok == "" || tok[0] != '/' {
			return PDFStream{}, false, nil
		}
		key := pdfName(tok[1:])
		v, _ := t.next()
		switch {
		case v == "" || v == ">>":
			return PDFStream{}, false, nil
		case v == "[":
			for {
				e, _ := t.next()
				if e == "]" || e == "" {
					break
				}
				if key == "Filter" && strings.HasPrefix(e, "/") {
					s.Filters = append(s.Filters, pdfName(e[1:]))
				} else if key == "Filter" {
					s.Filters = append(s.Filters, "?")
				}
			}
			if key == "DecodeParms" {
				s.Params = true
			}
			continue
		case v == "<<":
			if err := t.skipValue(v); err != nil {
				return PDFStream{}, false, nil
			}
			if key == "DecodeParms" {
				s.Params = true
			}
			continue
		}
		save := t.i
		if g, _ := t.next(); isPDFInt(v) && isPDFInt(g) {
			if rr, _ := t.next(); rr == "R" {
				if key == "Length" {
					lengthRef, _ = strconv.ParseInt(v, 10, 64)
				}
				continue
			}
		}
		t.i = save
		switch key {
		case "Type":
			typ = v
		case "Length":
			length = v
		case "Filter":
			s.Filters = append(s.Filters, pdfName(strings.TrimPrefix(v, "/")))
		case "DecodeParms":
			s.Params = v != "null"
		}
	}
	if typ != "/Metadata" {
		return PDFStream{}, false, nil
	}
	// "stream", then CR LF or LF: the data starts after it.
	rest := t.b[t.i:]
	trimmed := bytes.TrimLeft(rest, " \t\r\n\f\x00")
	if !bytes.HasPrefix(trimmed, []byte("stream")) {
		return PDFStream{}, false, nil
	}
	data := t.i + len(rest) - len(trimmed) + len("stream")
	switch {
	case bytes.HasPrefix(t.b[data:], []byte("\r\n")):
		data += 2
	case bytes.HasPrefix(t.b[data:], []byte("\n")):
		data++
	default:
		return PDFStream{}, false, nil
	}
	if lengthRef > 0 {
		objs, err := pdfObjectOffsets(r, size, map[int64]bool{lengthRef: true})
		if err != nil || len(objs) == 0 {
			return PDFStream{}, false, err
		}
		v, ok := pdfObjectValue(r, size, objs[len(objs)-1].off)
		if !ok {
			return PDFStream{}, false, nil
		}
		lb := make([]byte, v.N)
		if _, err := r.ReadAt(lb, v.Off); err != nil {
			return PDFStream{}, false, nil
		}
		length = string(lb)
	}
	l, err := strconv.ParseInt(length, 10, 64)
	if err != nil || l < 0 || off+int64(data)+l > size {
		return PDFStream{}, false, nil
	}
	s.Data = FileRange{Off: off + int64(data), N: l}
	return s, true, nil
}
