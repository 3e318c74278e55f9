package extract

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"golang.org/x/text/encoding/charmap"
)

// maxRTFDepth bounds group nesting; Word output nests a few dozen levels.
const maxRTFDepth = 256

// Where the characters of the current group go.
const (
	rtfVisible   = iota
	rtfHidden    // a destination that is not body text (font table, picture)
	rtfInfoValue // a text value of the \info group
	rtfInfoDate  // a date of the \info group (\creatim, \revtim)
)

type rtfGroup struct {
	dest  int
	uc    int    // bytes to skip after \uN
	field string // info field the group fills
	owner bool   // this group opened the info value (and records it on close)
}

// rtfSkippedDestinations are destinations whose content is not visible
// text. Unknown destinations marked with \* are skipped as well.
var rtfSkippedDestinations = map[string]bool{
	"fonttbl": true, "colortbl": true, "stylesheet": true, "pict": true, "object": true,
	"fldinst": true, "themedata": true, "colorschememapping": true, "latentstyles": true,
	"datastore": true, "xmlnstbl": true, "listtable": true, "listoverridetable": true,
	"rsidtbl": true, "generator": true, "filetbl": true, "revtbl": true, "pgdsctbl": true,
	"bkmkstart": true, "bkmkend": true, "objdata": true, "datafield": true, "shppict": true,
	"nonshppict": true, "template": true, "userprops": true, "wgrffmtfilter": true,
}

// rtfInfoFields are the text destinations of the \info group that are
// kept. \copyright is not in Microsoft's specification, but Apple's text
// system writes a document's copyright there ({\*\copyright © 2010 …}).
var rtfInfoFields = map[string]bool{
	"author": true, "operator": true, "title": true, "subject": true, "keywords": true,
	"doccomm": true, "comment": true, "company": true, "manager": true, "category": true,
	"hlinkbase": true, "copyright": true,
}

// rtfInfoDates are the date destinations of the \info group.
var rtfInfoDates = map[string]bool{"creatim": true, "revtim": true, "printim": true, "buptim": true}

// rtfTextReader streams the visible text of an RTF document and reports
// the \info group's values to onInfo and onDate as it passes them.
type rtfTextReader struct {
	r          *bufio.Reader
	stack      []rtfGroup
	cur        rtfGroup
	groupStart bool // no control word seen yet in the current group
	skipBytes  int  // fallback characters still to drop after \uN
	high       rune // pending high surrogate from \uN
	buf        []byte
	err        error

	value  []byte
	date   [6]int // yr mo dy hr min sec
	onInfo func(field, value string)
	onDate func(field string, date [6]int)

	// counted, when set (ReadPartText), counts the bytes read from the
	// document, and step notes in runs where each piece of text it
	// hands out lies in it.
	counted  *countingReader
	runs     []TextRun
	info     []FieldRange // the characters of \info values, one by one
	infoChar bool         // the step read a character of an \info value
}

func newRTFTextReader(r io.Reader) *rtfTextReader {
	return &rtfTextReader{r: bufio.NewReader(r), cur: rtfGroup{uc: 1}}
}

func (t *rtfTextReader) Read(p []byte) (int, error) {
	for len(t.buf) == 0 && t.err == nil {
		t.buf = t.buf[:0]
		for range 256 {
			if t.err != nil || len(t.buf) >= 512 {
				break
			}
			t.step()
		}
	}
	if len(t.buf) > 0 {
		n := copy(p, t.buf)
		t.buf = t.buf[n:]
		return n, nil
	}
	return 0, t.err
}

func (t *rtfTextReader) step() {
	var start int64
	had := len(t.buf)
	if t.counted != nil {
		start = t.pos()
		defer func() { t.noteRun(start, had) }()
	}
	c, err := t.r.ReadByte()
	if err != nil {
		t.err = err
		return
	}
	switch c {
	case '{':
		if len(t.stack) >= maxRTFDepth {
			t.err = fmt.Errorf("rtf groups nest deeper than %d", maxRTFDepth)
			return
		}
		t.stack = append(t.stack, t.cur)
		t.cur.owner = false
		t.groupStart = true
	case '}':
		t.closeGroup()
	case '\\':
		t.control()
	case '\r', '\n':
	default:
		t.char(charmap.Windows1252.DecodeByte(c))
	}
}

