package extract

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// buildPDF writes objects 1..n with a correct cross-reference table; the
// trailer dictionary body is given (without << >>), /Size is added.
func buildPDF(objs []string, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailer, xref)
	return b.Bytes()
}

func pdfStream(body string) string {
	return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(body), body)
}

// testPDF is a two-page PDF with an Info dictionary and an XMP stream.
func testPDF() []byte {
	xmp := `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>`
	return buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R /Metadata 7 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 5 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 8 0 R >> >> >>",
		pdfStream("BT /F1 12 Tf 72 700 Td (Hello page one) Tj 0 -14 Td [(Second) -300 (line)] TJ ET"),
		"<< /Type /Page /Parent 2 0 R /Contents 6 0 R /Resources << /Font << /F1 8 0 R >> >> >>",
		pdfStream("BT /F1 12 Tf (Page two) Tj ET"),
		"<< /Type /Metadata /Subtype /XML /Length " + fmt.Sprint(len(xmp)) + " >>\nstream\n" + xmp + "\nendstream",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Author (Jo Writer) /Title (Report) /Creator (Writer 7) /Producer (PDF maker) /CreationDate (D:20210603142210+02'00') /ModDate (D:20210604) /Custom (x) >>",
	}, "/Root 1 0 R /Info 9 0 R")
}

func TestPDFBuilt(t *testing.T) {
	res, sink := runDoc(t, "report.pdf", testPDF())
	wantNoErrors(t, res)
	wantTag(t, res, "author", "Jo Writer")
	wantTag(t, res, "title", "Report")
	wantTag(t, res, "software", "Writer 7")
	wantTag(t, res, "pages", "2")
	wantField(t, res, "pdf:Producer", "PDF maker")
	wantField(t, res, "pdf:ModDate", "D:20210604")
	wantField(t, res, "pdf:Custom", "x")
	wantDate(t, res, "pdf:CreationDate", "2021-06-03T14:22:10+02:00")
	if len(res.XMP) != 1 || !bytes.Contains(res.XMP[0], []byte("x:xmpmeta")) {
		t.Errorf("xmp packets = %q", res.XMP)
	}
	if got := strings.Join(sink.parts, ","); got != "page 1,page 2" {
		t.Errorf("parts = %s", got)
	}
	if got := sink.texts["page 1"]; got != "Hello page one\nSecond line\n" {
		t.Errorf("page 1 = %q", got)
	}
	if got := sink.texts["page 2"]; got != "Page two\n" {
		t.Errorf("page 2 = %q", got)
	}
}

func TestPDFSampleFile(t *testing.T) {
	_, res, sink := runDocFile(t, "testdata/samples/doc.pdf")
	wantNoErrors(t, res)
	// Values as exiftool reports them for this file.
	wantTag(t, res, "author", "Jane Creator")
	wantTag(t, res, "title", "Client Brief")
	wantTag(t, res, "subject", "Contract")
	wantTag(t, res, "software", "libprobe")
	wantTag(t, res, "pages", "1")
	wantField(t, res, "pdf:Producer", "GPL Ghostscript 10.00.0")
	wantDate(t, res, "pdf:CreationDate", "2026-11-25T18:53:56Z")
	if len(res.XMP) != 1 {
		t.Errorf("%d xmp packets, want 1", len(res.XMP))
	}
	if got := sink.texts["page 1"]; !strings.Contains(got, "Contract for Jane Creator, jane.creator@example.com, phone +1 415 555 0132.\n") {
		t.Errorf("page 1 = %q", got)
	}
}

