package pii

import "unicode/utf8"

// monthWords maps month names and their usual abbreviations in English,
// French, German, Spanish, Italian, Portuguese and Dutch (lower case) to
// the month number.
var monthWords = func() map[string]int {
	m := make(map[string]int)
	for i, names := range [12]string{
		"january jan janvier januar jänner janner enero gennaio janeiro januari",
		"february feb febr février fevrier févr fevr februar febrero febbraio fevereiro februari",
		"march mar mars märz maerz marzo março maart",
		"april apr avril avr abril aprile",
		"may mai mayo maggio maio mei",
		"june jun juin juni junio giugno junho",
		"july jul juillet juil juli julio luglio julho",
		"august aug août aout agosto augustus",
		"september sep sept septembre septiembre setiembre settembre setembro",
		"october oct octobre oktober okt octubre ottobre ott outubro",
		"november nov novembre noviembre novembro",
		"december dec décembre decembre déc dezember dez diciembre dic dicembre dezembro",
	} {
		for _, w := range splitWords(names) {
			m[w] = i + 1
		}
	}
	return m
}()

func splitWords(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			if start >= 0 {
				out = append(out, s[start:i])
			}
			start = -1
		} else if start < 0 {
			start = i
		}
	}
	return out
}

// civilDate is a parsed calendar date; year is 0 when the text gives none.
type civilDate struct{ year, month, day int }

func (d civilDate) valid() bool {
	if d.month < 1 || d.month > 12 || d.day < 1 {
		return false
	}
	days := [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	return d.day <= days[d.month] && (d.year == 0 || (d.year >= 1880 && d.year <= 2100))
}

// monthAt reads a month name at i: its number and where it ends (after an
// abbreviation's dot). Names are compared lower-case.
func monthAt(b []byte, i int) (int, int) {
	e := i
	for e < len(b) && e-i < 12 && (isLetter(b[e]) || b[e] >= utf8.RuneSelf) {
		e++
	}
	if e == i || e-i >= 12 || (e < len(b) && isAlnum(b[e])) {
		return 0, i
	}
	var w lowWord
	w.set(b[i:e])
	m := monthWords[string(w.bytes())]
	if m == 0 {
		return 0, i
	}
	if e < len(b) && b[e] == '.' {
		e++
	}
	return m, e
}

// monthBefore reads a month name ending just before e, after spaces:
// "March 14". It returns the month and where its name starts.
func monthBefore(b []byte, e int) (int, int) {
	i := e
	for i > 0 && b[i-1] == ' ' {
		i--
	}
	if i == e || i == 0 {
		return 0, e
	}
	if b[i-1] == '.' {
		i--
	}
	s := i
	for s > 0 && i-s < 12 && (isLetter(b[s-1]) || b[s-1] >= utf8.RuneSelf) {
		s--
	}
	if s == i || (s > 0 && isAlnum(b[s-1])) {
		return 0, e
	}
	m, end := monthAt(b, s)
	if m == 0 || end < i {
		return 0, e
	}
	return m, s
}

// readInt reads up to max digits at i.
func readInt(b []byte, i, max int) (v, e int) {
	e = i
	for e < len(b) && e-i < max && isDigit(b[e]) {
		v = v*10 + int(b[e]-'0')
		e++
	}
	return v, e
}

// skipWords moves i over spaces and any of the given lower-case filler
// words ("of", "de", ","), as in "3rd of May" or "14 de marzo de 1985".
func skipFiller(b []byte, i int) int {
	for {
		j := i
		for j < len(b) && (b[j] == ' ' || b[j] == ',') {
			j++
		}
		switch {
		case hasWordAt(b, j, "of"), hasWordAt(b, j, "de"), hasWordAt(b, j, "del"):
			for j < len(b) && isLetter(b[j]) {
				j++
			}
		}
		if j == i {
			return i
		}
		i = j
	}
}

// hasWordAt reports the lower-case word w at i, standing alone.
func hasWordAt(b []byte, i int, w string) bool {
	if i+len(w) > len(b) || string(b[i:i+len(w)]) != w {
		return false
	}
	return i+len(w) == len(b) || !isLetter(b[i+len(w)])
}
