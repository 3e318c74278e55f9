package redact

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
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

// textDocumentPart is the part a scan names the text of a web page or an
// RTF document by.
func textDocumentPart(mediaType string) string {
	if isRTF(mediaType) {
		return "body"
	}
	return ""
}

// textDocumentField reports whether Strip.Fields can name field in a
// document of mediaType: a web page's <meta> contents, the targets of its
// mailto: and tel: links and its comments; an RTF document's \info
// values but its dates.
func textDocumentField(mediaType, field string) bool {
	switch {
	case isHTMLPage(mediaType):
		name, ok := strings.CutPrefix(field, "html:meta:")
		return ok && name != "" || field == "html:link:mailto" || field == "html:link:tel" || field == "html:comment"
	case isRTF(mediaType):
		name, ok := strings.CutPrefix(field, "rtf:")
		return ok && name != "" && !slices.Contains([]string{"creatim", "revtim", "printim", "buptim"}, name)
	}
	return false
}

// redactTextDocument masks the ranges of a web page's or an RTF
// document's text that Strip.Text names (under the part "" or "body", as
// a scan names them), in place of the bytes each character was read
// from, and blanks the fields Strip.Fields names; the markup stays byte
// for byte.
func redactTextDocument(j *job) error {
	part := textDocumentPart(j.mediaType)
	ranges := j.strip.Text[part]
	var fields []string
	for _, f := range j.strip.Fields {
		if textDocumentField(j.mediaType, f) {
			fields = append(fields, f)
		}
	}
	if len(ranges) == 0 && len(fields) == 0 {
		return nil
	}
	if j.size > maxTextDocument {
		for _, r := range ranges {
			j.rep.kept(fmt.Sprintf("%s kept: the file is over the %d byte limit", textRangeName(part, r), maxTextDocument))
		}
		for _, f := range fields {
			j.rep.kept(fmt.Sprintf("%s kept: the file is over the %d byte limit", f, maxTextDocument))
		}
		return nil
	}
	data, err := readBlock(j.r, 0, j.size, maxTextDocument, "document")
	if err != nil {
		return err
	}
	out, masked := data, false
	if len(ranges) > 0 {
		if out, masked, err = maskPartText(j.mediaType, part, data, ranges, &j.rep); err != nil {
			return err
		}
	}
	out, blanked, err := blankDocumentFields(j.mediaType, out, fields, &j.rep)
	if err != nil || !masked && !blanked {
		return err
	}
	j.rewrite = func(dst io.Writer) error {
		_, err := dst.Write(out)
		return err
	}
	return nil
}

// blankDocumentFields blanks the values of fields where the extractor
// reads them in data, a web page or an RTF document: each byte of a
// page's value becomes a space; each character of an RTF \info value
// becomes a space, written as \u32 where it was a \u escape, so that the
// fallback after it is still skipped. The document is read again: its
// text must be as it was, and a field still read from it is reported
// kept.
func blankDocumentFields(mediaType string, data []byte, fields []string, rep *Report) ([]byte, bool, error) {
	if len(fields) == 0 {
		return data, false, nil
	}
	var found []extract.FieldRange
	var err error
	if isRTF(mediaType) {
		found, err = extract.LocateRTFInfo(data)
	} else {
		found, err = extract.LocateHTMLFields(data)
	}
	if err != nil {
		for _, f := range fields {
			rep.kept(f + " kept: " + err.Error())
		}
		return data, false, nil
	}
	var edits []edit
	located := map[string]bool{}
	for _, fr := range found {
		if !slices.Contains(fields, fr.Field) || fr.Value.N <= 0 {
			continue
		}
		located[fr.Field] = true
		raw := data[fr.Value.Off : fr.Value.Off+fr.Value.N]
		blank := bytes.Repeat([]byte(" "), len(raw))
		if isRTF(mediaType) {
			blank = []byte(" ")
			if len(raw) > 2 && raw[0] == '\\' && raw[1] == 'u' && (raw[2] == '-' || raw[2] >= '0' && raw[2] <= '9') {
				blank = []byte(`\u32 `)
			}
		}
		edits = append(edits, edit{off: fr.Value.Off, n: fr.Value.N, data: blank})
	}
	if len(edits) == 0 {
		return data, false, nil
	}
	sort.Slice(edits, func(a, b int) bool { return edits[a].off < edits[b].off })
	var out bytes.Buffer
	at := int64(0)
	for _, e := range edits {
		if e.off < at {
			return nil, false, fmt.Errorf("field values overlap at offset %d", e.off)
		}
		out.Write(data[at:e.off])
		out.Write(e.data)
		at = e.off + e.n
	}
	out.Write(data[at:])
	before, _ := readTextDocument(mediaType, data)
	after, res := readTextDocument(mediaType, out.Bytes())
	if !bytes.Equal(before, after) {
		return nil, false, fmt.Errorf("the document's text changed when its fields were blanked")
	}
	for _, f := range fields {
		_, still := res.Field(f)
		switch {
		case still:
			rep.kept(f + " kept: still read from the document")
		case located[f]:
			rep.applied(f + " removed")
		}
	}
	return out.Bytes(), true, nil
}

// readTextDocument reads a web page or an RTF document as a scan does:
// its text and what the extractor records.
func readTextDocument(mediaType string, data []byte) ([]byte, *extract.Result) {
	var text bytes.Buffer
	res := &extract.Result{Sink: textInto{&text}}
	var x extract.Extractor = extract.NewHTML()
	if isRTF(mediaType) {
		x = extract.NewRTF()
	}
	src := &extract.Source{Size: int64(len(data)), Head: data[:min(len(data), extract.HeadSize)], R: bytes.NewReader(data), MediaType: mediaType, Kind: "text"}
	x.Extract(context.Background(), src, res)
	return text.Bytes(), res
}

// textInto is a text sink that writes every part's text to w.
type textInto struct{ w io.Writer }

func (s textInto) Text(_ string, r io.Reader) error {
	_, err := io.Copy(s.w, r)
	return err
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
