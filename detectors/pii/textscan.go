package pii

import (
	"unicode"
	"unicode/utf8"
)

func isDigit(c byte) bool { return c-'0' < 10 }

func isUpper(c byte) bool { return c-'A' < 26 }

func isLower(c byte) bool { return c-'a' < 26 }

func isLetter(c byte) bool { return isUpper(c) || isLower(c) }

func isAlnum(c byte) bool { return isDigit(c) || isLetter(c) }

// isWordByte reports ASCII bytes that glue a value into a longer token.
func isWordByte(c byte) bool { return isAlnum(c) || c == '_' }

// wordRuneBefore reports whether the rune ending at s is a letter or a
// digit of any script (so "é123" is one token but “123” is not).
func wordRuneBefore(b []byte, s int) bool {
	if b[s-1] < utf8.RuneSelf {
		return isWordByte(b[s-1])
	}
	r, _ := utf8.DecodeLastRune(b[:s])
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// wordRuneAt reports whether the rune starting at e is a letter or digit.
func wordRuneAt(b []byte, e int) bool {
	if b[e] < utf8.RuneSelf {
		return isWordByte(b[e])
	}
	r, _ := utf8.DecodeRune(b[e:])
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

func toUpper(c byte) byte {
	if isLower(c) {
		return c - 'a' + 'A'
	}
	return c
}

func toLower(c byte) byte {
	if isUpper(c) {
		return c - 'A' + 'a'
	}
	return c
}

// tokenBounds widens i to the run of ASCII letters and digits around it.
func tokenBounds(b []byte, i int) (s, e int) {
	s, e = i, i
	for s > 0 && isAlnum(b[s-1]) {
		s--
	}
	for e < len(b) && isAlnum(b[e]) {
		e++
	}
	return s, e
}

// digitsEnd returns the end of the run of digits starting at i.
func digitsEnd(b []byte, i int) int {
	for i < len(b) && isDigit(b[i]) {
		i++
	}
	return i
}

// leftClean reports whether a value starting at s stands on its own: it
// is not glued to a word, and not the tail of a token like "ID-123" or
// "v1.2".
func leftClean(b []byte, s int) bool {
	if s == 0 {
		return true
	}
	c := b[s-1]
	if wordRuneBefore(b, s) || c == '+' || c == '#' || c == '$' || c == '@' || c == '&' || c == '=' {
		return false
	}
	switch c {
	case '-', '.', '/', ',', ':', '\\':
		return s < 2 || !wordRuneBefore(b, s-1)
	}
	return true
}

// rightClean is leftClean for the end of a value.
func rightClean(b []byte, e int) bool {
	if e >= len(b) {
		return true
	}
	c := b[e]
	if wordRuneAt(b, e) || c == '%' || c == '@' || c == '&' || c == '=' {
		return false
	}
	switch c {
	case '-', '.', '/', ',', ':', '\\':
		return e+1 >= len(b) || !isAlnum(b[e+1])
	}
	return true
}
