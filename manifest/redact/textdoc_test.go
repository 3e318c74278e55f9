package redact

import (
	"bytes"
	"strings"
	"testing"

	"github.com/consignhq/consign/pipeline/extract"
)

// htmlText is the text a scan reads from a web page.
func htmlText(t *testing.T, page []byte) []byte { return docText(t, "text/html", "", page) }

// rtfText is the text a scan reads from an RTF document.
func rtfText(t *testing.T, doc []byte) []byte { return docText(t, "text/rtf", "body", doc) }

// docText is the text of part of a document of mediaType.
func docText(t *testing.T, mediaType, part string, data []byte) []byte {
	t.Helper()
	sink, res := readDocument("a", mediaType, "text", data)
	for _, err := range res.Errors {
		t.Errorf("extract: %v", err)
	}
	return sink[part]
}

// TestTextHTML: a web page's text, its white space collapsed by the
// reader, is masked where the page holds it; the markup, the script and
// the white space stay.
func TestTextHTML(t *testing.T) {
	page := []byte("<!DOCTYPE html><html><head><title>Ann's page</title><script>var a = 'ann@example.org';</script></head><body>\r\n" +
		"<h1>Contact</h1><p>Write to   Ann\n   O&#8217;<b>Neill</b> at ann&#64;example.org,\r\n or call +44&nbsp;20 7946 0018.</p>" +
		"<!-- Ann Other -->\n<pre>  Ann  Other\n  020 555 0100</pre><p>Caf&eacute; &amp Bar</p></body></html>")
	text := htmlText(t, page)
	rs := rangesOf(t, text, "Ann O’Neill", "ann@example.org", "+44\u00a020 7946 0018", "Ann  Other\n  020")
	legacy := rangesOf(t, text, "& Bar")
	out, rep := redactBytes(t, page, "text/html", Strip{Text: map[string][]Range{"": append(rs, legacy...)}})
	// Outside <pre> every space is the one the reader puts for the white
	// space it collapses: layout, which stays.
	want := maskedText(t, text, rs, "")
	pre := bytes.Index(text, []byte("  Ann  Other"))
	for i, c := range text {
		if c == ' ' && (i < pre || i >= pre+len("  Ann  Other\n  020 555 0100")) {
			want[i] = ' '
		}
	}
	if got := htmlText(t, out); !bytes.Equal(got, want) {
		t.Errorf("page reads\n%q\nwant\n%q", got, want)
	}
	for _, r := range rs {
		if !rep.Masked("", r) {
			t.Errorf("report %v does not name %v", rep, r)
		}
	}
	if rep.Masked("", legacy[0]) || len(rep.Kept) != 1 {
		t.Errorf("a reference without its semicolon was not kept: %v", rep)
	}
	for _, v := range []string{"O&#8217;<b>Neill", "ann&#64;", "7946", "  Ann  Other"} {
		if bytes.Contains(out, []byte(v)) {
			t.Errorf("copy still holds %q", v)
		}
	}
	for _, v := range []string{"<title>Ann's page</title>", "'ann@example.org'", "<!-- Ann Other -->", "Write to   ", "<b>", "\r\n or call", "Caf&eacute; &amp Bar"} {
		if !bytes.Contains(out, []byte(v)) {
			t.Errorf("copy lost %q", v)
		}
	}

	// A page in another encoding is read through a decoder: kept.
	latin := []byte(`<html><head><meta charset="windows-1252"></head><body><p>Ren` + "\xe9" + `e Dupr` + "\xe9" + `</p></body></html>`)
	out, rep = redactBytes(t, latin, "text/html", Strip{Text: map[string][]Range{"": {{0, 6}}}})
	if !bytes.Equal(out, latin) || len(rep.Kept) != 1 || !strings.Contains(rep.Kept[0], "text[0:6] kept") {
		t.Errorf("a windows-1252 page: report %v", rep)
	}
}

