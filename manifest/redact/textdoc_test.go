package redact

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/consignhq/consign/pipeline/extract"
)

// htmlText is the text a scan reads from a web page.
func htmlText(t *testing.T, page []byte) []byte {
	t.Helper()
	sink := textSink{}
	res := extract.Result{Sink: sink}
	src := &extract.Source{Path: "a.html", Size: int64(len(page)), Head: page[:min(len(page), extract.HeadSize)], R: bytes.NewReader(page), MediaType: "text/html", Kind: "text"}
	extract.Run(context.Background(), []extract.Extractor{extract.NewHTML()}, src, &res)
	for _, err := range res.Errors {
		t.Errorf("extract: %v", err)
	}
	return sink[""]
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

// rtfText is the text a scan reads from an RTF document.
func rtfText(t *testing.T, doc []byte) []byte {
	t.Helper()
	sink := textSink{}
	res := extract.Result{Sink: sink}
	src := &extract.Source{Path: "a.rtf", Size: int64(len(doc)), Head: doc[:min(len(doc), extract.HeadSize)], R: bytes.NewReader(doc), MediaType: "text/rtf", Kind: "document"}
	extract.Run(context.Background(), []extract.Extractor{extract.NewRTF()}, src, &res)
	for _, err := range res.Errors {
		t.Errorf("extract: %v", err)
	}
	return sink["body"]
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
	f.Fuzz(func(t *testing.T, data []byte, a, b uint16) {
		fuzzTextDocument(t, data, a, b, "text/html", "", extract.NewHTML())
	})
}

// FuzzRTFText masks a range of an RTF document's text, placed by the
// fuzzer, with FuzzOfficeText's checks.
func FuzzRTFText(f *testing.F) {
	f.Add([]byte(`{\rtf1\ansi{\fonttbl\f0 A;}{\info{\author Ann}}Ren\'e9e \uc1\u8220?Ann\u8221? \{x\} \emdash\~y\par`+"\xe9\r\n"+`{\uc2 Zo\u235 ??\u-10187 ab\u-8881 cd end}}`), uint16(2), uint16(30))
	f.Fuzz(func(t *testing.T, data []byte, a, b uint16) {
		fuzzTextDocument(t, data, a, b, "text/rtf", "body", extract.NewRTF())
	})
}

// fuzzTextDocument masks a range of the text of data, a document of
// mediaType whose text the extractor x reads as part, and holds the copy
// to checkMasked.
func fuzzTextDocument(t *testing.T, data []byte, a, b uint16, mediaType, part string, x extract.Extractor) {
	read := func(doc []byte) textSink {
		sink := textSink{}
		res := extract.Result{Sink: sink}
		src := &extract.Source{Path: "a", Size: int64(len(doc)), Head: doc[:min(len(doc), extract.HeadSize)], R: bytes.NewReader(doc), MediaType: mediaType, Kind: "text"}
		extract.Run(context.Background(), []extract.Extractor{x}, src, &res)
		return sink
	}
	before := read(data)
	start := int64(a) % int64(len(before[part])+1)
	s := Strip{Text: map[string][]Range{part: {{start, start + int64(b%64)}, {0, 1}}}}
	var out bytes.Buffer
	rep, err := Metadata(&out, bytes.NewReader(data), int64(len(data)), mediaType, s)
	if err != nil {
		if out.Len() > 0 {
			t.Fatalf("error %v after writing %d bytes", err, out.Len())
		}
		return
	}
	checkMasked(t, s, rep, before, read(out.Bytes()))
}
