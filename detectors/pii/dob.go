package pii

import (
	"fmt"

	"github.com/consignhq/consign/detectors"
)

// DOBName names the date-of-birth detector.
const DOBName = "pii/dob"

// maxDateLen bounds a written date: "14 de septiembre de 1985" and longer.
const maxDateLen = 40

// Birth cues, in English, French, German, Spanish, Italian, Portuguese
// and Dutch. Labels ("DOB", "date of birth") head a date up to cueBefore
// bytes away, as forms lay them out; verbs ("born", "née") must stand
// closer, in the date's clause: "Born and raised in Ohio, I graduated on
// May 5, 2010" gives no birth date.
var (
	birthLabels = newCueIndex(cueSet{
		"birth*", "dob", "d.o.b", "bday", "b-day", "naissance", "geburts*",
		"nacimiento", "cumpleaños", "nascita", "compleanno", "nascimento",
		"geboorte*", "verjaardag",
	})
	birthVerbs = newCueIndex(cueSet{
		"born", "b.", "né", "née", "né(e)", "geboren", "geb.",
		"nacido", "nacida", "nací", "nació", "nato il", "nata il", "nato a", "nata a",
		"nascido", "nascida", "nasci", "nasceu",
	})
)

// verbBefore is how far before a date a birth verb may stand.
const verbBefore = 24

// birthCueNear reports a birth cue around the date b[s:e].
func birthCueNear(b []byte, s, e int) bool {
	return birthLabels.near(b, s, e, cueBefore) || birthVerbs.near(b, s, e, verbBefore)
}

// cueIndex is a cueSet indexed by first letter, for cue lists checked
// around many candidates: only word starts whose first letter begins a
// cue are compared.
type cueIndex [256]cueSet

func newCueIndex(cs cueSet) *cueIndex {
	var ix cueIndex
	for _, c := range cs {
		ix[c[0]] = append(ix[c[0]], c)
	}
	return &ix
}

// near is cueSet.near with a window of before bytes before the value,
// except that a cue after the value must stand in its sentence: "... le 12 mars. Née le ..." is no birth on 12 March.
func (ix *cueIndex) near(b []byte, s, e, before int) bool {
	lo := max(0, s-before)
	hi := min(len(b), e+cueAfter)
	for k := e; k < hi; k++ {
		if b[k] == '\n' || (b[k] == '.' && (k+1 == len(b) || b[k+1] == ' ')) {
			hi = k
			break
		}
	}
	return ix.in(b[lo:s]) || ix.in(b[e:hi])
}

func (ix *cueIndex) in(w []byte) bool {
	for i := range w {
		if i > 0 && isLetter(w[i-1]) {
			continue
		}
		for _, c := range ix[toLower(w[i])] {
			if cueAt(w, i, c) {
				return true
			}
		}
	}
	return false
}

// cueAt reports whether the cue word c (see cueSet) stands at w[i].
func cueAt(w []byte, i int, c string) bool {
	prefix := c[len(c)-1] == '*'
	if prefix {
		c = c[:len(c)-1]
	}
	end := i + len(c)
	if end > len(w) || !foldEqual(w[i:end], c) {
		return false
	}
	return prefix || end == len(w) || !isLetter(w[end])
}

// DOB finds dates of birth: a date near a birth cue ("born", "DOB",
// "date of birth", "né le", "geboren am", "nacido el", "nata il", "data
// di nascita"...): a label at most 48 bytes before the date, a verb at
// most 24, or either 24 bytes after it in the same sentence. Dates are
// ISO (1985-03-14, 19850314, 1985-03-14T08:30), numeric with one
// separator repeated (14/03/1985, 03-14-85, 14.03.1985, 14-Mar-1985), or
// written with a month name in English, French, German, Spanish, Italian,
// Portuguese or Dutch ("March 14, 1985", "14th of March 1985", "14. März 1985", "14
// de marzo de 1985", "le 3 mai 1990"); a day and month without a year
// count too ("birthday: May 3"). A year alone does not. The span is the
// date; the value is the ISO date ("--03-14" without a year).
type DOB struct{ textOnly }

