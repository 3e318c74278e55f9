package anchor

import (
	"strings"
	"sync"
)

// How often bytes and pairs of bytes occur in prose, as a share of all
// bytes, to pick the keys that stop the pass least. Letter shares are
// those of English text, where about one byte in six is a space; the
// languages consign reads differ in detail, not in what is rare.

// letterShare is each letter's share of English letters, in percent.
var letterShare = [26]float64{
	8.2, 1.5, 2.8, 4.3, 12.7, 2.2, 2.0, 6.1, 7.0, 0.15, 0.8, 4.0, 2.4, // a-m
	6.7, 7.5, 1.9, 0.1, 6.0, 6.3, 9.1, 2.8, 1.0, 2.4, 0.15, 2.0, 0.07, // n-z
}

// initialShare and finalShare are each letter's share of the first and
// of the last letters of English words, in percent: a space before a
// letter is as common as words starting with it, after it as words ending
// with it.
var (
	initialShare = [26]float64{
		11.7, 4.4, 5.2, 3.2, 2.8, 4.0, 1.6, 4.2, 7.3, 0.5, 0.6, 2.4, 3.8, // a-m
		2.3, 7.6, 4.3, 0.2, 2.8, 6.7, 16.0, 1.2, 0.8, 5.5, 0.05, 0.8, 0.05, // n-z
	}
	finalShare = [26]float64{
		3.0, 0.3, 0.5, 10.0, 19.0, 4.0, 2.5, 3.0, 0.5, 0.05, 1.0, 4.5, 1.5, // a-m
		8.0, 5.0, 0.7, 0.05, 6.5, 14.0, 9.5, 0.5, 0.1, 1.0, 0.3, 7.0, 0.1, // n-z
	}
)

// wordLength is the mean length of an English word with the space after
// it, in bytes.
const wordLength = 5.8

// commonPairs are the most frequent pairs of letters in English words
// with their share of letter pairs, in percent. The map is made when an
// anchor set is first built, not at start-up.
var commonPairs = sync.OnceValue(func() map[string]float64 {
	return map[string]float64{
		"th": 3.56, "he": 3.07, "in": 2.43, "er": 2.05, "an": 1.99, "re": 1.85, "on": 1.76,
		"at": 1.49, "en": 1.45, "nd": 1.35, "ti": 1.34, "es": 1.34, "or": 1.28, "te": 1.20,
		"of": 1.17, "ed": 1.17, "is": 1.13, "it": 1.12, "al": 1.09, "ar": 1.07, "st": 1.05,
		"to": 1.04, "nt": 1.04, "ng": 0.95, "se": 0.93, "ha": 0.93, "as": 0.87, "ou": 0.87,
		"io": 0.83, "le": 0.83, "ve": 0.83, "co": 0.79, "me": 0.79, "de": 0.76, "hi": 0.76,
		"ri": 0.73, "ro": 0.73, "ic": 0.70, "ne": 0.69, "ea": 0.69, "ra": 0.69, "ce": 0.65,
		"li": 0.62, "ch": 0.60, "ll": 0.58, "be": 0.58, "ma": 0.57, "si": 0.55, "om": 0.55,
		"ur": 0.54, "ca": 0.54, "el": 0.53, "ta": 0.53, "la": 0.52, "ns": 0.51, "di": 0.50,
		"fo": 0.50, "ho": 0.50, "pe": 0.49, "ec": 0.49, "pr": 0.49, "no": 0.49, "ct": 0.48,
		"us": 0.48, "ac": 0.47, "ot": 0.47, "il": 0.47, "tr": 0.47, "ly": 0.46, "nc": 0.45,
		"et": 0.45, "ut": 0.45, "ss": 0.45, "so": 0.45, "rs": 0.45, "un": 0.44, "lo": 0.44,
		"wa": 0.44, "ge": 0.44, "ie": 0.43, "wh": 0.43, "ee": 0.43, "wi": 0.42, "em": 0.42,
		"ad": 0.42, "ol": 0.41, "rt": 0.40, "po": 0.40, "we": 0.40, "na": 0.40, "ul": 0.39,
		"ni": 0.39, "ts": 0.39, "mo": 0.39, "ow": 0.39, "pa": 0.38, "im": 0.38, "mi": 0.37,
		"ai": 0.37, "sh": 0.37, "ir": 0.36, "su": 0.36, "id": 0.35, "os": 0.35, "iv": 0.35,
		"ia": 0.34, "am": 0.34, "fi": 0.33, "ci": 0.33, "vi": 0.33, "pl": 0.32, "ig": 0.31,
		"tu": 0.31, "ev": 0.31, "ld": 0.30, "ry": 0.30, "mp": 0.30, "fe": 0.30, "bl": 0.29,
		"ab": 0.29, "gh": 0.28, "ty": 0.28, "op": 0.28, "wo": 0.27, "sa": 0.27, "ay": 0.27,
		"ex": 0.27, "ke": 0.26, "fr": 0.26, "oo": 0.26, "av": 0.25, "ag": 0.25, "if": 0.25,
		"ap": 0.25, "gr": 0.25, "od": 0.25, "bo": 0.25, "sp": 0.24, "rd": 0.24, "do": 0.24,
		"uc": 0.24, "bu": 0.23, "ei": 0.23, "ov": 0.23, "by": 0.23, "rm": 0.23, "ep": 0.22,
		"tt": 0.22, "oc": 0.22, "fa": 0.22, "ef": 0.22, "cu": 0.22, "rn": 0.22, "sc": 0.22,
		"gi": 0.21, "da": 0.21, "yo": 0.21, "cr": 0.21, "cl": 0.21, "du": 0.20, "ga": 0.20,
		"qu": 0.20, "ue": 0.20, "ff": 0.20, "ba": 0.20, "ey": 0.20, "ls": 0.20, "va": 0.20,
		"um": 0.20, "pp": 0.19, "ua": 0.19, "up": 0.19, "lu": 0.19, "go": 0.19, "ht": 0.19,
		"ru": 0.19, "ug": 0.19, "ds": 0.18, "lt": 0.18, "pi": 0.18, "rc": 0.18, "rr": 0.18,
		"eg": 0.18, "au": 0.17, "ck": 0.17, "ew": 0.17, "mu": 0.17, "br": 0.17, "bi": 0.16,
		"pt": 0.16, "ak": 0.16, "pu": 0.16, "ui": 0.16, "rg": 0.15, "ib": 0.15, "tl": 0.15,
		"ny": 0.15, "ki": 0.15, "rk": 0.15, "ys": 0.15, "ob": 0.15, "mm": 0.15, "fu": 0.14,
		"ph": 0.14, "og": 0.14, "ms": 0.14, "ye": 0.14, "ud": 0.14, "mb": 0.14, "ip": 0.14,
		"ub": 0.14, "oi": 0.14, "rl": 0.13, "gu": 0.13, "dr": 0.13, "hr": 0.13, "cc": 0.13,
		"tw": 0.13, "ft": 0.12, "wn": 0.12, "nu": 0.12, "af": 0.12, "hu": 0.12, "nn": 0.12,
		"eo": 0.12, "vo": 0.12, "rv": 0.12, "nf": 0.11, "xp": 0.11, "gn": 0.11, "sm": 0.11,
		"fl": 0.11, "iz": 0.11, "ok": 0.11, "nl": 0.10, "my": 0.10, "gl": 0.10, "aw": 0.10,
		"ju": 0.10, "oa": 0.10, "eq": 0.10, "sy": 0.10, "sl": 0.10, "ps": 0.10, "jo": 0.10,
	}
})

