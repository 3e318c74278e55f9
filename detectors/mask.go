package detectors

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ExcerptVersion names how excerpts are masked. Cached findings keep the
// excerpt they were made with, so a change to the masking bumps it, and
// catalogs made before run the detectors again.
const ExcerptVersion = "2"

// excerptContext is how many bytes of the line either side of a match an
// excerpt shows.
const excerptContext = 30

// maxMaskedRunes caps the masked value in an excerpt: a private key block
// is thousands of bytes of nothing a reviewer can read.
const maxMaskedRunes = 48

// minContextDigits is the shortest digit sequence masked in an excerpt's
// context: a phone number beside an email must not leak through the
// email's excerpt, while "page 12" or "2021" stay readable.
const minContextDigits = 5

// Kinds whose masks keep the trailing digits, as bank statements do.
var keepsLastDigits = map[string]bool{"card": true, "iban": true}

// Span is a matched value in a text, for masking it in the context of
// another match's excerpt.
type Span struct {
	Start, End int
	Kind       string
}

// Excerpt shows the match text[start:end] masked, with up to 30 bytes of
// its line either side. It is what a reviewer reads instead of the value.
func Excerpt(text []byte, start, end int, kind string) string {
	return ExcerptAmong(text, start, end, kind, nil)
}

// ExcerptAmong is Excerpt for a match found among others: the parts of
// the other matches that fall in the excerpt's context are masked too, so
// a phone number's excerpt does not show the email address beside it.
func ExcerptAmong(text []byte, start, end int, kind string, others []Span) string {
	lineStart := start
	for lineStart > 0 && start-lineStart < excerptContext && !isLineBreak(text[lineStart-1]) {
		lineStart--
	}
	if lineStart > 0 && !isLineBreak(text[lineStart-1]) {
		// Cut mid-line: start at a word rather than in one, unless
		// that loses most of the context (long words, scripts without spaces).
		if sp := bytes.IndexByte(text[lineStart:start], ' '); sp >= 0 && sp < excerptContext/2 {
			lineStart += sp + 1
		}
	}
	for lineStart < start && !utf8.RuneStart(text[lineStart]) {
		lineStart++
	}
	lineEnd := end
	for lineEnd < len(text) && lineEnd-end < excerptContext && !isLineBreak(text[lineEnd]) {
		lineEnd++
	}
	if lineEnd < len(text) && !isLineBreak(text[lineEnd]) {
		if sp := bytes.LastIndexByte(text[end:lineEnd], ' '); sp >= excerptContext/2 {
			lineEnd = end + sp
		}
	}
	for lineEnd > end && lineEnd < len(text) && !utf8.RuneStart(text[lineEnd]) {
		lineEnd--
	}
	var b strings.Builder
	writeContext(&b, text, lineStart, start, others, lineStart, len(text))
	b.WriteString(MaskValue(kind, string(text[start:end])))
	writeContext(&b, text, end, lineEnd, others, 0, lineEnd)
	return strings.TrimSpace(b.String())
}

// writeContext writes text[from:to] with long digit runs masked and the
// parts of others inside it masked as their kinds. An other that starts
// before lo or ends after hi, the excerpt's edges, shows only in part.
func writeContext(b *strings.Builder, text []byte, from, to int, others []Span, lo, hi int) {
	for from < to {
		next, stop := to, to
		var hit *Span
		for i := range others {
			o := &others[i]
			s, e := max(o.Start, from), min(o.End, to)
			if s < e && s < next {
				next, stop, hit = s, e, o
			}
		}
		if hit != nil {
			for next > from && !utf8.RuneStart(text[next]) {
				next--
			}
			for stop < to && !utf8.RuneStart(text[stop]) {
				stop++
			}
		}
		b.WriteString(maskContextDigits(clean(string(text[from:next]))))
		if hit == nil {
			return
		}
		if hit.Start < lo || hit.End > hi {
			// The excerpt's edge cuts this value: MaskValue would keep
			// the first character of the part shown, or a card's last
			// four of it, which are characters the value's own mask
			// hides ("n*.c******" of jane.creator, "**** 1488" of a
			// card ending 6467). Every letter and digit is masked.
			b.WriteString(maskAll(string(text[next:stop])))
		} else {
			b.WriteString(MaskValue(hit.Kind, string(text[next:stop])))
		}
		from = stop
	}
}

