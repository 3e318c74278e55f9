package extract

import (
	"context"
	"path"
	"regexp"
	"strconv"
	"sync"
	"time"
)

// FilenameDate finds the date a camera, a phone or a blog engine wrote into
// a file's name: "2021-06-03-hello.md", "IMG_20210603_142210.jpg",
// "PXL_20210603_142210123.jpg", "Screenshot 2021-06-03 at 14.22.10.png".
// Only the base name is read: folders named by year say less about one file.
type FilenameDate struct{}

var _ Extractor = (*FilenameDate)(nil)

// NewFilenameDate returns the file-name date extractor.
func NewFilenameDate() *FilenameDate { return &FilenameDate{} }

// Name implements Extractor.
func (*FilenameDate) Name() string { return "filename" }

// Applies implements Extractor: every file has a name.
func (*FilenameDate) Applies(src *Source) bool { return true }

// Extract implements Extractor.
func (*FilenameDate) Extract(_ context.Context, src *Source, res *Result) error {
	if d, ok := dateFromFilename(src.Path); ok {
		res.AddDate(d)
	}
	return nil
}

// filenameDateRE matches a year, month and day, with one optional
// separator repeated between them, then an optional time of day. The
// surrounding non-digits keep it from matching inside longer numbers
// (phone numbers, Unix timestamps, serials). Go's regexp has no
// back-references, so the repeated separators are compared in code. It
// is compiled on first use: every consign command initialises this
// package, and most never read a file name.
var filenameDateRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(
		`(?:^|[^0-9])(\d{4})([-_.]?)(\d{2})([-_.]?)(\d{2})` +
			`(?:(?:[T_\- ]|[ _-]at[ _-])(\d{2})([.:\-_h]?)(\d{2})([.:\-_m]?)(\d{2})s?\d{0,3})?` +
			`(?:[^0-9]|$)`)
})

// Years outside this range in a name are far more often serial numbers.
const (
	minFilenameYear = 1990
	maxFilenameYear = 2100
)

// maxFilenameLen bounds the name handed to the regular expression.
const maxFilenameLen = 1024

func dateFromFilename(p string) (Date, bool) {
	base := path.Base(p)
	if len(base) > maxFilenameLen || countDigits(base) < 8 {
		return Date{}, false
	}
	// Matches consume their boundary characters, so the search restarts
	// one byte after each rejected match rather than after its end.
	for off, tries := 0, 0; off < len(base) && tries < 16; tries++ {
		loc := filenameDateRE().FindStringSubmatchIndex(base[off:])
		if loc == nil {
			break
		}
		m := make([]string, len(loc)/2)
		for i := range m {
			if loc[2*i] >= 0 {
				m[i] = base[off+loc[2*i] : off+loc[2*i+1]]
			}
		}
		if d, ok := filenameMatchDate(m); ok {
			return d, true
		}
		off += loc[2] + 1
	}
	return Date{}, false
}

func filenameMatchDate(m []string) (Date, bool) {
	year, month, day := atoi(m[1]), atoi(m[3]), atoi(m[5])
	if m[2] != m[4] || year < minFilenameYear || year > maxFilenameYear {
		return Date{}, false
	}
	if !validDay(year, month, day) {
		return Date{}, false
	}
	d := Date{Source: "filename", Rank: RankFileName}
	if m[6] != "" && m[7] == m[9] {
		h, mi, s := atoi(m[6]), atoi(m[8]), atoi(m[10])
		if h < 24 && mi < 60 && s < 60 {
			d.Time = time.Date(year, time.Month(month), day, h, mi, s, 0, time.UTC)
			return d, true
		}
	}
	d.Time = time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	d.DateOnly = true
	return d, true
}

// validDay rejects 2021-02-30 and 2021-13-01 rather than letting
// time.Date roll them over into another day.
func validDay(year, month, day int) bool {
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	return t.Day() == day
}

func countDigits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}