func TestPDFHostile(t *testing.T) {
	valid := testPDF()
	xrefAt := bytes.LastIndex(valid, []byte("xref\n0 "))
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{name: "broken xref offset", data: bytes.Replace(valid, []byte(fmt.Sprintf("startxref\n%d", xrefAt)), []byte("startxref\n99999999"), 1)},
		{name: "xref points at garbage", data: bytes.Replace(valid, []byte(fmt.Sprintf("startxref\n%d", xrefAt)), []byte("startxref\n20"), 1)},
		{name: "huge object number", data: bytes.Replace(valid, []byte("xref\n0 10"), []byte("xref\n999999999999 10"), 1), want: ErrPDFLimit},
		{name: "prev loop", data: bytes.Replace(valid, []byte("/Size 10"), []byte(fmt.Sprintf("/Size 10 /Prev %d", xrefAt)), 1), want: ErrPDFLimit},
		{name: "xref stream huge size", data: []byte("%PDF-1.5\n1 0 obj\n<< /Type /XRef /Size 99999999999 /W [1 2 1] >>\nstream\n\nendstream\nendobj\nstartxref\n9\n%%EOF\n"), want: ErrPDFLimit},
		{name: "xref stream zero widths", data: []byte("%PDF-1.5\n1 0 obj\n<< /Type /XRef /Size 5 /Index [0 9999999999] /W [0 0 0] >>\nstream\n\nendstream\nendobj\nstartxref\n9\n%%EOF\n"), want: ErrPDFLimit},
		{name: "truncated", data: valid[:len(valid)/2]},
		{name: "page tree cycle", data: buildPDF([]string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [2 0 R 2 0 R] /Count 2 >>",
		}, "/Root 1 0 R")},
		{name: "bad filter", data: buildPDF([]string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Contents 4 0 R >>",
			"<< /Length 4 /Filter /NoSuchDecode >>\nstream\nabcd\nendstream",
		}, "/Root 1 0 R")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, _ := runDoc(t, "x.pdf", tc.data)
			if tc.want != nil {
				found := false
				for _, err := range res.Errors {
					found = found || errors.Is(err, tc.want)
				}
				if !found {
					t.Errorf("errors %v do not wrap %v", res.Errors, tc.want)
				}
			}
			t.Logf("errors: %v", res.Errors)
		})
	}
}

// The object numbers a PDF may use grow with its size: a 113-byte file
// that declared 4M objects passed the check (4M was the one limit) and
// made the library allocate a 128 MB cross-reference table.
func TestPDFObjectNumbersBoundedByFileSize(t *testing.T) {
	xrefStream := func(size int) []byte {
		return []byte(fmt.Sprintf("%%PDF-1.5\n1 0 obj\n<< /Type /XRef /Size %d /W [1 2 1] /Length 0 >>\nstream\n\nendstream\nendobj\nstartxref\n9\n%%%%EOF\n", size))
	}
	valid := testPDF()
	tests := []struct {
		name string
		data []byte
	}{
		{"xref stream of 4M objects", xrefStream(4_000_000)},
		{"xref stream of 64Ki+1 objects", xrefStream(minPDFObjects + 1)},
		{"xref table from object 4M", bytes.Replace(valid, []byte("xref\n0 10"), []byte("xref\n4000000 10"), 1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			res, _ := runDoc(t, "x.pdf", tc.data)
			runtime.ReadMemStats(&after)
			found := false
			for _, err := range res.Errors {
				found = found || errors.Is(err, ErrPDFLimit)
			}
			if !found {
				t.Errorf("errors %v do not wrap %v", res.Errors, ErrPDFLimit)
			}
			if n := after.TotalAlloc - before.TotalAlloc; n > 8<<20 {
				t.Errorf("%d bytes of pdf allocated %d bytes", len(tc.data), n)
			}
		})
	}
	for _, tc := range []struct{ size, want int64 }{
		{100, minPDFObjects},
		{1 << 18, minPDFObjects},
		{4 << 20, 1 << 20},
		{1 << 40, maxPDFObjects},
	} {
		if got := pdfObjectLimit(tc.size); got != tc.want {
			t.Errorf("pdfObjectLimit(%d) = %d, want %d", tc.size, got, tc.want)
		}
	}
}

