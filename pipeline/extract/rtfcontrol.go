package extract

import (
	"fmt"
	"io"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
)

// rtfSpecials are control words that stand for one character of text.
var rtfSpecials = map[string]rune{
	"par": '\n', "line": '\n', "sect": '\n', "page": '\n', "row": '\n',
	"tab": '\t', "cell": '\t', "emdash": '—', "endash": '–', "bullet": '•',
	"lquote": '‘', "rquote": '’', "ldblquote": '“', "rdblquote": '”',
	"emspace": ' ', "enspace": ' ', "qmspace": ' ',
}

// control handles what follows a backslash.
func (t *rtfTextReader) control() {
	c, err := t.r.ReadByte()
	if err != nil {
		t.err = err
		return
	}
	switch {
	case c == '\'':
		t.hexEscape()
	case c == '*':
		// An ignorable destination: readers that do not know it skip it.
		t.cur.dest = rtfHidden
	case c == '\\' || c == '{' || c == '}':
		t.char(rune(c))
	case c == '~':
		t.char(' ')
	case c == '_':
		t.char('-')
	case c == '\r' || c == '\n':
		t.char('\n')
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		word, n, hasN := t.readWord(c)
		t.word(word, n, hasN)
	}
}

func (t *rtfTextReader) hexEscape() {
	var h [2]byte
	if _, err := io.ReadFull(t.r, h[:]); err != nil {
		t.err = fmt.Errorf("rtf: %w", errRTFHex)
		return
	}
	v, ok := hexByte(h[0], h[1])
	if !ok {
		return
	}
	t.char(charmap.Windows1252.DecodeByte(v))
}

func hexByte(a, b byte) (byte, bool) {
	hi, ok1 := hexDigit(a)
	lo, ok2 := hexDigit(b)
	return hi<<4 | lo, ok1 && ok2
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// word handles a control word with its parameter.
func (t *rtfTextReader) word(w string, n int, hasN bool) {
	first := t.groupStart
	t.groupStart = false
	if first && t.destination(w) {
		return
	}
	switch w {
	case "u":
		t.unicode(n)
		return
	case "uc":
		if hasN && n >= 0 && n <= 8 {
			t.cur.uc = n
		}
		return
	case "bin":
		if hasN && n > 0 {
			if _, err := t.r.Discard(n); err != nil {
				t.err = fmt.Errorf("rtf \\bin%d runs past the end of the file: %w", n, io.ErrUnexpectedEOF)
			}
		}
		return
	case "yr", "mo", "dy", "hr", "min", "sec":
		if t.cur.dest == rtfInfoDate && hasN {
			t.date[map[string]int{"yr": 0, "mo": 1, "dy": 2, "hr": 3, "min": 4, "sec": 5}[w]] = n
		}
		return
	}
	if r, ok := rtfSpecials[w]; ok && t.cur.dest == rtfVisible {
		t.skipBytes = 0
		t.char(r)
	}
}

// destination switches the group to a destination named by its first
// control word, and reports whether the word was one.
func (t *rtfTextReader) destination(w string) bool {
	switch {
	case w == "info":
		t.cur.dest = rtfHidden
		t.cur.field = "info"
	case t.cur.field == "info" && rtfInfoFields[w]:
		t.cur = rtfGroup{dest: rtfInfoValue, uc: t.cur.uc, field: w, owner: true}
		t.value = t.value[:0]
	case t.cur.field == "info" && rtfInfoDates[w]:
		t.cur = rtfGroup{dest: rtfInfoDate, uc: t.cur.uc, field: w, owner: true}
		t.date = [6]int{}
	case rtfSkippedDestinations[w]:
		t.cur.dest = rtfHidden
		t.cur.field = ""
	default:
		return false
	}
	return true
}

// unicode handles \uN: a signed 16-bit code unit, then \ucN fallback
// characters that readers who understand \u skip.
func (t *rtfTextReader) unicode(n int) {
	if n < 0 {
		n += 65536
	}
	r := rune(n & 0xFFFF)
	skip := t.cur.uc
	switch {
	case utf16.IsSurrogate(r) && r < 0xDC00:
		t.high = r
		t.skipBytes = skip
		return
	case utf16.IsSurrogate(r) && t.high != 0:
		r = utf16.DecodeRune(t.high, r)
	}
	t.high = 0
	t.skipBytes = 0
	t.char(r)
	t.skipBytes = skip
}
