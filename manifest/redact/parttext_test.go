package redact

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/consignhq/consign/pipeline/extract"
)

// textSink collects the text an extractor hands out, by part.
type textSink map[string][]byte

func (s textSink) Text(part string, r io.Reader) error {
	b, err := io.ReadAll(r)
	s[part] = append(s[part], b...)
	return err
}

// partTexts is the text a scan reads from each part of an Office file.
func partTexts(t *testing.T, name string, data []byte) textSink {
	t.Helper()
	mt, kind := extract.Sniff(name, data[:min(len(data), extract.HeadSize)])
	sink, errs := textsAs(name, mt, kind, data)
	for _, err := range errs {
		t.Errorf("extract %s: %v", name, err)
	}
	return sink
}

// textsAs is the text of each part of data read as a file of mediaType
// and kind, and the extractors' errors.
func textsAs(name, mediaType, kind string, data []byte) (textSink, []error) {
	sink, res := readDocument(name, mediaType, kind, data)
	return sink, res.Errors
}

// readDocument reads data as a file of mediaType and kind with every
// extractor whose text pack masks: the text of each part, and what the
// extractors record.
func readDocument(name, mediaType, kind string, data []byte) (textSink, *extract.Result) {
	sink := textSink{}
	res := &extract.Result{Sink: sink}
	src := &extract.Source{Path: name, Size: int64(len(data)), Head: data[:min(len(data), extract.HeadSize)], R: bytes.NewReader(data), MediaType: mediaType, Kind: kind}
	extract.Run(context.Background(), []extract.Extractor{extract.NewOOXML(), extract.NewODF(), extract.NewEPUB(), extract.NewHTML(), extract.NewRTF()}, src, res)
	return sink, res
}

// rangesOf gives the ranges of each value in text, as findings would.
func rangesOf(t *testing.T, text []byte, values ...string) []Range {
	t.Helper()
	var rs []Range
	for _, v := range values {
		i := bytes.Index(text, []byte(v))
		if i < 0 {
			t.Fatalf("fixture's text %q has no %q", text, v)
		}
		rs = append(rs, Range{int64(i), int64(i + len(v))})
	}
	return rs
}

// maskedText is text with ranges masked as Text masks a file, except
// where layout is found: text a document's layout elements stand for (a
// tab, a run of spaces), which has no bytes in the part to mask.
func maskedText(t *testing.T, text []byte, rs []Range, layout string) []byte {
	t.Helper()
	var out bytes.Buffer
	if _, err := Text(&out, bytes.NewReader(text), rs); err != nil {
		t.Fatal(err)
	}
	masked := out.Bytes()
	if i := bytes.Index(text, []byte(layout)); layout != "" && i >= 0 {
		copy(masked[i:], layout)
	}
	return masked
}

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

func TestTextOOXML(t *testing.T) {
	// A name split across runs (as Word writes a word it checked), an
	// address with an entity and a comment inside its text, accented
	// letters written raw and as references, CDATA, CRLF line ends and
	// a tab between runs.
	body := `<w:document ` + wordNS + `><w:body>` +
		`<w:p><w:r><w:t>Call Jo</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">hn Smith on 020 7946</w:t></w:r><w:r><w:tab/><w:t>0018 today.</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>Write to jo&amp;<!-- x -->an@example.com or Ren&#233;e Dupr&#xE9; at Caf` + "é" + `.</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t><![CDATA[Zoë <Zed>]]></w:t></w:r><w:r><w:t>line` + "\r\n" + `two</w:t></w:r></w:p>` +
		`</w:body></w:document>`
	file := officeFile(t, wordParts[0], [2]string{"word/document.xml", body}, wordParts[2], wordParts[4])
	before := partTexts(t, "a.docx", file)
	text := before["word/document.xml"]
	values := []string{"John Smith", "020 7946\t0018", "jo&an@example.com", "Renée Dupré", "Café", "Zoë <Zed>", "line\ntwo"}
	rs := rangesOf(t, text, values...)
	comment := before["word/comments.xml"]
	crs := rangesOf(t, comment, "Cut")
	s := Strip{Text: map[string][]Range{"word/document.xml": rs, "word/comments.xml": crs}, Fields: []string{"docx:dc:creator"}}
	out, rep := redactBytes(t, file, docxType, s)

	after := partTexts(t, "a.docx", out)
	if want := maskedText(t, text, rs, "\t"); !bytes.Equal(after["word/document.xml"], want) {
		t.Errorf("body reads\n%q\nwant\n%q", after["word/document.xml"], want)
	}
	if want := maskedText(t, comment, crs, ""); !bytes.Equal(after["word/comments.xml"], want) {
		t.Errorf("comment reads %q, want %q", after["word/comments.xml"], want)
	}
	for part, rs := range s.Text {
		for _, r := range rs {
			if !rep.Masked(part, r) {
				t.Errorf("report %v does not say %s %v was masked", rep.Applied, part, r)
			}
		}
	}
	if !rep.Removed("docx:dc:creator") || fieldValues(t, "a.docx", out)["docx:dc:creator"] != "" {
		t.Errorf("the field went with the text's masking: %v", rep)
	}
	all := inflateAll(t, out)
	for _, v := range []string{"Jo<", "hn Smith", "7946", "jo&amp;", "Ren&#233;e", "Café", "Zoë", "Zed"} {
		if bytes.Contains(all, []byte(v)) {
			t.Errorf("copy still holds %q", v)
		}
	}
	for _, v := range []string{"<!-- x -->", "<w:tab/>", `<w:rPr><w:b/></w:rPr>`, "Call ", " today.", "\r\n"} {
		if !bytes.Contains(all, []byte(v)) {
			t.Errorf("copy lost %q", v)
		}
	}
	if again, _ := redactBytes(t, file, docxType, s); !bytes.Equal(again, out) {
		t.Error("two redactions of one document differ")
	}
}

