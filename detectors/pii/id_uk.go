package pii

import "github.com/consignhq/consign/detectors"

// ninoCues are words that name a UK National Insurance number.
var ninoCues = cueSet{"national insurance", "nino", "ni number", "ni no", "nin"}

// ninoBadPrefixes are prefixes HMRC never allocates.
var ninoBadPrefixes = map[string]bool{"BG": true, "GB": true, "KN": true, "NK": true, "NT": true, "TN": true, "ZZ": true}

// findNINO finds UK National Insurance numbers: two prefix letters, six
// digits (maybe in pairs) and a suffix A-D, as in "AB 12 34 56 C". There is
// no check digit, so the letters must follow HMRC's rules: the first is not
// D, F, I, Q, U or V, the second not D, F, I, O, Q, U or V, and the pair is
// not one of the unallocated prefixes. Without the suffix, or in lower
// case, a word naming the number must be near.
func findNINO(sc *idScan, kind string, out []detectors.Match) []detectors.Match {
	b, i, r := sc.b, sc.i, &sc.run
	p := i
	if p > 0 && b[p-1] == ' ' {
		p--
	}
	if p < 2 || !isLetter(b[p-1]) || !isLetter(b[p-2]) || p > 2 && wordRuneBefore(b, p-2) {
		return out
	}
	s := p - 2
	end := 0
	switch {
	case r.span[0][1]-r.span[0][0] == 6:
		end = r.span[0][1]
	case r.n >= 3 && r.sep[0] == ' ' && r.sep[1] == ' ' && r.span[0][1]-r.span[0][0] == 2 &&
		r.span[1][1]-r.span[1][0] == 2 && r.span[2][1]-r.span[2][0] == 2:
		end = r.span[2][1]
	default:
		return out
	}
	e := end
	j := end
	if j < len(b) && b[j] == ' ' {
		j++
	}
	var suffix byte
	if j < len(b) && isLetter(b[j]) && (j+1 == len(b) || !wordRuneAt(b, j+1)) {
		suffix, e = b[j], j+1
	} else if !rightClean(b, end) || j < len(b) && isDigit(b[j]) {
		return out
	}
	prefix := string([]byte{toUpper(b[s]), toUpper(b[s+1])})
	if !ninoLetters(prefix) || suffix != 0 && (toUpper(suffix) < 'A' || toUpper(suffix) > 'D') {
		return out
	}
	upper := isUpper(b[s]) && isUpper(b[s+1]) && (suffix == 0 || isUpper(suffix))
	lower := isLower(b[s]) && isLower(b[s+1]) && (suffix == 0 || isLower(suffix))
	if !upper && !lower {
		return out
	}
	conf, ok := cueConfidence(b, s, e, ninoCues, suffix == 0 || lower, 0.75)
	if !ok {
		return out
	}
	v := append([]byte(prefix), r.digits(sc.buf[:0], b, 0, 1+2*boolInt(end != r.span[0][1]))...)
	if suffix != 0 {
		v = append(v, toUpper(suffix))
	}
	return append(out, idMatch(s, e, string(v), kind, conf))
}

// ninoLetters applies HMRC's rules to an upper-case prefix.
func ninoLetters(p string) bool {
	return !containsByte("DFIQUV", p[0]) && !containsByte("DFIOQUV", p[1]) && !ninoBadPrefixes[p]
}

func boolInt(v bool) int {
	if v {
		return 1
	}
	return 0
}