// TestTextRTF: an RTF document's text, written as ASCII, bytes of its
// code page, \' and \u escapes and control words, is masked where the
// document holds it, as RTF; the font table, the info group and the
// fallback characters of \u escapes stay.
func TestTextRTF(t *testing.T) {
	doc := []byte(`{\rtf1\ansi\ansicpg1252{\fonttbl\f0\fswiss Helvetica;}{\info{\author Ren\'e9e Dupr\'e9}}` + "\n" +
		`\f0\fs24 \cf0 Write to Ren\'e9e Dupr` + "\xe9" + `, \uc1\u8220?Ann\u8221? or \{Bob\} at bob@example.org\par` + "\r\n" +
		`Call\~+44\~20 7946 0018 \emdash  today.\par` + "\n" +
		`{\uc2 Zo\u235 ??\u8211 xy end}}`)
	text := rtfText(t, doc)
	rs := rangesOf(t, text, "Renée Dupré", "“Ann”", "{Bob}", "bob@example.org", "+44 20 7946 0018 —", "Zoë–")
	out, rep := redactBytes(t, doc, "text/rtf", Strip{Text: map[string][]Range{"body": rs}})
	want := maskedText(t, text, rs, "")
	if got := rtfText(t, out); !bytes.Equal(got, want) {
		t.Errorf("document reads\n%q\nwant\n%q", got, want)
	}
	for _, r := range rs {
		if !rep.Masked("body", r) {
			t.Errorf("report %v does not name %v", rep, r)
		}
	}
	for _, v := range []string{`Ren\'e9e Dupr\'e9 `, "7946", "bob@", "Zo"} {
		if bytes.Contains(out[bytes.Index(out, []byte("Write")):], []byte(v)) {
			t.Errorf("copy still holds %q:\n%s", v, out)
		}
	}
	for _, v := range []string{`{\fonttbl\f0\fswiss Helvetica;}{\info{\author Ren\'e9e Dupr\'e9}}`, `\f0\fs24 \cf0 Write to `, `\par` + "\r\n" + "Call", `\uc2 `} {
		if !bytes.Contains(out, []byte(v)) {
			t.Errorf("copy lost %q:\n%s", v, out)
		}
	}
	if again, _ := redactBytes(t, doc, "text/rtf", Strip{Text: map[string][]Range{"body": rs}}); !bytes.Equal(again, out) {
		t.Error("two redactions differ")
	}
}

// FuzzHTMLText masks a range of a web page's text, placed by the fuzzer,
// with FuzzOfficeText's checks.
func FuzzHTMLText(f *testing.F) {
	f.Add([]byte("<html><body><p>Write to   Ann\n O&#8217;<b>Neill</b> &amp; ann&#64;example.org &amp co</p><pre> a  b\r\nc</pre></body></html>"), uint16(3), uint16(20))
	f.Add([]byte("<p>x<script>y</script>z &lt;&gt; &NotEqualTilde; &#0; \x00 \xff</p>"), uint16(0), uint16(30))
	f.Add([]byte(`<meta name=author content="Ann"><META Name='AUTHOR' name=x content=Bob/><!-- a --><!--> <?x y> <a =href=x href="mailto:a@b"><a href=mailto:c>`), uint16(0), uint16(3))
	f.Fuzz(func(t *testing.T, data []byte, a, b uint16) {
		fuzzTextDocument(t, data, a, b, "text/html", "", "html:meta:author", "html:link:mailto", "html:comment")
	})
}

// FuzzRTFText masks a range of an RTF document's text, placed by the
// fuzzer, with FuzzOfficeText's checks.
func FuzzRTFText(f *testing.F) {
	f.Add([]byte(`{\rtf1\ansi{\fonttbl\f0 A;}{\info{\author Ann}}Ren\'e9e \uc1\u8220?Ann\u8221? \{x\} \emdash\~y\par`+"\xe9\r\n"+`{\uc2 Zo\u235 ??\u-10187 ab\u-8881 cd end}}`), uint16(2), uint16(30))
	f.Fuzz(func(t *testing.T, data []byte, a, b uint16) {
		fuzzTextDocument(t, data, a, b, "text/rtf", "body", "rtf:author", "rtf:company")
	})
}

