package redact

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/consignhq/consign/pipeline/extract"
)

// TextSupported reports whether Metadata masks ranges of the text a scan
// reads from the part called part of a file of mediaType (Strip.Text):
// the body, headers, footers, notes and comments of a Word document, the
// slides, notes and comments of a presentation, the shared strings and
// comments of a workbook, the content and styles of an OpenDocument
// file, and the XHTML documents of an EPUB book.
func TextSupported(mediaType, part string) bool {
	return (isZipDocument(mediaType) || isTextDocument(mediaType)) && extract.PartTextRead(mediaType, part)
}

const epubType = "application/epub+zip"

// textRangeName names a range of a part's text in a Report.
func textRangeName(part string, r Range) string {
	if part == "" {
		part = "text" // a web page's
	}
	return part + "[" + strconv.FormatInt(r.Start, 10) + ":" + strconv.FormatInt(r.End, 10) + "]"
}

// Masked reports whether the redaction masked the range r of the text
// of part, as Strip.Text named it.
func (r Report) Masked(part string, rg Range) bool {
	name := textRangeName(part, rg)
	for _, a := range r.Applied {
		if a == name+" masked" {
			return true
		}
	}
	return false
}

// textUnit is one character of a run of text: the bytes of the part it
// was read from, [from, to), and where its decoded bytes sit in the
// part's text.
type textUnit struct {
	from, to int
	at       int
	dec      []byte // what it decodes to
	mask     []byte // the mask of dec; nil for a line break
	raw      []byte // what replaces its bytes to give mask, when not mask itself (RTF)
}

// replacement is what the unit's bytes become.
func (u textUnit) replacement() []byte {
	if u.raw != nil {
		return u.raw
	}
	return u.mask
}

// maskPartText masks the ranges of the text of the part data (called
// name, in a file of mediaType: XML, or an EPUB's XHTML) in the part's
// bytes: each character of the text in a range is written, in place of
// the bytes it was read from (an entity, a character reference, the
// character itself), as the mask of its decoded length, so that the text
// read from the new part
// has the same length and offsets as before, with the ranges masked as
// Text masks a text file. Line breaks stay, as does text that has no
// bytes of its own (the line break after a paragraph, a tab). A range
// the part's text does not reach, or whose characters cannot be traced
// to the part's bytes (a part in another encoding), is reported kept.
// The new part is read again and must give the text expected, or
// nothing is changed and the error says why.
func maskPartText(mediaType, name string, data []byte, ranges []Range, rep *Report) ([]byte, bool, error) {
	pt, err := extract.ReadPartText(mediaType, name, data)
	if err != nil {
		for _, r := range ranges {
			rep.kept(textRangeName(name, r) + " kept: " + err.Error())
		}
		return data, false, nil
	}
	// Units of the runs a range touches, in order of their bytes.
	var units []textUnit
	var done []Range
	tokens := tokenCache{data: data, html: mediaType == epubType || isHTMLPage(mediaType), rtf: isRTF(mediaType)}
	for _, r := range ranges {
		if r.Start < 0 || r.End <= r.Start || r.End > int64(len(pt.Text)) {
			rep.kept(fmt.Sprintf("%s kept: the part's text is %d bytes long", textRangeName(name, r), len(pt.Text)))
			continue
		}
		i := sort.Search(len(pt.Runs), func(i int) bool { return int64(pt.Runs[i].At+pt.Runs[i].Len) > r.Start })
		var mine []textUnit
		traced := true
		for ; i < len(pt.Runs) && int64(pt.Runs[i].At) < r.End; i++ {
			us, ok := tokens.runUnits(pt.Text, pt.Runs[i])
			if !ok {
				traced = false
				break
			}
			for _, u := range us {
				if int64(u.at) < r.End && int64(u.at+len(u.mask)) > r.Start && u.mask != nil {
					mine = append(mine, u)
				}
			}
		}
		if !traced {
			rep.kept(textRangeName(name, r) + " kept: its text could not be traced to the part's bytes")
			continue
		}
		units = append(units, mine...)
		done = append(done, r)
	}
	if len(done) == 0 {
		return data, false, nil
	}
	sort.Slice(units, func(i, j int) bool { return units[i].from < units[j].from })
	out := make([]byte, 0, len(data))
	want := bytes.Clone(pt.Text)
	at := 0
	for _, u := range units {
		if u.from < at {
			continue // a character two ranges share
		}
		out = append(out, data[at:u.from]...)
		out = append(out, u.replacement()...)
		copy(want[u.at:], u.mask)
		at = u.to
	}
	out = append(out, data[at:]...)
	got, err := extract.ReadPartText(mediaType, name, out)
	if err != nil {
		return nil, false, fmt.Errorf("%s after masking: %w", name, err)
	}
	if !bytes.Equal(got.Text, want) {
		return nil, false, fmt.Errorf("%s: the masked part does not read as the text masked", name)
	}
	for _, r := range done {
		rep.applied(textRangeName(name, r) + " masked")
	}
	return out, true, nil
}

