package extract

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
)

// maxXMLDepth bounds element nesting in document XML: real documents nest
// a few dozen levels, and the element stack is the one thing that grows
// with hostile input.
const maxXMLDepth = 4096

// textRules say which elements of a document format carry visible text.
// Element names are local names: each rule set is used for one kind of
// part, where the local names are unambiguous.
type textRules struct {
	text      map[string]bool   // character data anywhere inside is visible text
	skip      map[string]bool   // subtrees that are not visible text (phonetic runs, deleted text)
	lineAfter map[string]bool   // a newline after the element (paragraphs, rows)
	lineAt    map[string]bool   // the element itself is a line break
	tabAt     map[string]string // the element is a tab when its parent has this local name ("" for any)
	spaceAt   string            // ODF text:s, with a count in attribute c
}

// xmlTextReader streams the visible text of an XML part: it decodes one
// token at a time and hands out text as it goes, so a document body is
// never held in memory beyond one token, or beyond maxFastXML bytes when
// it is read whole for fastxml.
type xmlTextReader struct {
	dec     xmlTokens
	release func() // hands back the buffer the part was read into
	rules   *textRules
	stack   []xmlFrame
	inText  int // open elements whose character data is text
	inSkip  int // open skipped elements
	buf     []byte
	err     error

	// onStart, when set, sees every element start outside skipped
	// subtrees: comment and revision authors sit in attributes.
	onStart func(xml.StartElement)
	// capture names elements whose character data goes to onCapture with
	// the parent's local name when they end (ODF comment authors are
	// element text, not attributes).
	capture   map[string]bool
	onCapture func(parent, text string)
	capDepth  int // stack depth of the element being captured, 0 for none
	capBuf    []byte

	// record, when set, makes step note in runs where each piece of
	// character data it hands out lies in the part (ReadPartText).
	record bool
	runs   []TextRun
}

type xmlFrame struct {
	local      string
	text, skip bool
}

// newXMLTextReader reads the text of the XML part r; its release must be
// called once the text is read.
func newXMLTextReader(r io.Reader, rules *textRules) *xmlTextReader {
	data, rest, release := readXMLPart(r, maxFastXML)
	return &xmlTextReader{dec: xmlTokensOf(data, rest, true), release: release, rules: rules}
}

func (x *xmlTextReader) Read(p []byte) (int, error) {
	for len(x.buf) == 0 && x.err == nil {
		x.step()
	}
	if len(x.buf) > 0 {
		n := copy(p, x.buf)
		x.buf = x.buf[n:]
		return n, nil
	}
	return 0, x.err
}

func (x *xmlTextReader) step() {
	var at int64
	if x.record {
		at = x.dec.InputOffset()
	}
	tok, err := x.dec.Token()
	if err != nil {
		if err != io.EOF {
			err = fmt.Errorf("decode xml at offset %d: %w", x.dec.InputOffset(), err)
		}
		x.err = err
		return
	}
	x.buf = x.buf[:0]
	switch t := tok.(type) {
	case xml.StartElement:
		x.start(t)
	case xml.EndElement:
		x.end()
	case xml.CharData:
		if x.inText > 0 && x.inSkip == 0 {
			if x.record {
				x.runs = append(x.runs, TextRun{At: len(x.buf), Len: len(t), RawStart: at, RawEnd: x.dec.InputOffset()})
			}
			x.buf = append(x.buf, t...)
		}
		if x.capDepth > 0 && len(x.capBuf) < maxValueLen {
			x.capBuf = append(x.capBuf, t...)
		}
	}
}

func (x *xmlTextReader) start(t xml.StartElement) {
	if len(x.stack) >= maxXMLDepth {
		x.err = fmt.Errorf("xml nests deeper than %d elements at offset %d", maxXMLDepth, x.dec.InputOffset())
		return
	}
	local := t.Name.Local
	parent := ""
	if n := len(x.stack); n > 0 {
		parent = x.stack[n-1].local
	}
	f := xmlFrame{local: local, text: x.rules.text[local], skip: x.rules.skip[local]}
	x.stack = append(x.stack, f)
	if f.text {
		x.inText++
	}
	if f.skip {
		x.inSkip++
	}
	if x.capDepth == 0 && x.capture[local] {
		x.capDepth = len(x.stack)
		x.capBuf = x.capBuf[:0]
	}
	if x.inSkip > 0 {
		return
	}
	if x.onStart != nil {
		x.onStart(t)
	}

	if x.rules.lineAt[local] {
		x.buf = append(x.buf, '\n')
	}
	if want, ok := x.rules.tabAt[local]; ok && (want == "" || want == parent) {
		x.buf = append(x.buf, '\t')
	}
	if x.rules.spaceAt != "" && local == x.rules.spaceAt {
		x.buf = append(x.buf, ' ')
		for _, a := range t.Attr {
			if a.Name.Local == "c" {
				// Repeated spaces are layout; a few are enough for the text.
				n, _ := strconv.Atoi(a.Value)
				for i := 1; i < min(n, 64); i++ {
					x.buf = append(x.buf, ' ')
				}
			}
		}
	}
}

func (x *xmlTextReader) end() {
	n := len(x.stack)
	if n == 0 {
		return
	}
	f := x.stack[n-1]
	if x.capDepth == n {
		x.capDepth = 0
		if x.onCapture != nil {
			parent := ""
			if n > 1 {
				parent = x.stack[n-2].local
			}
			x.onCapture(parent, string(x.capBuf))
		}
	}
	x.stack = x.stack[:n-1]
	if f.text {
		x.inText--
	}
	if f.skip {
		x.inSkip--
	}
	if x.inSkip == 0 && x.rules.lineAfter[f.local] {
		x.buf = append(x.buf, '\n')
	}
}