// maskAll hides every letter and digit of a part of a value, keeping
// its punctuation and spaces.
func maskAll(raw string) string {
	return strings.Map(func(r rune) rune {
		if isAlnum(r) {
			return '*'
		}
		return r
	}, clean(strings.ReplaceAll(raw, "\n", " ")))
}

// MaskValue hides a value while keeping its shape: the first character of
// each word or label, all punctuation and an email's top-level domain
// ("j***@e******.com"), or for cards and IBANs the last four characters
// and an IBAN's country code.
func MaskValue(kind, raw string) string {
	raw = clean(strings.ReplaceAll(raw, "\n", " "))
	runes := []rune(raw)
	keep := make([]bool, len(runes))
	if keepsLastDigits[kind] {
		left := 4
		for i := len(runes) - 1; i >= 0 && left > 0; i-- {
			if isAlnum(runes[i]) {
				keep[i] = true
				left--
			}
		}
		if kind == "iban" {
			for i := 0; i < len(runes) && i < 2; i++ {
				keep[i] = true
			}
		}
	} else {
		for i, r := range runes {
			keep[i] = i == 0 || !isAlnum(runes[i-1]) || !isAlnum(r)
		}
		keepTopLevelDomain(runes, keep)
		// A value whose every word is one character ("a@b.co") would be
		// shown whole: its first characters are hidden too.
		if !hidesAny(runes, keep) {
			for i, r := range runes {
				keep[i] = !isAlnum(r)
			}
			keepTopLevelDomain(runes, keep)
		}
	}
	var b strings.Builder
	for i, r := range runes {
		if i == maxMaskedRunes {
			b.WriteRune('…')
			break
		}
		if keep[i] || !isAlnum(r) {
			b.WriteRune(r)
		} else {
			b.WriteByte('*')
		}
	}
	return b.String()
}

// keepTopLevelDomain keeps an email's top-level domain, the part after
// the last dot past the @.
func keepTopLevelDomain(runes []rune, keep []bool) {
	at := slices.Index(runes, '@')
	if at < 0 {
		return
	}
	dot := len(runes) - 1
	for dot > at && runes[dot] != '.' {
		dot--
	}
	for i := dot + 1; dot > at && i < len(runes); i++ {
		keep[i] = true
	}
}

// hidesAny reports whether keep hides at least one letter or digit of
// runes.
func hidesAny(runes []rune, keep []bool) bool {
	for i, r := range runes {
		if isAlnum(r) && !keep[i] {
			return true
		}
	}
	return false
}

// clean makes text safe to print: invalid UTF-8 becomes U+FFFD, tabs
// become spaces, and other control characters are dropped, so an excerpt
// cannot move a terminal's cursor or break a report's lines.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if r == '\t' {
			return ' '
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}

// maskContextDigits masks digit sequences of minContextDigits digits or
// more, allowing the single separators phone and account numbers use.
func maskContextDigits(s string) string {
	b := []byte(s)
	for i := 0; i < len(b); {
		if !isDigitByte(b[i]) {
			i++
			continue
		}
		j, digits := i, 0
		for j < len(b) {
			if isDigitByte(b[j]) {
				digits++
				j++
			} else if j+1 < len(b) && strings.IndexByte(" -./()", b[j]) >= 0 && isDigitByte(b[j+1]) {
				j++
			} else {
				break
			}
		}
		if digits >= minContextDigits {
			for k := i; k < j; k++ {
				if isDigitByte(b[k]) {
					b[k] = '*'
				}
			}
		}
		i = j
	}
	return string(b)
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

func isLineBreak(b byte) bool { return b == '\n' || b == '\r' }