// letterBytes is the share of bytes that are letters; spaceShare that of
// spaces.
const (
	letterBytes = 0.8
	spaceShare  = 0.17
)

// byteFreq estimates c's share of prose bytes, counting both cases of a
// letter unless exact.
func byteFreq(c byte, exact bool) float64 {
	switch {
	case isLetter(c):
		f := letterShare[c|0x20-'a'] / 100 * letterBytes
		if exact && c < 'a' {
			return f * 0.05 // capitals start sentences and names
		}
		if exact {
			return f * 0.95
		}
		return f
	case c == ' ':
		return spaceShare
	case c == '.' || c == ',':
		return 0.01
	case c == '\n' || c == '\r' || c == '\'' || c == '-':
		return 0.005
	case c >= '0' && c <= '9':
		return 0.002
	case c >= 0xC0:
		return 0.0005 // a lead byte: a non-ASCII sign
	case c >= 0x80:
		return 0.001
	}
	return 0.0005 // other punctuation: ( & < [ …
}

// pairFreq estimates the share of prose bytes that start the pair ab.
func pairFreq(a, b byte, exact bool) float64 {
	pairs := commonPairs()
	if l := strings.ToLower(string([]byte{a, b})); pairs[l] > 0 {
		f := pairs[l] / 100 * letterBytes
		if exact && (a < 'a' || b < 'a') {
			f *= 0.05
		}
		return f
	}
	// Pairs of letters outside the list are rarer than the last in it, far
	// rarer than their letters' shares make them.
	fa, fb := byteFreq(a, exact), byteFreq(b, exact)
	switch {
	case a == ' ' && isLetter(b):
		return initialShare[b|0x20-'a'] / 100 / wordLength * fb / byteFreq(b|0x20, false)
	case isLetter(a) && b == ' ':
		return finalShare[a|0x20-'a'] / 100 / wordLength * fa / byteFreq(a|0x20, false)
	case a == ' ' || b == ' ':
		return min(fa, fb) * spaceShare
	case isLetter(a) && isLetter(b):
		return min(fa*fb, 0.001) / 4
	}
	return fa * fb
}

func isLetter(c byte) bool {
	return c|0x20 >= 'a' && c|0x20 <= 'z'
}
