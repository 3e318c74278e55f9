package pdf

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// FuzzReader opens any bytes as a PDF and reads them as consign does:
// the trailer, the Info dictionary, the XMP stream, the page tree, each
// page's fonts and the text of its content. Malformed input may panic
// (the Value API reports errors no other way; consign recovers), but it
// must not crash the process past recovery (a stack overflow or an
// allocation the machine cannot meet), hang, or allocate without bound.
// (Change from upstream ledongthuc/pdf, which has no fuzz target.)
func FuzzReader(f *testing.F) {
	// consign's sample, made with Ghostscript, and the copy's test files.
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.pdf"))
	seeds = append(seeds, filepath.Join("..", "..", "pipeline", "extract", "testdata", "samples", "doc.pdf"))
	for _, p := range seeds {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add(malformedCMapPreamblePDF())
	f.Add(hostileFile([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		"<< /Length 36 >>\nstream\nBT /F1 12 Tf (Hello) Tj [(a) -300 (b)] TJ ET\nendstream",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Author (Jo) /CreationDate (D:20210603142210+02'00') >>",
	}, classicXref("/Root 1 0 R /Info 6 0 R")))
	f.Add(hostileFile([]string{"<< /Type /Catalog >>", "<< /Type /ObjStm /N 1 /First 4 /Length 8 >>\nstream\n1 0 << >>\nendstream"}, streamXref([]xrefEntry{
		{typ: 0, f3: 65535}, {typ: 2, f2: 2}, {typ: 1, useOffOf: 2},
	}, "/Root 1 0 R")))
	// Pages and fonts in an object stream, sharing a ToUnicode map: the
	// reader keeps the stream's bytes, its index and the map.
	book := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /Contents 6 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		"<< /Type /Page /Parent 2 0 R /Contents 6 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		"<< /Type /Font /Subtype /Type1 /ToUnicode 7 0 R >>",
	}
	content := "BT /F1 12 Tf (Hello) Tj ET"
	cmap := "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange <00> <FF> endcodespacerange\n1 beginbfrange <20> <7E> <0020> endbfrange\nendcmap end end"
	f.Add(objectStreamFile(headerOf(book), book, []string{
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(cmap), cmap),
	}))
	f.Fuzz(func(t *testing.T, data []byte) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		readLikeConsign(data)
		runtime.ReadMemStats(&after)
		// An object stream may inflate to 8 MiB, parsed at about five
		// times that; what a file can cost beyond stays small.
		if n := after.TotalAlloc - before.TotalAlloc; n > 256<<20+64*uint64(len(data)) {
			t.Fatalf("%d bytes of input allocated %d bytes", len(data), n)
		}
	})
}

// readLikeConsign reads data the way consign's PDF extractor does, each
// step on its own so that a panic in one leaves the others to run.
func readLikeConsign(data []byte) {
	var r *Reader
	step(func() {
		var err error
		if r, err = NewReader(bytes.NewReader(data), int64(len(data))); err != nil {
			r = nil
		}
	})
	if r == nil {
		return
	}
	step(func() {
		info := r.Trailer().Key("Info")
		for _, k := range info.Keys() {
			v := info.Key(k)
			_ = v.Text() + v.Name() + v.String()
		}
	})
	step(func() {
		rc := r.Trailer().Key("Root").Key("Metadata").Reader()
		io.Copy(io.Discard, io.LimitReader(rc, 1<<20))
	})
	step(func() { r.NumPage() })
	for i := 1; i <= 3; i++ {
		step(func() {
			p := r.Page(i)
			for _, name := range p.Fonts() {
				f := p.Font(name)
				if enc := f.Encoder(); enc != nil {
					enc.Decode("\x00\x41\x01")
				}
			}
			// consign measures the content before it interprets it.
			content := p.V.Key("Contents")
			if content.Kind() != Stream {
				return
			}
			n, _ := io.Copy(io.Discard, io.LimitReader(content.Reader(), 1<<20+1))
			if n > 1<<20 {
				return
			}
			p.GetPlainText(nil)
		})
	}
}

func step(fn func()) {
	defer func() { recover() }()
	fn()
}