// fuzzTextDocument masks a range of the text of data, a document of
// mediaType whose text a scan reads as part, and removes
// fields, and holds the copy to checkMasked; a field the report says
// was removed must not be read from it.
func fuzzTextDocument(t *testing.T, data []byte, a, b uint16, mediaType, part string, fields ...string) {
	var res *extract.Result
	read := func(doc []byte) (sink textSink) {
		sink, res = readDocument("a", mediaType, "text", doc)
		return sink
	}
	before := read(data)
	start := int64(a) % int64(len(before[part])+1)
	s := Strip{Text: map[string][]Range{part: {{start, start + int64(b%64)}, {0, 1}}}, Fields: fields}
	var out bytes.Buffer
	rep, err := Metadata(&out, bytes.NewReader(data), int64(len(data)), mediaType, s)
	if err != nil {
		if out.Len() > 0 {
			t.Fatalf("error %v after writing %d bytes", err, out.Len())
		}
		return
	}
	checkMasked(t, s, rep, before, read(out.Bytes()))
	for _, f := range res.Fields {
		if rep.Removed(f.Name) {
			t.Fatalf("report says %s was removed, the copy has %q", f.Name, f.Value)
		}
	}
}

// TestFieldsTextDocuments: a web page's author meta, contact links and
// comments and an RTF document's author and company go; the text, the
// other fields and the markup stay.
func TestFieldsTextDocuments(t *testing.T) {
	page := []byte(`<?xml version="1.0" encoding="utf-8"?><!DOCTYPE html><html><head><?php $to = 'ann@example.org'; ?><meta charset=utf-8><META NAME="Author" content="Ann Other"><meta name=description content=Harbour>` +
		`<meta property="og:title" content='Dawn'><meta name="author" content="Bob"></head><body><!-- call Ann on 020 7946 0018 -->` +
		`<p>Write <a class=x href = "mailto:ann@example.org?subject=hi">to me</a> or <a href=tel:+442079460018>call</a>.</p><a href="/about">about</a></body></html>`)
	fields := []string{"html:meta:author", "html:link:mailto", "html:link:tel", "html:comment"}
	out, rep := redactBytes(t, page, "text/html", Strip{Fields: fields})
	before, after := scanFields(t, "a.html", "text/html", page), scanFields(t, "a.html", "text/html", out)
	checkFields(t, before, after, rep, fields, []string{"html:meta:description", "html:meta:og:title"})
	if !bytes.Equal(htmlText(t, out), htmlText(t, page)) {
		t.Errorf("the page's text changed: %q", htmlText(t, out))
	}
	for _, v := range []string{"Ann Other", "Bob", "7946", "ann@", "+44"} {
		if bytes.Contains(out, []byte(v)) {
			t.Errorf("copy still holds %q:\n%s", v, out)
		}
	}
	for _, v := range []string{`<?xml version="1.0" encoding="utf-8"?>`, `<META NAME="Author" content="`, `<a class=x href = "`, `<a href="/about">`, "<!--", "-->", "<?" + strings.Repeat(" ", len("php $to = 'ann@example.org'; ")) + "?>"} {
		if !bytes.Contains(out, []byte(v)) {
			t.Errorf("copy lost %q:\n%s", v, out)
		}
	}

	doc := []byte(`{\rtf1\ansi{\info{\author Ren\'e9e \uc1\u8220?Dupr` + "\xe9" + `}{\company Acme \emdash  Ltd}{\title Harbour}{\creatim\yr2020\mo1\dy2}}Body text.\par}`)
	rtfFields := []string{"rtf:author", "rtf:company"}
	out, rep = redactBytes(t, doc, "text/rtf", Strip{Fields: rtfFields})
	checkFields(t, scanFields(t, "a.rtf", "text/rtf", doc), scanFields(t, "a.rtf", "text/rtf", out), rep, rtfFields, []string{"rtf:title", "rtf:creatim"})
	if !bytes.Equal(rtfText(t, out), rtfText(t, doc)) {
		t.Errorf("the document's text changed: %q", rtfText(t, out))
	}
	if bytes.Contains(out, []byte("Acme")) || bytes.Contains(out, []byte(`\'e9e`)) || !bytes.Contains(out, []byte(`\u32 ?`)) {
		t.Errorf("copy:\n%s", out)
	}
	if FieldSupported("text/rtf", "rtf:creatim") || !FieldSupported("text/html", "html:meta:author") || FieldSupported("text/html", "html:title") {
		t.Error("FieldSupported is wrong for a web page or an RTF document")
	}
}