// tokenCache reads the tokens of a part's runs into characters, keeping
// the last token read: an HTML page's text token gives a run for each of
// its words.
type tokenCache struct {
	data  []byte
	html  bool // the part is HTML (an e-book's XHTML read as HTML, a page)
	rtf   bool // the part is an RTF document's body, whose runs are units or ASCII
	at    int64
	units []textUnit // at's characters, their at counted in the token's decoded text
	dec   []byte
	ok    bool
}

// runUnits gives the characters of run, each with its place in text, and
// false when the token's bytes do not decode to the text the reader gave
// (the part was read through a charset decoder, or in a way this does
// not follow).
func (c *tokenCache) runUnits(text []byte, run extract.TextRun) ([]textUnit, bool) {
	if run.RawStart < 0 || run.RawEnd > int64(len(c.data)) || run.RawStart > run.RawEnd || run.At < 0 || run.Skip < 0 || run.At+run.Len > len(text) {
		return nil, false
	}
	if c.rtf {
		return rtfUnits(c.data, text, run)
	}
	if c.units == nil || c.at != run.RawStart {
		c.at = run.RawStart
		c.units, c.dec, c.ok = tokenUnits(c.data[:run.RawEnd], int(run.RawStart), c.html)
	}
	if !c.ok || run.Skip+run.Len > len(c.dec) || !bytes.Equal(c.dec[run.Skip:run.Skip+run.Len], text[run.At:run.At+run.Len]) {
		return nil, false
	}
	i := sort.Search(len(c.units), func(i int) bool { return c.units[i].at >= run.Skip })
	var out []textUnit
	for ; i < len(c.units) && c.units[i].at < run.Skip+run.Len; i++ {
		u := c.units[i]
		if u.at+len(u.dec) > run.Skip+run.Len {
			return nil, false // a character the run cuts
		}
		u.at += run.At - run.Skip
		out = append(out, u)
	}
	return out, true
}

// tokenUnits splits the token whose bytes are raw[p:] into its
// characters and gives its decoded text. An HTML text token is text
// only; an XML one may open with comments and be a CDATA section.
func tokenUnits(raw []byte, p int, isHTML bool) ([]textUnit, []byte, bool) {
	end := len(raw)
	ref := extract.XMLReference
	if isHTML {
		ref = htmlReference
	} else if p = skipMarkup(raw, p); p < 0 {
		return nil, nil, false
	}
	if !isHTML && bytes.HasPrefix(raw[p:], []byte("<![CDATA[")) {
		if !bytes.HasSuffix(raw[p:], []byte("]]>")) || end-p < 12 {
			return nil, nil, false
		}
		p, end, ref = p+9, end-3, nil
	}
	units := make([]textUnit, 0, end-p)
	var dec []byte
	for p < end {
		u, d := nextUnit(raw[:end], p, ref)
		u.at, u.dec = len(dec), d
		if !(len(d) == 1 && (d[0] == '\n' || d[0] == '\r')) {
			u.mask = maskOf(d)
		}
		units = append(units, u)
		dec = append(dec, d...)
		p = u.to
	}
	return units, dec, true
}

// maskOf is the mask of decoded text: one mask of each character's
// length, 'X' for a byte that is not UTF-8.
func maskOf(dec []byte) []byte {
	var m []byte
	for len(dec) > 0 {
		c, size := utf8.DecodeRune(dec)
		if c == utf8.RuneError && size <= 1 {
			size = 1
		}
		m = append(m, maskBytes[size]...)
		dec = dec[size:]
	}
	return m
}

// skipMarkup passes over the comments and processing instructions that
// open a run's bytes at p, and gives -1 for any other markup but CDATA.
func skipMarkup(raw []byte, p int) int {
	for p < len(raw) && raw[p] == '<' {
		rest := raw[p:]
		var close string
		switch {
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			return p
		case bytes.HasPrefix(rest, []byte("<!--")):
			close = "-->"
		case bytes.HasPrefix(rest, []byte("<?")):
			close = "?>"
		default:
			return -1
		}
		i := bytes.Index(rest[2:], []byte(close))
		if i < 0 {
			return -1
		}
		p += 2 + i + len(close)
	}
	return p
}

// nextUnit reads the character at p: a reference (as ref reads one,
// when it is set), a line end, or a UTF-8 sequence (one byte when it is
// not valid), and gives what it decodes to.
func nextUnit(raw []byte, p int, ref func([]byte) (int, []byte, bool)) (textUnit, []byte) {
	c := raw[p]
	switch {
	case c == '\r':
		to := p + 1
		if to < len(raw) && raw[to] == '\n' {
			to++
		}
		return textUnit{from: p, to: to}, []byte{'\n'}
	case c == '&' && ref != nil:
		if n, dec, ok := ref(raw[p:]); ok {
			return textUnit{from: p, to: p + n}, dec
		}
	}
	_, size := utf8.DecodeRune(raw[p:])
	return textUnit{from: p, to: p + size}, raw[p : p+size]
}
