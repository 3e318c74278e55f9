package extract

import (
	"strings"
	"time"
)

// parsePDFDate reads a PDF date string (PDF 32000-1, 7.9.4):
// D:YYYYMMDDHHmmSSOHH'mm' where everything after the year is optional and
// O is +, - or Z. Writers disagree on the apostrophes, so both the
// standard form and "+0200" / "+02'00" are accepted.
func parsePDFDate(s string) (Date, bool) {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "D:")
	num := func(n int) (int, bool) {
		if len(s) < n {
			return 0, false
		}
		v := 0
		for i := range n {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int(c-'0')
		}
		s = s[n:]
		return v, true
	}
	yr, ok := num(4)
	if !ok {
		return Date{}, false
	}
	parts := []int{1, 1, 0, 0, 0} // month, day, hour, minute, second
	got := 0
	for i := range parts {
		v, ok := num(2)
		if !ok {
			break
		}
		parts[i] = v
		got++
	}
	mo, dy, hr, mi, sec := parts[0], parts[1], parts[2], parts[3], parts[4]
	if mo < 1 || mo > 12 || dy < 1 || dy > 31 || hr > 23 || mi > 59 || sec > 60 {
		return Date{}, false
	}
	loc, hasZone, ok := pdfDateZone(s)
	if !ok {
		return Date{}, false
	}
	if sec == 60 {
		sec = 59 // a leap second is not worth rejecting the date
	}
	t := time.Date(yr, time.Month(mo), dy, hr, mi, sec, 0, loc)
	if t.Day() != dy {
		return Date{}, false
	}
	return Date{Time: t, HasZone: hasZone && got > 2, DateOnly: got <= 2}, true
}

// pdfOffsetMarks drops the apostrophes and colons of a PDF date's offset
// ("+01'00'"): made once, as a Replacer builds its tables on first use.
var pdfOffsetMarks = strings.NewReplacer("'", "", ":", "")

// pdfDateZone reads the optional offset that follows the time.
func pdfDateZone(s string) (*time.Location, bool, bool) {
	if s == "" {
		return time.UTC, false, true
	}
	sign := 1
	switch s[0] {
	case 'Z', 'z':
		// "Z" may still be followed by 00'00'.
		return time.UTC, true, true
	case '+':
	case '-':
		sign = -1
	default:
		return nil, false, false
	}
	s = pdfOffsetMarks.Replace(s[1:])
	if len(s) != 2 && len(s) != 4 {
		if len(s) == 0 {
			return time.UTC, false, true
		}
		return nil, false, false
	}
	h, m := 0, 0
	for i, c := range s {
		if c < '0' || c > '9' {
			return nil, false, false
		}
		if i < 2 {
			h = h*10 + int(c-'0')
		} else {
			m = m*10 + int(c-'0')
		}
	}
	if h > 23 || m > 59 {
		return nil, false, false
	}
	off := sign * (h*3600 + m*60)
	return time.FixedZone("", off), true, true
}
