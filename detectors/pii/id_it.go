package pii

import "github.com/consignhq/consign/detectors"

// Italian codice fiscale tables. Omocodia replaces digits with these
// letters when two people would share a code.
const (
	cfOmocodes = "LMNPQRSTUV"
	cfMonths   = "ABCDEHLMPRST"
)

// cfOdd is the value of each character (digits 0-9, then A-Z) at an odd
// position (1st, 3rd, ...) of a codice fiscale.
var cfOdd = [36]int{
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21,
	1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
}

// findFiscalCode finds Italian codici fiscali: six letters of the name,
// the birth year, month letter and day (women add 40), the place code and
// a check letter, as in "RSSMRA85T10A562S". The token holding the digit run
// must be exactly sixteen characters of one case.
func findFiscalCode(sc *idScan, kind string, out []detectors.Match) []detectors.Match {
	b := sc.b
	s, e := tokenBounds(b, sc.i)
	if e-s != 16 || s > 0 && wordRuneBefore(b, s) || e < len(b) && wordRuneAt(b, e) {
		return out
	}
	var cf [16]byte
	upper, lower := true, true
	for j := range cf {
		c := b[s+j]
		upper = upper && !isLower(c)
		lower = lower && !isUpper(c)
		cf[j] = toUpper(c)
	}
	if !upper && !lower || !fiscalCodeValid(&cf) {
		return out
	}
	return append(out, idMatch(s, e, string(cf[:]), kind, 0.95))
}

// fiscalCodeValid checks the layout of an upper-case codice fiscale and
// its check letter.
func fiscalCodeValid(cf *[16]byte) bool {
	for _, j := range []int{0, 1, 2, 3, 4, 5, 8, 11, 15} {
		if !isUpper(cf[j]) {
			return false
		}
	}
	var day int
	for _, j := range []int{6, 7, 9, 10, 12, 13, 14} {
		c := cf[j]
		if !isDigit(c) {
			k := indexByte(cfOmocodes, c)
			if k < 0 {
				return false
			}
			c = byte('0' + k)
		}
		if j == 9 || j == 10 {
			day = day*10 + int(c-'0')
		}
	}
	if indexByte(cfMonths, cf[8]) < 0 || day < 1 || day > 71 || day > 31 && day < 41 {
		return false
	}
	sum := 0
	for j, c := range cf[:15] {
		v := int(c - '0')
		if isUpper(c) {
			v = int(c-'A') + 10
		}
		switch {
		case j%2 == 0:
			sum += cfOdd[v]
		case v < 10:
			sum += v
		default:
			sum += v - 10
		}
	}
	return cf[15] == byte('A'+sum%26)
}

func indexByte(s string, c byte) int {
	for i := range len(s) {
		if s[i] == c {
			return i
		}
	}
	return -1
}
