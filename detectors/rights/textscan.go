package rights

import (
	"bytes"
	"context"
	"unicode"
	"unicode/utf8"

	"github.com/consignhq/consign/detectors"
)

// textOnly gives text detectors the rest of detectors.Detector: the
// TextScanner drives them over the item's text and its metadata values.
type textOnly struct{}

func (textOnly) Applies(*detectors.Item) bool { return true }

func (textOnly) Detect(context.Context, *detectors.Item) ([]detectors.Finding, error) {
	return nil, nil
}

// FindKey implements detectors.FindKeyer for the text detectors whose
// Find reads nothing of the item; one that reads some says what itself.
func (textOnly) FindKey(*detectors.Item) string { return "" }

// lineAround returns the bounds of the line holding chunk[i], at most
// limit bytes either side.
func lineAround(chunk []byte, i, limit int) (int, int) {
	s := i
	for s > 0 && i-s < limit && chunk[s-1] != '\n' && chunk[s-1] != '\r' {
		s--
	}
	e := i
	for e < len(chunk) && e-i < limit && chunk[e] != '\n' && chunk[e] != '\r' {
		e++
	}
	for s < i && !utf8.RuneStart(chunk[s]) {
		s++
	}
	for e > i && e < len(chunk) && !utf8.RuneStart(chunk[e]) {
		e--
	}
	return s, e
}

// hasPrefixFold reports whether b starts with s, ignoring case.
func hasPrefixFold(b []byte, s string) bool {
	return len(b) >= len(s) && bytes.EqualFold(b[:len(s)], []byte(s))
}

// indexFold returns the first index of s in b ignoring case, or -1.
// s must be lower case and start with an ASCII letter.
func indexFold(b []byte, s string) int {
	c := s[0]
	for i := 0; i+len(s) <= len(b); i++ {
		if b[i]|0x20 == c && bytes.EqualFold(b[i:i+len(s)], []byte(s)) {
			return i
		}
	}
	return -1
}

// wordBefore reports whether a letter or digit ends just before i.
func wordBefore(b []byte, i int) bool {
	if i <= 0 {
		return false
	}
	r, _ := utf8.DecodeLastRune(b[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// wordAt reports whether a letter or digit starts at i.
func wordAt(b []byte, i int) bool {
	if i >= len(b) {
		return false
	}
	r, _ := utf8.DecodeRune(b[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	if i+1 < len(b) && b[i] == 0xC2 && b[i+1] == 0xA0 { // no-break space
		return skipSpace(b, i+2)
	}
	return i
}
