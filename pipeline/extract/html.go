package extract

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// HTML reads a web page with a streaming tokenizer: its title, language,
// every <meta name|property content> as an "html:meta:<name>" field (the
// rights detectors look for tdm-reservation and tdm-policy there), the
// author, description, keywords and publication date the meta tags give,
// the targets of mailto: and tel: links and the comments, as fields, and
// the visible text, which it hands to the text sink. Markup never reaches
// the text detectors.
type HTML struct{}

var _ Extractor = (*HTML)(nil)

// NewHTML returns the HTML and XHTML extractor.
func NewHTML() *HTML { return &HTML{} }

// Name implements Extractor.
func (*HTML) Name() string { return "html" }

// Applies implements Extractor.
func (*HTML) Applies(src *Source) bool {
	return src.MediaType == "text/html" || src.MediaType == "application/xhtml+xml"
}

// Bounds on one page. A token longer than maxHTMLToken (a text run or an
// attribute, such as an inlined data: image) stops the tokenizer, which
// cannot resume past it.
const (
	maxHTMLToken = 4 << 20
	maxHTMLMeta  = 128
	maxTitleLen  = 1024
)

// Extract implements Extractor.
func (*HTML) Extract(ctx context.Context, src *Source, res *Result) error {
	// A page smaller than the buffer needs no more than its own size.
	var r io.Reader = bufio.NewReaderSize(io.NewSectionReader(src.R, 0, src.Size), int(min(32<<10, max(src.Size, 16))))
	if enc := htmlEncoding(src.Head); enc != nil {
		r = enc.Reader(r)
	}
	ht := newHTMLText(ctx, r)
	err := res.EmitText("", ht)
	// The sink may stop early, or be absent: the rest of the page is still
	// read for the metadata it holds.
	if _, derr := io.Copy(io.Discard, ht); err == nil {
		err = derr
	}
	ht.meta.record(res)
	if err != nil {
		return fmt.Errorf("read html of %s: %w", src.Path, err)
	}
	return nil
}

// transformReader is the part of an encoding.Decoder used here.
type transformReader interface{ Reader(io.Reader) io.Reader }

// htmlEncoding returns the decoder to UTF-8, or nil for UTF-8 itself. The
// HTML standard's fallback is windows-1252, but a head that is valid UTF-8
// is UTF-8 whatever its meta tag claims: valid UTF-8 is very unlikely in
// any other encoding, and mislabelled pages are common.
func htmlEncoding(head []byte) transformReader {
	enc, name, certain := charset.DetermineEncoding(head, "text/html")
	if name == "utf-8" || (!certain && validUTF8Prefix(head)) {
		return nil
	}
	return enc.NewDecoder()
}

// validUTF8Prefix is utf8.Valid, forgiving a rune cut by the end of b.
func validUTF8Prefix(b []byte) bool {
	for i := len(b) - 1; i >= 0 && i > len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				b = b[:i]
			}
			break
		}
	}
	return utf8.Valid(b)
}

// skippedElements hold no visible text.
var skippedElements = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true,
}

// blockElements start and end a line of visible text.
var blockElements = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "br": true,
	"dd": true, "div": true, "dl": true, "dt": true, "fieldset": true, "figcaption": true,
	"figure": true, "footer": true, "form": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "header": true, "hr": true, "li": true,
	"main": true, "nav": true, "ol": true, "p": true, "pre": true, "section": true,
	"table": true, "tr": true, "ul": true, "caption": true, "details": true, "summary": true,
}

// htmlText is an io.Reader of a page's visible text that drives the
// tokenizer as it is read, so neither the page nor its text is ever held
// whole. It gathers the page's metadata on the way.
type htmlText struct {
	ctx       context.Context
	z         *html.Tokenizer
	pending   []byte
	done      bool
	err       error
	skip      int  // open elements whose text is not visible
	pre       int  // open <pre> elements: whitespace is kept
	lineStart bool // nothing but a line break written since the last text
	space     bool // a space is owed before the next word
	steps     int
	meta      htmlMeta

	// record, when set, makes step note in runs where each piece of
	// text it hands out lies in the page (ReadPartText); off is where
	// the next token starts.
	record bool
	runs   []TextRun
	off    int64
}

func newHTMLText(ctx context.Context, r io.Reader) *htmlText {
	z := html.NewTokenizer(r)
	z.SetMaxBuf(maxHTMLToken)
	return &htmlText{ctx: ctx, z: z, lineStart: true}
}