// pos is the offset in the document of the next byte to read.
func (t *rtfTextReader) pos() int64 { return t.counted.n - int64(t.r.Buffered()) }

// noteRun records the text step added to buf after its first had bytes,
// read from the document's bytes at start up to where it stopped. Plain
// ASCII stands for itself, and runs of it are joined; every other
// character stands alone (a byte of the code page, an escape, a control
// word), with the \uc count of the group it sits in. The line breaks
// and tabs control words stand for are layout and are not noted.
func (t *rtfTextReader) noteRun(start int64, had int) {
	if t.infoChar {
		t.infoChar = false
		t.info = append(t.info, FieldRange{"rtf:" + t.cur.field, FileRange{start, t.pos() - start}})
	}
	text := t.buf[had:]
	if len(text) == 0 {
		return
	}
	end := t.pos()
	if end-start == 1 && len(text) == 1 && text[0] < 0x80 {
		if n := len(t.runs); n > 0 && !t.runs[n-1].Unit && t.runs[n-1].RawEnd == start && t.runs[n-1].At+t.runs[n-1].Len == had {
			t.runs[n-1].Len++
			t.runs[n-1].RawEnd = end
			return
		}
		t.runs = append(t.runs, TextRun{At: had, Len: 1, RawStart: start, RawEnd: end})
		return
	}
	if end-start > 1 && len(text) == 1 && (text[0] == '\n' || text[0] == '\t') {
		return
	}
	t.runs = append(t.runs, TextRun{At: had, Len: len(text), RawStart: start, RawEnd: end, Unit: true, UC: t.cur.uc})
}

func (t *rtfTextReader) closeGroup() {
	if t.cur.owner {
		switch t.cur.dest {
		case rtfInfoValue:
			if t.onInfo != nil {
				t.onInfo(t.cur.field, string(t.value))
			}
		case rtfInfoDate:
			if t.onDate != nil {
				t.onDate(t.cur.field, t.date)
			}
		}
	}
	n := len(t.stack)
	if n == 0 {
		return // unbalanced close: ignore, as readers do
	}
	t.cur = t.stack[n-1]
	t.stack = t.stack[:n-1]
	t.groupStart = false
	t.skipBytes = 0
}

// char handles one decoded character of the current group.
func (t *rtfTextReader) char(r rune) {
	if t.skipBytes > 0 {
		t.skipBytes--
		return
	}
	t.groupStart = false
	switch t.cur.dest {
	case rtfVisible:
		t.buf = appendRune(t.buf, r)
	case rtfInfoValue:
		if len(t.value) < maxValueLen {
			t.value = appendRune(t.value, r)
		}
		t.infoChar = true
	}
}

func appendRune(b []byte, r rune) []byte {
	return append(b, string(r)...)
}

// readWord reads a control word's letters and optional numeric parameter.
func (t *rtfTextReader) readWord(first byte) (string, int, bool) {
	word := []byte{first}
	for len(word) < 32 {
		c, err := t.r.ReadByte()
		if err != nil {
			break
		}
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			word = append(word, c)
			continue
		}
		t.r.UnreadByte()
		break
	}
	n, neg, digits := 0, false, 0
	if c, err := t.r.ReadByte(); err == nil {
		if c == '-' {
			neg = true
		} else {
			t.r.UnreadByte()
		}
	}
	for digits < 10 {
		c, err := t.r.ReadByte()
		if err != nil {
			break
		}
		if c < '0' || c > '9' {
			t.r.UnreadByte()
			break
		}
		n = n*10 + int(c-'0')
		digits++
	}
	if neg {
		n = -n
	}
	if c, err := t.r.ReadByte(); err == nil && c != ' ' {
		t.r.UnreadByte()
	}
	return string(word), n, digits > 0
}

var errRTFHex = errors.New("bad \\' escape")