// buildPDFXrefStream writes objects 1..n and an uncompressed xref stream
// (object n+1, /W [1 4 2]) whose entries are given: {type, field 2,
// field 3}, with field 2 of a type-1 entry the number of an object whose
// offset is meant. The stream's own entry is added; trailer is the rest of
// its dictionary.
func buildPDFXrefStream(objs []string, entries [][3]int, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.5\n")
	offs := make([]int, len(objs)+1)
	for i, o := range objs {
		offs[i+1] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	at := b.Len()
	var data []byte
	put := func(typ, f2, f3 int) {
		data = append(data, byte(typ), byte(f2>>24), byte(f2>>16), byte(f2>>8), byte(f2), byte(f3>>8), byte(f3))
	}
	for _, e := range entries {
		if e[0] == 1 {
			e[1] = offs[e[1]]
		}
		put(e[0], e[1], e[2])
	}
	put(1, at, 0)
	n := len(objs) + 1
	fmt.Fprintf(&b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Length %d %s >>\nstream\n%s\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", n, n, len(data), trailer, data, at)
	return b.Bytes()
}

// hostilePDFObjects are files whose object graph made the PDF library
// crash consign (a stack overflow or an allocation past the memory limit,
// neither of which recover catches) or hang, with what the error now says.
func hostilePDFObjects() []struct {
	name, want string
	data       []byte
} {
	catalog := []string{"<< /Type /Catalog /Pages 3 0 R >>"}
	deflate := func(data []byte) string {
		var z bytes.Buffer
		zw, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
		zw.Write(data)
		zw.Close()
		return z.String()
	}
	flate := func(content string) string {
		z := deflate([]byte(content))
		return fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", len(z), z)
	}
	row := deflate([]byte{2, 1, 0, 0, 0})
	cmap := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n4194304 beginbfchar endbfchar\nendcmap end end"
	return []struct {
		name, want string
		data       []byte
	}{
		{"object streams inside each other", "itself in an object stream", buildPDFXrefStream(append(catalog, "<< >>"),
			[][3]int{{0, 0, 65535}, {2, 2, 0}, {2, 1, 0}}, "/Root 1 0 R")},
		{"object stream whose N is inside it", "nest deeper", buildPDFXrefStream(append(catalog, "<< /Type /ObjStm /N 1 0 R /First 4 /Length 8 >>\nstream\n1 0 1234\nendstream"),
			[][3]int{{0, 0, 65535}, {2, 2, 0}, {1, 2, 0}}, "/Root 1 0 R")},
		{"object stream of 2^40 objects", "cannot find object in stream", buildPDFXrefStream(append(catalog, "<< /Type /ObjStm /N 1099511627776 /First 4 /Length 4 >>\nstream\n7 0 \nendstream"),
			[][3]int{{0, 0, 65535}, {2, 2, 0}, {1, 2, 0}}, "/Root 1 0 R")},
		{"predictor of a billion columns", "predictor", []byte(fmt.Sprintf("%%PDF-1.5\n1 0 obj\n<< /Type /XRef /Size 1 /W [1 2 1] /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 1073741824 >> /Length %d >>\nstream\n%s\nendstream\nendobj\nstartxref\n9\n%%%%EOF\n", len(row), row))},
		{"content of 15M numbers in 32 KB of Flate", "values on the operand stack", buildPDF([]string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>",
			flate("[" + strings.Repeat("0 ", 15<<20) + "] TJ"),
		}, "/Root 1 0 R")},
		{"content of 5,000 streams", "5000 content streams", buildPDF([]string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /Contents [" + strings.Repeat("4 0 R ", 5000) + "] >>",
			flate("BT (a) Tj ET"),
		}, "/Root 1 0 R")},
		{"ToUnicode map of 4M entries it does not hold", "", buildPDF([]string{
			"<< /Type /Catalog /Pages 2 0 R >>",
			"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
			"<< /Type /Page /Parent 2 0 R /Contents 6 0 R /Resources << /Font << /F1 4 0 R >> >> >>",
			"<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /ToUnicode 5 0 R >>",
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(cmap), cmap),
			pdfStream("BT /F1 12 Tf (AB) Tj ET"),
		}, "/Root 1 0 R")},
	}
}

func TestPDFHostileObjectGraphs(t *testing.T) {
	for _, tc := range hostilePDFObjects() {
		t.Run(tc.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			res, _ := runDoc(t, "x.pdf", tc.data)
			runtime.ReadMemStats(&after)
			if tc.want != "" {
				found := false
				for _, err := range res.Errors {
					found = found || strings.Contains(err.Error(), tc.want)
				}
				if !found {
					t.Errorf("errors %v, want one saying %q", res.Errors, tc.want)
				}
			}
			if n := after.TotalAlloc - before.TotalAlloc; n > 64<<20 {
				t.Errorf("%d bytes of pdf allocated %d bytes", len(tc.data), n)
			}
		})
	}
}

// A font whose /Differences held 100,000 unknown glyph names made each
// byte of a 100 KB string walk all of them: the scan read nothing for
// hours, so the extractor's time limit, checked on reads, never came.
func TestPDFLongDifferences(t *testing.T) {
	text := "BT /F1 12 Tf (" + strings.Repeat("z", 100000) + ") Tj ET"
	data := buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		pdfStream(text),
		"<< /Type /Font /Subtype /Type1 /Encoding << /Differences [0 " + strings.Repeat("/qq ", 100000) + "] >> >>",
	}, "/Root 1 0 R")
	res, sink := runDoc(t, "x.pdf", data)
	if len(res.Errors) > 0 {
		t.Errorf("errors: %v", res.Errors)
	}
	if got := sink.texts["page 1"]; !strings.Contains(got, strings.Repeat("z", 100000)) {
		t.Errorf("page 1 has %d bytes, not the string", len(got))
	}
}

