package extract

import (
	"bytes"
	"errors"
	"strconv"
)

func isPDFInt(s string) bool {
	_, err := strconv.ParseInt(s, 10, 64)
	return err == nil
}

// pdfName decodes the #xx escapes of a name.
func pdfName(s string) string {
	if !bytes.ContainsRune([]byte(s), '#') {
		return s
	}
	var out []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				out = append(out, byte(v))
				i += 2
				continue
			}
		}
		out = append(out, s[i])
	}
	return string(out)
}

// pdfTokens is a tokenizer over bytes in memory that knows where each
// token starts: "<<", ">>", "[", "]", "/Name", "(" for a literal string
// and "<" for a hex string (both read whole), numbers and keywords.
type pdfTokens struct {
	b []byte
	i int
}

// next returns the next token and its offset; "" at the end or on a
// string that does not end.
func (t *pdfTokens) next() (string, int) {
	for t.i < len(t.b) {
		c := t.b[t.i]
		if c == '%' {
			for t.i < len(t.b) && t.b[t.i] != '\n' && t.b[t.i] != '\r' {
				t.i++
			}
			continue
		}
		if !pdfSpace(c) {
			break
		}
		t.i++
	}
	start := t.i
	if t.i >= len(t.b) {
		return "", start
	}
	c := t.b[t.i]
	t.i++
	switch c {
	case '[', ']', '{', '}':
		return string(c), start
	case '<':
		if t.i < len(t.b) && t.b[t.i] == '<' {
			t.i++
			return "<<", start
		}
		k := bytes.IndexByte(t.b[t.i:], '>')
		if k < 0 {
			return "", start
		}
		t.i += k + 1
		return "<", start
	case '>':
		if t.i < len(t.b) && t.b[t.i] == '>' {
			t.i++
		}
		return ">>", start
	case '(':
		for depth := 1; depth > 0; t.i++ {
			if t.i >= len(t.b) {
				return "", start
			}
			switch t.b[t.i] {
			case '\\':
				t.i++
			case '(':
				depth++
			case ')':
				depth--
			}
		}
		return "(", start
	}
	for t.i < len(t.b) && !pdfSpace(t.b[t.i]) && !pdfDelim(t.b[t.i]) {
		t.i++
	}
	return string(t.b[start:t.i]), start
}

// skipValue reads the rest of a value whose first token is tok: the
// whole of an array or a dictionary.
func (t *pdfTokens) skipValue(tok string) error {
	if tok != "[" && tok != "<<" {
		return nil
	}
	for depth := 1; depth > 0; {
		switch v, _ := t.next(); v {
		case "":
			return errors.New("unterminated array or dictionary")
		case "[", "<<":
			depth++
			if depth > 64 {
				return errors.New("arrays or dictionaries nested past 64 levels")
			}
		case "]", ">>":
			depth--
		}
	}
	return nil
}