// TestTextOtherFormats: a workbook's shared strings, a slide and an
// OpenDocument text, whose spaces element stands for several spaces.
func TestTextOtherFormats(t *testing.T) {
	for _, c := range []struct {
		name, mediaType, part string
		parts                 [][2]string
		values                []string
		layout                string
	}{
		{"a.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/sharedStrings.xml", [][2]string{
			{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
			{"xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`},
			{"xl/sharedStrings.xml", `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Name</t></si><si><r><t>Ann </t></r><r><t>Other</t></r><rPh><t>アン</t></rPh></si><si><t>ann@example.com</t></si></sst>`},
		}, []string{"Ann Other", "ann@example.com"}, ""},
		{"a.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "ppt/slides/slide1.xml", [][2]string{
			{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
			{"ppt/presentation.xml", `<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>`},
			{"ppt/slides/slide1.xml", `<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:txBody><a:p><a:r><a:t>Speaker: Ann Other</a:t></a:r></a:p></p:txBody></p:sld>`},
		}, []string{"Ann Other"}, ""},
		{"a.odt", "application/vnd.oasis.opendocument.text", "content.xml", [][2]string{
			{"mimetype", "application/vnd.oasis.opendocument.text"},
			{"content.xml", `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>Phone Ann<text:s text:c="3"/>Other on <text:span>+44 20 7946 0018</text:span>.</text:p></office:text></office:body></office:document-content>`},
		}, []string{"Ann   Other", "+44 20 7946 0018"}, "   "},
		{"a.epub", epubType, "OEBPS/ch1.xhtml", [][2]string{
			{"mimetype", epubType},
			{"META-INF/container.xml", `<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf"/></rootfiles></container>`},
			{"OEBPS/content.opf", `<package xmlns="http://www.idpf.org/2007/opf"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Harbour</dc:title></metadata><manifest><item id="c1" href="ch1.xhtml"/></manifest><spine><itemref idref="c1"/></spine></package>`},
			{"OEBPS/ch1.xhtml", `<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>One</title><style>p{}</style></head><body>` +
				`<p>Ask Ren&eacute;e Du<em>pr&#xE9;</em> &amp; co.<br/>at renee&#64;example.org &ndash; or 020&nbsp;7946&#160;0018.` + "\r\n" + `</p><p>a &lt; b</p></body></html>`},
		}, []string{"Renée Dupré", "renee@example.org", "020\u00a07946\u00a00018", "a < b"}, ""},
	} {
		file := officeFile(t, c.parts...)
		text := partTexts(t, c.name, file)[c.part]
		rs := rangesOf(t, text, c.values...)
		out, rep := redactBytes(t, file, c.mediaType, Strip{Text: map[string][]Range{c.part: rs}})
		if got, want := partTexts(t, c.name, out)[c.part], maskedText(t, text, rs, c.layout); !bytes.Equal(got, want) {
			t.Errorf("%s: %s reads %q, want %q", c.name, c.part, got, want)
		}
		for _, r := range rs {
			if !rep.Masked(c.part, r) {
				t.Errorf("%s: report %v does not name %v", c.name, rep, r)
			}
		}
		if !TextSupported(c.mediaType, c.part) {
			t.Errorf("TextSupported(%s, %s) is false", c.mediaType, c.part)
		}
	}
	if TextSupported(docxType, "docProps/core.xml") || TextSupported("text/plain", "word/document.xml") {
		t.Error("TextSupported accepts a part the scan reads no text from")
	}
}

// TestTextKept: a range the part's text does not reach, or in a part
// read through another encoding, is reported kept and the part is left
// as it was.
func TestTextKept(t *testing.T) {
	latin := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><w:document " + wordNS + "><w:body><w:p><w:r><w:t>Ren\xe9e Dupr\xe9</w:t></w:r></w:p></w:body></w:document>"
	file := officeFile(t, wordParts[0], [2]string{"word/document.xml", latin})
	text := partTexts(t, "a.docx", file)["word/document.xml"]
	if !strings.Contains(string(text), "Renée") {
		t.Fatalf("fixture reads %q", text)
	}
	rs := append(rangesOf(t, text, "Renée"), Range{0, 500})
	out, rep := redactBytes(t, file, docxType, Strip{Text: map[string][]Range{"word/document.xml": rs}})
	if len(rep.Applied) != 0 || len(rep.Kept) != 2 {
		t.Errorf("report %v; want both ranges kept", rep)
	}
	if !bytes.Equal(partTexts(t, "a.docx", out)["word/document.xml"], text) {
		t.Error("the part changed though nothing was masked")
	}
	for _, r := range rs {
		if rep.Masked("word/document.xml", r) {
			t.Errorf("report says %v was masked", r)
		}
	}
}

// FuzzOfficeText masks a range of every part's text (an Office
// document's, an EPUB book's), placed by the fuzzer. Besides fuzzRedact's checks: a range the report says was
// masked reads as masks in the copy (or as the whitespace layout stands
// for), and the text around it is unchanged.
func FuzzOfficeText(f *testing.F) {
	f.Add(officeFile(f, wordParts...), uint16(2), uint16(9))
	f.Add(officeFile(f, [2]string{"mimetype", "application/vnd.oasis.opendocument.text"},
		[2]string{"content.xml", `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>A&amp;B<text:s text:c="2"/>C<![CDATA[d]]></text:p></office:text></office:body></office:document-content>`}),
		uint16(0), uint16(6))
	f.Add(officeFile(f, [2]string{"mimetype", epubType},
		[2]string{"META-INF/container.xml", `<container><rootfiles><rootfile full-path="c.opf"/></rootfiles></container>`},
		[2]string{"c.opf", `<package><manifest><item id="a" href="a.xhtml"/></manifest><spine><itemref idref="a"/></spine></package>`},
		[2]string{"a.xhtml", `<html><body><p>Ren&eacute;e &amp &nbsp;Du<b>pr&#233;</b></p>` + "\r\n" + `<p>x &lt; y</p></body></html>`}),
		uint16(1), uint16(12))
	f.Fuzz(func(t *testing.T, data []byte, a, b uint16) {
		mt, kind := extract.Sniff("a.docx", data[:min(len(data), extract.HeadSize)])
		if !isZipDocument(mt) {
			mt, kind = docxType, "document"
		}
		before, _ := textsAs("a.docx", mt, kind, data)
		s := Strip{Text: map[string][]Range{}}
		for part, text := range before {
			start := int64(a) % int64(len(text)+1)
			s.Text[part] = []Range{{start, start + int64(b%64)}, {0, 1}}
		}
		rep, _, ok := fuzzRedact(t, data, "a.docx", mt, mt, kind, s, false)
		if !ok {
			return
		}
		var out bytes.Buffer
		Metadata(&out, bytes.NewReader(data), int64(len(data)), mt, s)
		after, _ := textsAs("a.docx", mt, kind, out.Bytes())
		checkMasked(t, s, rep, before, after)
	})
}

// checkMasked holds the copy's text (after, by part) to what s asked
// of the original's (before): a range the report says was masked reads
// as masks, or as the white space layout stands for; the text keeps its
// length; a part with nothing masked is unchanged.
func checkMasked(t *testing.T, s Strip, rep Report, before, after textSink) {
	for part, rs := range s.Text {
		old, now := before[part], after[part]
		masked := false
		for _, r := range rs {
			if !rep.Masked(part, r) {
				continue
			}
			masked = true
			if len(now) != len(old) {
				t.Fatalf("%s: %d bytes of text, %d before", part, len(now), len(old))
			}
			// A range that cuts a character masks all of it.
			for i := 0; i < len(now); {
				_, size := utf8.DecodeRune(now[i:])
				if int64(i) < r.Start && int64(i+size) > r.Start {
					r.Start = int64(i)
				}
				if int64(i) < r.End && int64(i+size) > r.End {
					r.End = int64(i + size)
				}
				i += size
			}
			if rest := strings.Trim(string(now[r.Start:r.End]), "X×╳\U0001D54F\n\r\t\f "); rest != "" {
				t.Fatalf("%s%v reads %q after masking", part, r, now[r.Start:r.End])
			}
		}
		if !masked && !bytes.Equal(now, old) {
			t.Fatalf("%s changed with nothing masked: %q -> %q", part, old, now)
		}
	}
}
