package extract

import (
	"bytes"
	"unicode/utf8"
)

// Which tokens of a sample are words of prose, and how many letters and
// words lingua reads in each; appendProse hands them the tokens it finds
// between the markup.

// maxProseToken is the longest token of ASCII read as a word: longer
// ones are hashes, encoded data or URLs without a scheme. The longest
// words of German or Finnish prose are about half as long; scripts that
// do not space their words (Chinese, Japanese, Thai) make a token of a
// whole clause, and are not data.
const maxProseToken = 64

// proseToken trims a token's leading and trailing punctuation and says
// whether what is left, core, is a word of prose, with its letters and
// words.
func proseToken(tok []byte, firstOnLine bool) (core []byte, letters, words int, ok bool) {
	lo, hi := 0, len(tok)
	for lo < hi && tok[lo] < utf8.RuneSelf && !isASCIIAlnum(tok[lo]) {
		lo++
	}
	for hi > lo && tok[hi-1] < utf8.RuneSelf && !isASCIIAlnum(tok[hi-1]) {
		hi--
	}
	core = tok[lo:hi]
	if len(core) == 0 || len(core) > maxProseToken && isASCII(string(core)) {
		return core, 0, 0, false
	}
	if lo > 0 || hi < len(tok) { // most words have no punctuation around them
		lead, trail := tok[:lo], tok[hi:]
		switch {
		case bytes.IndexByte(lead, '@') >= 0, bytes.IndexByte(lead, '#') >= 0:
			return core, 0, 0, false // a handle or a hashtag
		case bytes.IndexByte(trail, '=') >= 0:
			return core, 0, 0, false // base64 padding, "key="
		case bytes.HasPrefix(trail, []byte(":")) && firstOnLine,
			bytes.HasPrefix(trail, []byte(`":`)), bytes.HasPrefix(trail, []byte(`':`)):
			return core, 0, 0, false // a key: "title:", "Subject:", "\"id\":"
		}
	}
	letters, words, ok = proseWord(core)
	return core, letters, words, ok
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// proseWord tells whether a trimmed token can be a word of prose rather
// than an identifier, a name of a file or machine, or data, and counts
// its letters and words ("don't" is two words to lingua, "漢字" too).
func proseWord(w []byte) (letters, words int, ok bool) {
	props := runeProps()
	part := 0
	dotted, longPart := false, false
	// lowerRun counts the lower-case letters just before the current
	// rune; initial marks a run that starts the word.
	lowerRun, initial := 0, true
	prev, repeat := rune(-1), 0
	inRun := false
	for i := 0; i < len(w); {
		r, n := rune(w[i]), 1
		var letter, lower, upper, own bool
		if r < utf8.RuneSelf {
			switch c := w[i]; {
			case 'a' <= c && c <= 'z':
				letter, lower = true, true
			case 'A' <= c && c <= 'Z':
				letter, upper = true, true
			case '0' <= c && c <= '9':
				return 0, 0, false // a code, a version, a hash, an ordinal
			case c == '.':
				dotted, longPart, part = true, longPart || part >= 2, 0
			case notInProse[c]:
				return 0, 0, false // a path, an identifier, a key, an address
			}
		} else {
			r, n = utf8.DecodeRune(w[i:])
			own = isOwnWord(props, r)
			letter, lower, upper = letterCase(props, r)
		}
		i += n
		if !letter {
			if own { // a kana symbol ("㌶") is a word of its own to lingua
				letters++
				words++
			}
			lowerRun, initial, repeat, prev, inRun = 0, false, 0, r, false
			continue
		}
		letters++
		part++
		switch {
		case inRun: // a run of letters goes on through Han or kana
		case own:
			words++
		default:
			words++
			inRun = true
		}
		if upper && lowerRun > 0 && !(initial && lowerRun <= 2) {
			return 0, 0, false // camelCase; "iPad" and Irish "nGaeilge" stay
		}
		if lower {
			lowerRun++
		} else {
			lowerRun, initial = 0, false
		}
		if r == prev {
			if repeat++; repeat >= 3 {
				return 0, 0, false // "AAAA": padding, not a word
			}
		} else {
			repeat = 0
		}
		prev = r
	}
	if dotted && (longPart || part >= 2) {
		return 0, 0, false // a file name, a host, a dotted identifier; "e.g" stays
	}
	return letters, words, letters > 0
}

// notInProse are the ASCII characters no word of prose holds.
var notInProse = [utf8.RuneSelf]bool{
	'/': true, '\\': true, '_': true, '=': true, '+': true, ':': true, '@': true,
	'$': true, '%': true, '^': true, '~': true, '<': true,
}
