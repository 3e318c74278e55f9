package extract

import (
	"strconv"
	"strings"
	"time"
)

// parseTagDate reads the loose ISO 8601 subset that audio and video tags
// use for dates (ID3v2.4 TDRC, Vorbis DATE, MP4 ©day, RIFF ICRD): "2023",
// "2023-07", "2023-07-14", "2023-07-14T15:32", "2023-07-14T15:32:10" and the
// same with "Z" or a "+02:00" offset; a space may stand for the "T".
//
// A year alone becomes January 1 of that year and a month alone the 1st of
// that month, both with DateOnly set: the record then shows a bare day, and
// the source name (id3:TYER, vorbis:DATE) tells a reader the tag held less.
func parseTagDate(s, source string, rank int) (Date, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 4 {
		return Date{}, false
	}
	d := Date{Source: source, Rank: rank}
	switch {
	case len(s) == 4:
		y, ok := atoiRange(s, 1, 9999)
		if !ok {
			return Date{}, false
		}
		d.Time = time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC)
		d.DateOnly = true
		return d, true
	case len(s) == 7:
		t, err := time.Parse("2006-01", s)
		if err != nil {
			return Date{}, false
		}
		d.Time, d.DateOnly = t, true
		return d, true
	case len(s) == 10:
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return Date{}, false
		}
		d.Time, d.DateOnly = t, true
		return d, true
	}
	s = strings.Replace(s, " ", "T", 1)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05-0700", "2006-01-02T15:04-0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			d.Time, d.HasZone = t, true
			return d, true
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02T15", "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			d.Time = t
			return d, true
		}
	}
	return Date{}, false
}

// id3v23Date joins the ID3v2.3 TYER (yyyy) with TDAT (DDMM) and TIME (HHMM)
// when they are present and well formed; a year alone is DateOnly as in
// parseTagDate.
func id3v23Date(year, ddmm, hhmm, source string) (Date, bool) {
	y, ok := atoiRange(strings.TrimSpace(year), 1, 9999)
	if !ok || len(strings.TrimSpace(year)) != 4 {
		return Date{}, false
	}
	d := Date{Time: time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC), DateOnly: true, Source: source, Rank: RankEmbedded}
	ddmm = strings.TrimSpace(ddmm)
	if len(ddmm) != 4 {
		return d, true
	}
	day, okD := atoiRange(ddmm[:2], 1, 31)
	mon, okM := atoiRange(ddmm[2:], 1, 12)
	if !okD || !okM {
		return d, true
	}
	d.Time = time.Date(y, time.Month(mon), day, 0, 0, 0, 0, time.UTC)
	if d.Time.Day() != day {
		return Date{Time: time.Date(y, time.January, 1, 0, 0, 0, 0, time.UTC), DateOnly: true, Source: source, Rank: RankEmbedded}, true
	}
	hhmm = strings.TrimSpace(hhmm)
	if len(hhmm) != 4 {
		return d, true
	}
	hh, okH := atoiRange(hhmm[:2], 0, 23)
	mm, okMin := atoiRange(hhmm[2:], 0, 59)
	if okH && okMin {
		d.Time = time.Date(y, time.Month(mon), day, hh, mm, 0, 0, time.UTC)
		d.DateOnly = false
	}
	return d, true
}

// atoiRange parses a run of ASCII digits within [lo, hi].
func atoiRange(s string, lo, hi int) (int, bool) {
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, false
	}
	return n, true
}

// formatSeconds renders a duration tag: seconds with three decimals.
func formatSeconds(sec float64) string {
	return strconv.FormatFloat(sec, 'f', 3, 64)
}
