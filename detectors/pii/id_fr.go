package pii

import "github.com/consignhq/consign/detectors"

// nirCues are words that name a French social security number.
var nirCues = cueSet{"sécurité sociale", "securite sociale", "sécu", "nir", "insee", "carte vitale", "social security", "ssn"}

// nirLayouts are the ways a NIR is written: run together, with its key
// apart, or in the grouping of the carte Vitale ("1 85 05 78 006 084 36").
var nirLayouts = [][]int{{15}, {13, 2}, {1, 2, 2, 2, 3, 3, 2}}

// findNIR finds French NIR numbers (numéro de sécurité sociale): sex,
// year, month, département (2A and 2B for Corsica), commune, order, and a
// key equal to 97 minus the first thirteen digits modulo 97, with 2A read
// as 19 and 2B as 18. Sex digits 3, 4, 7 and 8 (provisional numbers) need
// a word naming the number.
func findNIR(sc *idScan, kind string, out []detectors.Match) []detectors.Match {
	b, i := sc.b, sc.i
	if c := b[i]; c != '1' && c != '2' && c != '3' && c != '4' && c != '7' && c != '8' || !leftClean(b, i) {
		return out
	}
	var v [15]byte
	var lens [8]int
	n, groups, sep := 0, 0, byte(0)
	j := i
	for n < len(v) {
		c := toUpper(b[j])
		if !isDigit(c) && !(n == 6 && (c == 'A' || c == 'B') && v[5] == '2') {
			return out
		}
		v[n] = c
		n++
		lens[groups]++
		j++
		if n == len(v) || j >= len(b) {
			break
		}
		if s, w := sepAt(b, j); w > 0 && (sep == 0 || s == sep) && groups < len(lens)-1 && j+w < len(b) && isAlnum(b[j+w]) {
			sep = s
			groups++
			j += w
		}
	}
	if n != len(v) || !rightClean(b, j) || !nirLayout(lens[:groups+1]) {
		return out
	}
	if s, w := sepAt(b, j); w > 0 && s == sep && j+w < len(b) && isDigit(b[j+w]) {
		return out
	}
	if !nirValid(&v) {
		return out
	}
	conf := 0.9
	if groups == 0 {
		conf = 0.7
	}
	conf, ok := cueConfidence(b, i, j, nirCues, v[0] != '1' && v[0] != '2', conf)
	if !ok {
		return out
	}
	return append(out, idMatch(i, j, string(v[:]), kind, conf))
}

func nirLayout(lens []int) bool {
	for _, l := range nirLayouts {
		if len(l) != len(lens) {
			continue
		}
		same := true
		for k := range l {
			same = same && l[k] == lens[k]
		}
		if same {
			return true
		}
	}
	return false
}

// nirValid checks the month, the département and the key of an
// upper-case NIR.
func nirValid(v *[15]byte) bool {
	month := int(v[3]-'0')*10 + int(v[4]-'0')
	if month < 1 || month > 12 && month < 20 {
		return false
	}
	if v[5] == '0' && v[6] == '0' {
		return false
	}
	var num [13]byte
	copy(num[:], v[:13])
	switch v[6] {
	case 'A':
		num[5], num[6] = '1', '9'
	case 'B':
		num[5], num[6] = '1', '8'
	}
	key := int(v[13]-'0')*10 + int(v[14]-'0')
	return key == 97-mod97(num[:])
}
