package pii

import "github.com/consignhq/consign/detectors"

// dniLetters maps a DNI or NIE number modulo 23 to its control letter.
const dniLetters = "TRWAGMYFPDXBNJZSQVHLCKE"

// dniCues are words that name a Spanish identity or foreigner number.
var dniCues = cueSet{"dni", "nif", "nie", "documento nacional", "identidad", "extranjero"}

// findDNI finds Spanish DNI numbers: eight digits (maybe "12.345.678") and
// the control letter, as in "12345678Z" or "12.345.678-Z".
func findDNI(sc *idScan, kind string, out []detectors.Match) []detectors.Match {
	b, i, r := sc.b, sc.i, &sc.run
	if !leftClean(b, i) {
		return out
	}
	groups := 0
	switch {
	case r.span[0][1]-i == 8:
		groups = 1
	case r.n >= 3 && r.sep[0] == '.' && r.sep[1] == '.' && r.span[0][1]-i == 2 &&
		r.span[1][1]-r.span[1][0] == 3 && r.span[2][1]-r.span[2][0] == 3:
		groups = 3
	default:
		return out
	}
	d := r.digits(sc.buf[:0], b, 0, groups)
	end := r.span[groups-1][1]
	return controlLetter(sc, kind, out, i, end, d, d)
}

// findNIE finds Spanish NIE numbers: X, Y or Z, seven digits and the
// control letter, as in "X1234567L" or "X-1234567-L".
func findNIE(sc *idScan, kind string, out []detectors.Match) []detectors.Match {
	b, i, r := sc.b, sc.i, &sc.run
	p := i
	if p > 0 && b[p-1] == '-' {
		p--
	}
	if p < 1 || r.span[0][1]-i != 7 {
		return out
	}
	lead := toUpper(b[p-1])
	if lead != 'X' && lead != 'Y' && lead != 'Z' || !leftClean(b, p-1) {
		return out
	}
	num := append(sc.buf[:0], '0'+lead-'X')
	num = append(num, b[i:r.span[0][1]]...)
	value := append([]byte{lead}, b[i:r.span[0][1]]...)
	if isLower(b[p-1]) && !dniCues.near(b, p-1, r.span[0][1]) {
		return out
	}
	return controlLetter(sc, kind, out, p-1, r.span[0][1], num, value)
}

// controlLetter checks the letter after a DNI or NIE whose digits end at
// end, and reports the match. num is the number the letter is computed
// from, value the normalized value without the letter.
func controlLetter(sc *idScan, kind string, out []detectors.Match, s, end int, num, value []byte) []detectors.Match {
	b := sc.b
	j := end
	sep := j < len(b) && (b[j] == '-' || b[j] == ' ')
	if sep {
		j++
	}
	if j >= len(b) || !isLetter(b[j]) || !rightClean(b, j+1) {
		return out
	}
	letter := b[j]
	want := dniLetters[mod23(num)]
	if toUpper(letter) != want {
		return out
	}
	conf := 0.85
	if sep {
		conf = 0.7
	}
	conf, ok := cueConfidence(b, s, j+1, dniCues, isLower(letter), conf)
	if !ok {
		return out
	}
	v := append(append([]byte(nil), value...), want)
	return append(out, idMatch(s, j+1, string(v), kind, conf))
}

func mod23(d []byte) int {
	r := 0
	for _, c := range d {
		r = (r*10 + int(c-'0')) % 23
	}
	return r
}
