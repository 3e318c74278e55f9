package extract

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
	"testing"
)

// buildPDFObjStm writes a PDF 1.5 file as pdfLaTeX and recent office
// suites do: the objects of packed (numbered 1 to len(packed)) in one
// Flate-compressed object stream, those of plain (numbered on from there)
// as ordinary objects, and a cross-reference stream. trailer is the rest
// of the xref stream's dictionary.
func buildPDFObjStm(packed, plain []string, trailer string) []byte {
	var header, body bytes.Buffer
	for i, o := range packed {
		fmt.Fprintf(&header, "%d %d ", i+1, body.Len())
		body.WriteString(o)
		body.WriteString("\n")
	}
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(header.Bytes())
	zw.Write(body.Bytes())
	zw.Close()

	stm := len(packed) + len(plain) + 1
	entries := [][3]int{{0, 0, 65535}}
	var objs []string
	for i := range packed {
		objs = append(objs, "null") // the xref sends readers to the stream
		entries = append(entries, [3]int{2, stm, i})
	}
	objs = append(objs, plain...)
	objs = append(objs, fmt.Sprintf("<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream",
		len(packed), header.Len(), z.Len(), z.Bytes()))
	for n := len(packed) + 1; n <= stm; n++ {
		entries = append(entries, [3]int{1, n, 0})
	}
	return buildPDFXrefStream(objs, entries, trailer)
}

// pdfBook is a book of the given pages, each setting its text in two
// fonts with ToUnicode maps. With packed, its catalog, page tree, pages
// and fonts are in an object stream; otherwise every object is plain.
func pdfBook(pages int, packed bool) []byte {
	// Objects: 1 catalog, 2 page tree, 3 and 4 fonts, then each page;
	// after them the ToUnicode map and each page's content stream.
	const first = 5
	cmap := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n1 beginbfrange <20> <7E> <0020> endbfrange\nendcmap end end"
	dicts := []string{"<< /Type /Catalog /Pages 2 0 R >>", "", "", ""}
	toUnicode := first + 2*pages
	font := func(base string) string {
		return fmt.Sprintf("<< /Type /Font /Subtype /Type1 /BaseFont /%s /ToUnicode %d 0 R >>", base, toUnicode)
	}
	dicts[2], dicts[3] = font("Times-Roman"), font("Times-Italic")
	var kids []string
	var streams []string
	for p := range pages {
		page := first + p
		content := first + pages + p
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
		dicts = append(dicts, fmt.Sprintf("<< /Type /Page /Parent 2 0 R /Contents %d 0 R /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>", content))
		streams = append(streams, pdfStream(fmt.Sprintf("BT /F1 10 Tf 72 700 Td (Chapter text of page %d) Tj /F2 10 Tf 0 -12 Td (in italics) Tj /F1 10 Tf 0 -12 Td (and back) Tj ET", p+1)))
	}
	dicts[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), pages)
	streams = append(streams, fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(cmap), cmap))
	if packed {
		return buildPDFObjStm(dicts, streams, "/Root 1 0 R")
	}
	return buildPDF(append(dicts, streams...), "/Root 1 0 R")
}

// A file whose objects are in an object stream reads as the same file
// written plainly: the reader keeps the stream's inflated bytes and looks
// each object up in them.
func TestPDFObjectStreamBook(t *testing.T) {
	const pages = 30
	res, sink := runDoc(t, "book.pdf", pdfBook(pages, true))
	wantNoErrors(t, res)
	wantTag(t, res, "pages", fmt.Sprint(pages))
	_, plain := runDoc(t, "book.pdf", pdfBook(pages, false))
	if got, want := sink.all(), plain.all(); got != want {
		t.Errorf("text with object streams:\n%s\nwithout:\n%s", got, want)
	}
	if got, want := sink.texts["page 30"], "Chapter text of page 30\nin italics\nand back\n"; got != want {
		t.Errorf("page 30 = %q, want %q", got, want)
	}
}

// BenchmarkPDFObjectStreams extracts a 200-page book whose pages and
// fonts are in an object stream, as pdfLaTeX writes them.
func BenchmarkPDFObjectStreams(b *testing.B) {
	data := pdfBook(200, true)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		res, _ := runDoc(b, "book.pdf", data)
		if len(res.Errors) > 0 {
			b.Fatal(res.Errors)
		}
	}
}
