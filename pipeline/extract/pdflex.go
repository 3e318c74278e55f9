package extract

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// pdfLexer is a minimal PDF tokenizer for checking cross-reference
// sections before the PDF library sees them. It knows just enough syntax
// to find the integers, names and arrays of a trailer or xref stream
// dictionary; strings are skipped, never stored.
type pdfLexer struct {
	r      *bufio.Reader
	tokens int
}

// maxPDFLexTokens bounds the tokens read for one cross-reference section
// (a table of maxPDFObjects entries has three tokens per entry).
const maxPDFLexTokens = 3*maxPDFObjects + 100000

var errPDFLex = errors.New("malformed pdf syntax")

func newPDFLexer(r io.Reader) *pdfLexer { return &pdfLexer{r: bufio.NewReaderSize(r, 16<<10)} }

// next returns the next token: "<<", ">>", "[", "]", "/Name", a number or
// keyword as written, or "()" for any string.
func (l *pdfLexer) next() (string, error) {
	l.tokens++
	if l.tokens > maxPDFLexTokens {
		return "", fmt.Errorf("more than %d tokens in a cross-reference section: %w", maxPDFLexTokens, errPDFLex)
	}
	c, err := l.skipSpace()
	if err != nil {
		return "", err
	}
	switch c {
	case '[', ']', '{', '}':
		return string(c), nil
	case '<':
		if n, _ := l.r.Peek(1); len(n) == 1 && n[0] == '<' {
			l.r.ReadByte()
			return "<<", nil
		}
		if _, err := l.r.ReadBytes('>'); err != nil {
			return "", err
		}
		return "()", nil
	case '>':
		if n, _ := l.r.Peek(1); len(n) == 1 && n[0] == '>' {
			l.r.ReadByte()
		}
		return ">>", nil
	case '(':
		return "()", l.skipString()
	}
	word := []byte{c}
	for len(word) < 128 {
		b, err := l.r.ReadByte()
		if err != nil {
			break
		}
		if pdfSpace(b) || pdfDelim(b) {
			l.r.UnreadByte()
			break
		}
		word = append(word, b)
	}
	return string(word), nil
}

func (l *pdfLexer) skipSpace() (byte, error) {
	for {
		c, err := l.r.ReadByte()
		if err != nil {
			return 0, err
		}
		if c == '%' {
			if _, err := l.r.ReadSlice('\n'); err != nil && err != bufio.ErrBufferFull {
				return 0, err
			}
			continue
		}
		if !pdfSpace(c) {
			return c, nil
		}
	}
}

// skipString skips a literal string with balanced parentheses and escapes.
func (l *pdfLexer) skipString() error {
	depth := 1
	for depth > 0 {
		c, err := l.r.ReadByte()
		if err != nil {
			return err
		}
		switch c {
		case '\\':
			if _, err := l.r.ReadByte(); err != nil {
				return err
			}
		case '(':
			depth++
		case ')':
			depth--
		}
	}
	return nil
}

func pdfSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func pdfDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

// pdfDict is what the cross-reference check reads from a dictionary: the
// integer and integer-array values of its top-level keys.
type pdfDict struct {
	ints   map[string]int64
	arrays map[string][]int64
	names  map[string]string
}

// readDict reads a dictionary whose "<<" has been consumed, keeping the
// integers, names and integer arrays at its top level.
func (l *pdfLexer) readDict() (*pdfDict, error) {
	d := &pdfDict{ints: map[string]int64{}, arrays: map[string][]int64{}, names: map[string]string{}}
	depth := 1
	key, haveValue := "", false
	for depth > 0 {
		tok, err := l.next()
		if err != nil {
			return nil, fmt.Errorf("read dictionary: %w", err)
		}
		switch {
		case tok == "<<":
			depth++
			key = ""
		case tok == ">>":
			depth--
		case depth != 1:
		case tok == "[":
			arr, err := l.readIntArray()
			if err != nil {
				return nil, err
			}
			if key != "" && !haveValue {
				d.arrays[key] = arr
			}
			key = ""
		case tok[0] == '/' && key != "" && !haveValue:
			d.names[key] = tok[1:]
			key = ""
		case tok[0] == '/':
			key, haveValue = tok[1:], false
		case key != "" && !haveValue:
			// The first token of a value; "1 0 R" leaves the rest behind.
			if n, err := strconv.ParseInt(tok, 10, 64); err == nil {
				d.ints[key] = n
			}
			haveValue = true
		}
	}
	return d, nil
}

// readIntArray reads an array whose "[" has been consumed; values other
// than integers are skipped, nested arrays and dictionaries too.
func (l *pdfLexer) readIntArray() ([]int64, error) {
	var out []int64
	depth := 1
	for depth > 0 {
		tok, err := l.next()
		if err != nil {
			return nil, fmt.Errorf("read array: %w", err)
		}
		switch tok {
		case "[", "<<":
			depth++
		case "]", ">>":
			depth--
		default:
			if n, err := strconv.ParseInt(tok, 10, 64); err == nil && depth == 1 && len(out) < 1<<16 {
				out = append(out, n)
			}
		}
	}
	return out, nil
}
