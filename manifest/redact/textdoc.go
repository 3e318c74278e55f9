package redact

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/consignhq/consign/pipeline/extract"
	"golang.org/x/net/html"
)

// isRTF reports whether mediaType is an RTF document, whose text (part
// "body") the redactor masks.
func isRTF(mediaType string) bool { return mediaType == "text/rtf" || mediaType == "application/rtf" }

// isHTMLPage reports whether mediaType is a web page, whose text (part
// "") the redactor masks.
func isHTMLPage(mediaType string) bool {
	return mediaType == "text/html" || mediaType == "application/xhtml+xml"
}

// isTextDocument reports whether mediaType is a document of one text,
// read from the whole file: a web page or an RTF document.
func isTextDocument(mediaType string) bool { return isHTMLPage(mediaType) || isRTF(mediaType) }

// maxTextDocument bounds a web page or an RTF document the redactor
// reads into memory to mask.
const maxTextDocument = 64 << 20

// redactTextDocument masks the ranges of a web page's or an RTF
// document's text that Strip.Text names (under the part "" or "body", as
// a scan names them), in place of the bytes each character was read
// from; the markup stays byte for byte.
func redactTextDocument(j *job) error {
	part := ""
	if isRTF(j.mediaType) {
		part = "body"
	}
	ranges := j.strip.Text[part]
	if len(ranges) == 0 {
		return nil
	}
	if j.size > maxTextDocument {
		for _, r := range ranges {
			j.rep.kept(fmt.Sprintf("%s kept: the file is over the %d byte limit", textRangeName(part, r), maxTextDocument))
		}
		return nil
	}
	data, err := readBlock(j.r, 0, j.size, maxTextDocument, "document")
	if err != nil {
		return err
	}
	out, changed, err := maskPartText(j.mediaType, part, data, ranges, &j.rep)
	if err != nil || !changed {
		return err
	}
	j.rewrite = func(dst io.Writer) error {
		_, err := dst.Write(out)
		return err
	}
	return nil
}

// rtfUnits gives the characters of a run of an RTF document's text: the
// bytes of a plain ASCII run are its characters; a unit run is one
// character, whose mask is written as RTF: X for one byte of UTF-8,
// \'d7 (× in the code page) for two, \u9587 (╳) for three, followed by
// the fallback characters its group's \uc count says readers skip. A
// \uN escape becomes another \uN, keeping the fallback it had. A
// character of four bytes (a \uN pair) is not traced.
func rtfUnits(data, text []byte, run extract.TextRun) ([]textUnit, bool) {
	raw, dec := data[run.RawStart:run.RawEnd], text[run.At:run.At+run.Len]
	if !run.Unit {
		if !bytes.Equal(raw, dec) {
			return nil, false
		}
		units := make([]textUnit, len(raw))
		for i := range raw {
			units[i] = textUnit{from: int(run.RawStart) + i, to: int(run.RawStart) + i + 1, at: run.At + i, dec: dec[i : i+1], mask: maskBytes[1]}
		}
		return units, true
	}
	r, size := utf8.DecodeRune(dec)
	if size != len(dec) || r == utf8.RuneError || size > 3 || run.UC < 0 || run.UC > 8 {
		return nil, false
	}
	u := textUnit{from: int(run.RawStart), to: int(run.RawEnd), at: run.At, dec: dec, mask: maskBytes[size]}
	escape := len(raw) > 2 && raw[0] == '\\' && raw[1] == 'u' && (raw[2] == '-' || raw[2] >= '0' && raw[2] <= '9')
	switch {
	case escape:
		u.raw = []byte(`\u` + strconv.Itoa(int([]rune(string(maskBytes[size]))[0])) + " ")
	case size == 1:
		u.raw = maskBytes[1]
	case size == 2:
		u.raw = []byte(`\'d7`)
	default:
		u.raw = append([]byte(`\u9587 `), bytes.Repeat([]byte("?"), run.UC)...)
	}
	return []textUnit{u}, true
}

// htmlReference reads a character reference ended by a semicolon at the
// start of b, as the HTML tokenizer decodes it (named references may
// stand for two characters). A reference without its semicolon, which
// HTML also accepts, is read as text: the run then does not match the
// text the tokenizer gave, and its ranges are kept.
func htmlReference(b []byte) (int, []byte, bool) {
	semi := bytes.IndexByte(b[:min(len(b), 40)], ';')
	if semi < 2 {
		return 0, nil, false
	}
	for _, c := range b[1:semi] {
		if !(c == '#' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return 0, nil, false
		}
	}
	dec := html.UnescapeString(string(b[:semi+1]))
	if dec == string(b[:semi+1]) || dec == "" {
		return 0, nil, false
	}
	return semi + 1, []byte(dec), true
}