var _ detectors.TextDetector = (*DOB)(nil)

// NewDOB returns the date-of-birth detector.
func NewDOB(detectors.Config) detectors.Detector { return &DOB{} }

// Name implements detectors.Detector.
func (*DOB) Name() string { return DOBName }

// MaxLen implements detectors.TextDetector: the date and the cue around it.
func (*DOB) MaxLen() int { return maxDateLen + cueBefore + cueAfter }

// Find implements detectors.TextDetector. Every date holds a digit, so it
// looks only at digit runs, and for a cue only around a valid date.
func (*DOB) Find(item *detectors.Item, chunk []byte) []detectors.Match {
	dg := digitsOf(item, chunk)
	var out []detectors.Match
	for i := dg.next(0); i < len(chunk); i = dg.next(i) {
		if i > 0 && (isAlnum(chunk[i-1]) || (i > 1 && isDigit(chunk[i-2]) && (chunk[i-1] == '/' || chunk[i-1] == '.' || chunk[i-1] == '-'))) {
			i = digitsEnd(chunk, i)
			continue
		}
		d, s, e, ok := dateAt(chunk, i)
		if ok && e-s <= maxDateLen && (!alnumAt(chunk, e) || timeFollows(chunk, e)) && birthCueNear(chunk, s, e) {
			value := fmt.Sprintf("--%02d-%02d", d.month, d.day)
			if d.year != 0 {
				value = fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day)
			}
			out = append(out, detectors.Match{
				Start: s, End: e, Value: value,
				Kind: "date_of_birth", Severity: detectors.SeverityHigh, Confidence: 0.85,
			})
			i = e
			continue
		}
		i = digitsEnd(chunk, i)
	}
	return out
}

// timeFollows reports an ISO time glued to a date: "1985-03-14T08:30".
func timeFollows(b []byte, e int) bool {
	return e+1 < len(b) && b[e] == 'T' && isDigit(b[e+1])
}

// dateAt reads a date whose first digit run starts at p; s may lie before
// p when a month name leads ("March 14, 1985").
func dateAt(b []byte, p int) (d civilDate, s, e int, ok bool) {
	n1, e1 := readInt(b, p, 4)
	if e1 < len(b) && isDigit(b[e1]) {
		// vCard's basic ISO form: "BDAY:19850314".
		if v, e8 := readInt(b, p, 8); e8-p == 8 && !(e8 < len(b) && isDigit(b[e8])) {
			d = civilDate{year: v / 10000, month: v / 100 % 100, day: v % 100}
			return d, p, e8, d.valid()
		}
		return d, 0, 0, false
	}
	if e1-p == 4 {
		return isoDate(b, p, n1, e1)
	}
	if e1-p > 2 {
		return d, 0, 0, false
	}
	if e1+1 < len(b) && (b[e1] == '/' || b[e1] == '.' || b[e1] == '-') && isDigit(b[e1+1]) {
		return numericDate(b, p, n1, e1)
	}
	if d, e, ok := dashedMonthDate(b, n1, e1); ok {
		return d, p, e, true
	}
	j := ordinalEnd(b, e1)
	k := j
	if k < len(b) && b[k] == '.' {
		k++
	}
	if m, me := monthAt(b, skipFiller(b, k)); m != 0 && me > k {
		d = civilDate{month: m, day: n1}
		e = me
		y := me
		if y < len(b) && b[y] == '.' {
			y++
		}
		y = skipFiller(b, y)
		if year, ye := readInt(b, y, 4); ye-y == 4 && !alnumAt(b, ye) {
			d.year, e = year, ye
		}
		return d, p, e, d.valid()
	}
	if m, ms := monthBefore(b, p); m != 0 {
		d = civilDate{month: m, day: n1}
		e = j
		y := j
		for y < len(b) && (b[y] == ' ' || b[y] == ',') {
			y++
		}
		if year, ye := readInt(b, y, 4); ye-y == 4 && !alnumAt(b, ye) {
			d.year, e = year, ye
		}
		return d, ms, e, d.valid()
	}
	return d, 0, 0, false
}

