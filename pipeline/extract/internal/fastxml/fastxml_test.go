package fastxml

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// tokenSource is what both readers offer.
type tokenSource interface {
	Token() (xml.Token, error)
	InputOffset() int64
}

// step is a token as the callers see it, with the offset after it for
// elements.
type step struct {
	tok    xml.Token
	offset int64
}

// collect reads src to its end: elements, and character data joined
// between them; comments, processing instructions and directives left
// out, as callers ignore them.
func collect(src tokenSource) ([]step, error) {
	var out []step
	var text []byte
	flush := func() {
		if text != nil {
			out = append(out, step{tok: xml.CharData(text)})
			text = nil
		}
	}
	for {
		tok, err := src.Token()
		if errors.Is(err, io.EOF) {
			flush()
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch t := tok.(type) {
		case xml.CharData:
			text = append(append([]byte{}, text...), t...)
		case xml.StartElement:
			flush()
			out = append(out, step{tok: t.Copy(), offset: src.InputOffset()})
		case xml.EndElement:
			flush()
			out = append(out, step{tok: t, offset: src.InputOffset()})
		}
	}
}

func decoder(data []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = false
	return d
}

// match checks that, when New accepts data, Reader gives the tokens
// encoding/xml gives, and encoding/xml reads data without an error.
func match(t *testing.T, data []byte) bool {
	t.Helper()
	r, ok := New(data)
	if !ok {
		return false
	}
	want, err := collect(decoder(data))
	if err != nil {
		t.Fatalf("%q: accepted, but encoding/xml fails: %v", data, err)
	}
	got, err := collect(r)
	if err != nil {
		t.Fatalf("%q: accepted, then failed: %v", data, err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\ngot  %#v\nwant %#v", data, got, want)
	}
	return true
}

var accepted = []string{
	``,
	`<a/>`,
	"\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<r>x</r>",
	`<?xml version='1.0' encoding='utf-8'?><w:document xmlns:w="http://w" xmlns="http://d"><w:body><w:p><w:r><w:t xml:space="preserve">Jane &amp; Sam &lt;3 &#233;&#x1F600; </w:t></w:r><w:tab/></w:p><p a = "1"b='2'/></w:body></w:document>`,
	"<a>line\r\nnext\rlast\n<![CDATA[raw &amp; <b>\r\n]]]></a>",
	`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:format="image/jpeg"><dc:creator><rdf:Seq><rdf:li>Jane</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`,
	`<a xmlns:p="u1"><p:b xmlns:p="u2" p:c="v"/><p:b/><!-- note - here --><?pi some ? data?></a>trailing`,
	`<a xmlns="d"><b xmlns=""><c/></b><c/></a>`,
	`<a>&#13;&#10;&#9;&quot;&apos;&gt;</a>`,
	`<?xml?><a/><b/>`,
}

// refused are documents outside the subset, which encoding/xml reads in
// its own way (or fails on).
var refused = []string{
	`<!DOCTYPE a><a/>`,
	`<?xml version="1.0" encoding="ISO-8859-1"?><a/>`,
	`<?xml version="1.1"?><a/>`,
	`<a>&nbsp;</a>`,
	`<a>&#0;</a>`,
	`<a>&#xD800;</a>`,
	`<a>& b</a>`,
	`<a b=c/>`,
	`<a b/>`,
	`<a><b></a></b>`,
	`<a>`,
	`<a>]]></a>`,
	"<a>\x01</a>",
	"<a>\xff</a>",
	`<a:b:c/>`,
	`<é/>`,
	`<a><!-- a -- b --></a>`,
	`<a b="<"/>`,
	`</a>`,
	`<a/ >`,
}

func TestAcceptedReadAsEncodingXML(t *testing.T) {
	for _, doc := range accepted {
		if !match(t, []byte(doc)) {
			t.Errorf("%q: refused", doc)
		}
	}
}

func TestRefused(t *testing.T) {
	for _, doc := range refused {
		if _, ok := New([]byte(doc)); ok {
			t.Errorf("%q: accepted", doc)
		}
	}
}

// TestDepth: a document nested deeper than maxDepth is left to
// encoding/xml and the caller's bounds.
func TestDepth(t *testing.T) {
	doc := func(n int) []byte {
		return []byte(strings.Repeat("<a>", n) + strings.Repeat("</a>", n))
	}
	if !match(t, doc(maxDepth)) {
		t.Errorf("%d levels refused", maxDepth)
	}
	if _, ok := New(doc(maxDepth + 1)); ok {
		t.Errorf("%d levels accepted", maxDepth+1)
	}
}

// sharedXML returns the XML of the shared corpus beside the project:
// XMP sidecars, SVG and XML files, and the parts of office documents.
func sharedXML(t testing.TB) [][]byte {
	root := filepath.Join("..", "..", "..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(root); err != nil {
		return nil
	}
	var docs [][]byte
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch strings.ToLower(filepath.Ext(p)) {
		case ".xmp", ".svg", ".xml", ".gpx", ".opf":
			b, err := os.ReadFile(p)
			if err == nil {
				docs = append(docs, b)
			}
		case ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".epub":
			zr, err := zip.OpenReader(p)
			if err != nil {
				return nil
			}
			defer zr.Close()
			for _, f := range zr.File {
				if !strings.HasSuffix(f.Name, ".xml") && !strings.HasSuffix(f.Name, ".rels") || f.UncompressedSize64 > 1<<20 {
					continue
				}
				rc, err := f.Open()
				if err != nil {
					continue
				}
				b, err := io.ReadAll(rc)
				rc.Close()
				if err == nil {
					docs = append(docs, b)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// TestSharedCorpus: the XML of the shared corpus reads alike, and most
// of it is in the subset.
func TestSharedCorpus(t *testing.T) {
	docs := sharedXML(t)
	if docs == nil {
		t.Skip("the shared corpus is not beside the project (it is in development and CI only)")
	}
	n := 0
	for _, d := range docs {
		if match(t, d) {
			n++
		}
	}
	t.Logf("%d of %d documents in the subset", n, len(docs))
	if n < len(docs)*3/4 {
		t.Errorf("only %d of %d documents in the subset", n, len(docs))
	}
}

// FuzzMatchesEncodingXML: on every document New accepts, Reader gives
// encoding/xml's tokens, and encoding/xml reads it without error.
func FuzzMatchesEncodingXML(f *testing.F) {
	for _, d := range accepted {
		f.Add([]byte(d))
	}
	for _, d := range refused {
		f.Add([]byte(d))
	}
	for _, d := range sharedXML(f) {
		if len(d) < 16<<10 {
			f.Add(d)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		match(t, data)
	})
}

// documentPart is the body of the project's sample Word file.
func documentPart(b *testing.B) []byte {
	zr, err := zip.OpenReader(filepath.Join("..", "..", "testdata", "samples", "doc.docx"))
	if err != nil {
		b.Fatal(err)
	}
	defer zr.Close()
	rc, err := zr.Open("word/document.xml")
	if err != nil {
		b.Fatal(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		b.Fatal(err)
	}
	return data
}

func drain(b *testing.B, src tokenSource) {
	for {
		_, err := src.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDocumentPart reads the tokens of a Word file's body with
// encoding/xml and with fastxml (its check included).
func BenchmarkDocumentPart(b *testing.B) {
	data := documentPart(b)
	b.Run("encoding-xml", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			drain(b, decoder(data))
		}
	})
	b.Run("fastxml", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			r, ok := New(data)
			if !ok {
				b.Fatal("the sample's body is outside the subset")
			}
			drain(b, r)
		}
	})
}
