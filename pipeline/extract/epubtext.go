package extract

import (
	"fmt"
	"io"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// maxHTMLTokenBuf bounds one token of an XHTML document: a tag or a text
// run longer than this is an error, not something to buffer.
const maxHTMLTokenBuf = 4 << 20

// emitEPUBDocument streams the visible text of one XHTML document.
func emitEPUBDocument(za *zipArchive, name string, res *Result) error {
	if res.Sink == nil {
		return nil
	}
	rc, err := za.open(name, maxZipEntrySize)
	if err != nil {
		return err
	}
	defer rc.Close()
	tr := newEPUBTextReader(rc)
	if err := res.EmitText(name, tr); err != nil {
		return fmt.Errorf("text of %s: %w", name, err)
	}
	if tr.err != nil && tr.err != io.EOF {
		return fmt.Errorf("text of %s: %w", name, tr.err)
	}
	return nil
}

// epubTextReader turns XHTML into its visible text one token at a time:
// tags are dropped, script, style and head content skipped, and block
// elements end lines.
type epubTextReader struct {
	z    *html.Tokenizer
	skip int
	buf  []byte
	err  error

	// record, when set, makes step note in runs where each piece of
	// text it hands out lies in the document (ReadPartText); off is
	// where the next token starts.
	record bool
	runs   []TextRun
	off    int64
}

func newEPUBTextReader(r io.Reader) *epubTextReader {
	z := html.NewTokenizer(r)
	z.SetMaxBuf(maxHTMLTokenBuf)
	return &epubTextReader{z: z}
}

func (h *epubTextReader) Read(p []byte) (int, error) {
	for len(h.buf) == 0 && h.err == nil {
		h.step()
	}
	if len(h.buf) > 0 {
		n := copy(p, h.buf)
		h.buf = h.buf[n:]
		return n, nil
	}
	return 0, h.err
}

func (h *epubTextReader) step() {
	tt := h.z.Next()
	h.buf = h.buf[:0]
	start := h.off
	if h.record {
		// The tokens' raw bytes follow one another through the input.
		h.off += int64(len(h.z.Raw()))
	}
	switch tt {
	case html.ErrorToken:
		h.err = h.z.Err()
	case html.TextToken:
		if h.skip == 0 {
			text := h.z.Text()
			if h.record {
				h.runs = append(h.runs, TextRun{At: 0, Len: len(text), RawStart: start, RawEnd: h.off})
			}
			h.buf = append(h.buf, text...)
		}
	case html.StartTagToken, html.SelfClosingTagToken:
		name, _ := h.z.TagName()
		a := atom.Lookup(name)
		switch {
		case a == atom.Script || a == atom.Style || a == atom.Head:
			if tt == html.StartTagToken {
				h.skip++
			}
		case a == atom.Br:
			h.buf = append(h.buf, '\n')
		}
	case html.EndTagToken:
		name, _ := h.z.TagName()
		a := atom.Lookup(name)
		switch {
		case a == atom.Script || a == atom.Style || a == atom.Head:
			if h.skip > 0 {
				h.skip--
			}
		case htmlBlock[a] && h.skip == 0:
			h.buf = append(h.buf, '\n')
		}
	}
}

// htmlBlock lists elements that end a line of text.
var htmlBlock = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Li: true, atom.Tr: true,
	atom.Blockquote: true, atom.Pre: true, atom.Section: true, atom.Article: true,
	atom.Td: true, atom.Th: true, atom.Dd: true, atom.Dt: true, atom.Figcaption: true,
}