// dashedMonthDate reads the rest of 14-Mar-1985 or 14-mar-85.
func dashedMonthDate(b []byte, day, e1 int) (civilDate, int, bool) {
	if e1+1 >= len(b) || b[e1] != '-' {
		return civilDate{}, 0, false
	}
	m, me := monthAt(b, e1+1)
	if m == 0 || me >= len(b) || b[me] != '-' {
		return civilDate{}, 0, false
	}
	y, ye := readInt(b, me+1, 4)
	switch ye - me - 1 {
	case 2:
		y += 1900
		if y < 1930 {
			y += 100
		}
	case 4:
	default:
		return civilDate{}, 0, false
	}
	d := civilDate{year: y, month: m, day: day}
	return d, ye, d.valid() && !alnumAt(b, ye)
}

// isoDate reads the rest of 1985-03-14 (also with '/' or '.').
func isoDate(b []byte, p, year, e1 int) (civilDate, int, int, bool) {
	if e1+1 >= len(b) || (b[e1] != '-' && b[e1] != '/' && b[e1] != '.') {
		return civilDate{}, 0, 0, false
	}
	sep := b[e1]
	m, e2 := readInt(b, e1+1, 2)
	if e2 == e1+1 || e2 >= len(b) || b[e2] != sep {
		return civilDate{}, 0, 0, false
	}
	day, e3 := readInt(b, e2+1, 2)
	if e3 == e2+1 || (e3 < len(b) && isDigit(b[e3])) {
		return civilDate{}, 0, 0, false
	}
	d := civilDate{year: year, month: m, day: day}
	return d, p, e3, d.valid()
}

// numericDate reads the rest of 14/03/1985, 03-14-85 or 14.03.1985: day
// first unless only month first is valid, or the separator is '/' and
// both orders are (the US habit).
func numericDate(b []byte, p, n1, e1 int) (civilDate, int, int, bool) {
	sep := b[e1]
	n2, e2 := readInt(b, e1+1, 2)
	if e2 >= len(b) || b[e2] != sep || e2+1 >= len(b) {
		return civilDate{}, 0, 0, false
	}
	y, e3 := readInt(b, e2+1, 4)
	if l := e3 - e2 - 1; (l != 2 && l != 4) || (e3 < len(b) && isDigit(b[e3])) {
		return civilDate{}, 0, 0, false
	}
	if e3-e2-1 == 2 {
		y += 1900
		if y < 1930 {
			y += 100
		}
	}
	dmy := civilDate{year: y, month: n2, day: n1}
	mdy := civilDate{year: y, month: n1, day: n2}
	switch {
	case dmy.valid() && mdy.valid() && sep == '/':
		return mdy, p, e3, true
	case dmy.valid():
		return dmy, p, e3, true
	default:
		return mdy, p, e3, mdy.valid()
	}
}

// ordinalEnd moves past an ordinal suffix after a day: "1st", "2nd",
// "3rd", "4th", "1er", "1º".
func ordinalEnd(b []byte, i int) int {
	if i+1 < len(b) && isLower(b[i]) && isLower(b[i+1]) && (i+2 >= len(b) || !isLetter(b[i+2])) {
		switch string(b[i : i+2]) {
		case "st", "nd", "rd", "th", "er":
			return i + 2
		}
	}
	if i+1 < len(b) && b[i] == 0xC2 && (b[i+1] == 0xBA || b[i+1] == 0xB0 || b[i+1] == 0xAA) {
		return i + 2
	}
	return i
}
