package extract

import (
	"bytes"
	"errors"
	"fmt"
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
