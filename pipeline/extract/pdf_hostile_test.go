package extract

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// runDocAllocs extracts a PDF and says how many bytes the extraction
// allocated.
func runDocAllocs(t *testing.T, data []byte) (*Result, uint64) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res, _ := runDoc(t, "x.pdf", data)
	runtime.ReadMemStats(&after)
	return res, after.TotalAlloc - before.TotalAlloc
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
			res, allocated := runDocAllocs(t, tc.data)
			found := false
			for _, err := range res.Errors {
				found = found || errors.Is(err, ErrPDFLimit)
			}
			if !found {
				t.Errorf("errors %v do not wrap %v", res.Errors, ErrPDFLimit)
			}
			if n := allocated; n > 8<<20 {
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
			res, allocated := runDocAllocs(t, tc.data)
			if tc.want != "" {
				found := false
				for _, err := range res.Errors {
					found = found || strings.Contains(err.Error(), tc.want)
				}
				if !found {
					t.Errorf("errors %v, want one saying %q", res.Errors, tc.want)
				}
			}
			if n := allocated; n > 64<<20 {
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