// A ToUnicode map of 500,000 entries made each of 50,000 codes of text
// it does not hold walk all of them: hours of reading nothing.
func TestPDFLongToUnicode(t *testing.T) {
	var cm strings.Builder
	cm.WriteString("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n")
	for b := range 5000 {
		cm.WriteString("100 beginbfchar\n")
		for i := range 100 {
			fmt.Fprintf(&cm, "<%04X> <0041>\n", 0x8000+(b*100+i)%0x7000)
		}
		cm.WriteString("endbfchar\n")
	}
	cm.WriteString("endcmap end end")
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte(cm.String()))
	zw.Close()
	data := buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		pdfStream("BT /F1 12 Tf <" + strings.Repeat("0001", 50000) + "8001> Tj ET"),
		"<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /ToUnicode 6 0 R >>",
		fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.Bytes()),
	}, "/Root 1 0 R")
	res, sink := runDoc(t, "x.pdf", data)
	if len(res.Errors) > 0 {
		t.Errorf("errors: %v", res.Errors)
	}
	// Codes the map does not hold come out as U+FFFD.
	if got := sink.texts["page 1"]; !strings.HasSuffix(strings.TrimSpace(got), "\uFFFDA") {
		t.Errorf("page 1 has %d bytes, not ending in the mapped code: %.40q", len(got), got)
	}
}

func TestPDFBudgetStopsReads(t *testing.T) {
	b := &pdfBudget{r: bytes.NewReader(make([]byte, 100)), left: 10}
	err := pdfSafely(func() error {
		buf := make([]byte, 8)
		for {
			b.ReadAt(buf, 0)
		}
	})
	if !errors.Is(err, ErrPDFLimit) {
		t.Fatalf("err = %v, want the budget error", err)
	}
	b = &pdfBudget{r: bytes.NewReader(make([]byte, 100)), left: 1 << 20, deadline: time.Now().Add(-time.Second)}
	if err := pdfSafely(func() error { _, err := b.ReadAt(make([]byte, 1), 0); return err }); !errors.Is(err, ErrPDFLimit) {
		t.Fatalf("err = %v past the deadline", err)
	}
}

func TestParsePDFDate(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"D:20210603142210+02'00'", "2021-06-03T14:22:10+02:00", true},
		{"D:20210603142210-05'30'", "2021-06-03T14:22:10-05:30", true},
		{"D:20210603142210+02'00", "2021-06-03T14:22:10+02:00", true},
		{"D:20210603142210+0200", "2021-06-03T14:22:10+02:00", true},
		{"D:20210603142210Z00'00'", "2021-06-03T14:22:10Z", true},
		{"D:20210603142210Z", "2021-06-03T14:22:10Z", true},
		{"D:20210603142210", "2021-06-03T14:22:10", true},
		{"20210603142210", "2021-06-03T14:22:10", true},
		{"D:202106031422", "2021-06-03T14:22:00", true},
		{"D:20210603", "2021-06-03", true},
		{"D:2021", "2021-01-01", true},
		{"D:20210230", "", false},
		{"D:20211301", "", false},
		{"D:20210603142210+25'00'", "", false},
		{"D:20210603142210X", "", false},
		{"D:abc", "", false},
		{"", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			d, ok := parsePDFDate(tc.in)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v", ok, tc.ok)
			}
			if ok && d.String() != tc.want {
				t.Errorf("got %s, want %s", d.String(), tc.want)
			}
		})
	}
}

func TestParseW3CDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2021-06-03T12:22:10Z", "2021-06-03T12:22:10Z"},
		{"2021-06-03T12:22:10.5+02:00", "2021-06-03T12:22:10+02:00"},
		{"2021-06-03T12:22:10", "2021-06-03T12:22:10"},
		{"2021-06-03T12:22:10.123456789", "2021-06-03T12:22:10"},
		{"2021-06-03", "2021-06-03"},
		{"2021-06", "2021-06-01"},
		{"2021", "2021-01-01"},
		{"June 2021", ""},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			d, ok := parseW3CDate(tc.in)
			if got := map[bool]string{true: d.String(), false: ""}[ok]; got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
