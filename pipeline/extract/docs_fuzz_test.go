package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fuzzDoc runs the document extractors over data and checks the fuzz
// properties: no panic escapes a parser of this package, and the text
// handed out stays within the limits the extractors promise.
func fuzzDoc(t *testing.T, name string, data []byte, maxText int64) {
	res, _ := runDoc(t, name, data)
	for _, err := range res.Errors {
		if strings.Contains(err.Error(), "parser panic") {
			t.Fatalf("panic on %d bytes: %v", len(data), err)
		}
	}
	if res.TextBytes > maxText {
		t.Fatalf("%d bytes of text from %d bytes of input", res.TextBytes, len(data))
	}
	for _, d := range res.Dates {
		if d.Time.Year() < 1800 || d.Time.Year() > 2200 {
			t.Fatalf("date out of range: %v", d)
		}
	}
}

func FuzzOOXML(f *testing.F) {
	f.Add(buildDOCX(f))
	f.Add(buildODT(f))
	f.Add(buildPPTX(f))
	f.Add(buildXLSX(f))
	if b, err := os.ReadFile(filepath.Join("testdata", "samples", "doc.docx")); err == nil {
		f.Add(b)
	}
	f.Add(buildZip(f, zipEntry{Name: "word/document.xml", Body: `<w:document xmlns:w="w"><w:p><w:r><w:t>a</w:t></w:r></w:p></w:document>`, Store: true}))
	f.Fuzz(func(t *testing.T, data []byte) {
		// The sniffer names an archive by its entries; the names decide
		// only for an archive it calls a plain ZIP.
		for _, name := range []string{"fuzz.docx", "fuzz.odt", "fuzz.xlsx", "fuzz.pptx"} {
			fuzzDoc(t, name, data, maxZipTotalSize)
		}
	})
}

func FuzzEPUB(f *testing.F) {
	f.Add(buildEPUB(f))
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDoc(t, "fuzz.epub", data, maxZipTotalSize)
	})
}

func FuzzPDF(f *testing.F) {
	f.Add(testPDF())
	f.Add(buildPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
	}, "/Root 1 0 R"))
	f.Add([]byte("%PDF-1.5\n1 0 obj\n<< /Type /XRef /Size 5 /W [1 2 1] >>\nstream\n\nendstream\nendobj\nstartxref\n9\n%%EOF\n"))
	for _, tc := range hostilePDFObjects() {
		f.Add(tc.data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDoc(t, "fuzz.pdf", data, maxPDFText)
	})
}

func FuzzRTF(f *testing.F) {
	f.Add([]byte(testRTF))
	f.Add([]byte(`{\rtf1{\info{\author a}{\creatim\yr2000\mo1\dy1}}\u-10179?\u-8704?\'e9\bin3 abc}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		// \uN and \'hh expand to at most 4 bytes of UTF-8 per input byte.
		fuzzDoc(t, "fuzz.rtf", append([]byte(`{\rtf1 `), data...), 4*int64(len(data))+64)
	})
}