// Read implements io.Reader.
func (h *htmlText) Read(p []byte) (int, error) {
	for len(h.pending) == 0 {
		if h.done {
			return 0, h.err
		}
		h.step()
	}
	n := copy(p, h.pending)
	h.pending = h.pending[n:]
	return n, nil
}

func (h *htmlText) finish(err error) {
	h.done = true
	h.err = err
}

// step reads one token.
func (h *htmlText) step() {
	if h.steps++; h.steps&1023 == 0 && h.ctx.Err() != nil {
		h.finish(h.ctx.Err())
		return
	}
	tt := h.z.Next()
	start := h.off
	if h.record {
		// The tokens' raw bytes follow one another through the input.
		h.off += int64(len(h.z.Raw()))
	}
	switch tt {
	case html.ErrorToken:
		if err := h.z.Err(); err != io.EOF {
			h.finish(fmt.Errorf("tokenize html: %w", err))
			return
		}
		h.finish(io.EOF)
	case html.TextToken:
		h.text(h.z.Text(), start)
	case html.StartTagToken, html.SelfClosingTagToken:
		name, hasAttr := h.z.TagName()
		h.startTag(string(name), hasAttr, tt == html.SelfClosingTagToken)
	case html.EndTagToken:
		name, _ := h.z.TagName()
		h.endTag(string(name))
	case html.CommentToken:
		if body, ok := commentText(h.z.Raw(), h.z.Text()); ok {
			h.meta.noteComment(body)
		}
	}
}

func (h *htmlText) startTag(name string, hasAttr, selfClosing bool) {
	var attrs map[string]string
	if hasAttr {
		attrs = h.attrs()
	}
	h.meta.startTag(name, attrs, selfClosing)
	switch {
	case skippedElements[name] && !selfClosing:
		h.skip++
	case name == "pre":
		h.pre++
	}
	if blockElements[name] {
		h.newline()
	} else if name == "td" || name == "th" {
		h.space = true
	}
}

func (h *htmlText) endTag(name string) {
	h.meta.endTag(name)
	switch {
	case skippedElements[name] && h.skip > 0:
		h.skip--
	case name == "pre" && h.pre > 0:
		h.pre--
	}
	if blockElements[name] {
		h.newline()
	}
}

// attrs reads a tag's attributes, keeping the ones metadata needs.
func (h *htmlText) attrs() map[string]string {
	attrs := map[string]string{}
	for more := true; more; {
		var k, v []byte
		k, v, more = h.z.TagAttr()
		switch key := string(k); key {
		case "name", "property", "itemprop", "http-equiv", "content", "lang", "xml:lang",
			"datetime", "rel", "href", "src", "data-src", "data", "cite":
			if _, dup := attrs[key]; !dup {
				attrs[key] = string(v)
			}
		}
	}
	return attrs
}

// text hands out the text b of the token whose raw bytes start at off,
// its white space collapsed outside <pre>.
func (h *htmlText) text(b []byte, off int64) {
	if h.meta.inTitle > 0 {
		h.meta.titleText(b)
		return
	}
	if h.skip > 0 || h.meta.inHead > 0 {
		return
	}
	for i, c := range b {
		switch c {
		case ' ', '\t', '\n', '\r', '\f':
			if h.pre > 0 {
				h.emit(c, i, off)
				h.lineStart = c == '\n'
			} else if !h.lineStart {
				h.space = true
			}
			continue
		}
		if h.space && !h.lineStart {
			h.pending = append(h.pending, ' ')
		}
		h.space = false
		h.emit(c, i, off)
		h.lineStart = false
	}
}

// emit hands out c, the byte at i of the text of the token at off.
func (h *htmlText) emit(c byte, i int, off int64) {
	if h.record {
		if n := len(h.runs); n > 0 && h.runs[n-1].RawStart == off && h.runs[n-1].Skip+h.runs[n-1].Len == i && h.runs[n-1].At+h.runs[n-1].Len == len(h.pending) {
			h.runs[n-1].Len++
		} else {
			h.runs = append(h.runs, TextRun{At: len(h.pending), Len: 1, Skip: i, RawStart: off, RawEnd: h.off})
		}
	}
	h.pending = append(h.pending, c)
}

func (h *htmlText) newline() {
	h.space = false
	if !h.lineStart {
		h.pending = append(h.pending, '\n')
		h.lineStart = true
	}
}
