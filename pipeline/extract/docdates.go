package extract

import (
	"strings"
	"time"
)

// parseW3CDate reads the ISO 8601 profile (W3C-DTF) that OOXML, ODF and
// EPUB metadata use: a full timestamp with or without an offset and
// fraction, or a bare year, month or day.
func parseW3CDate(s string) (Date, bool) {
	s = strings.TrimSpace(s)
	zoned := []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00"}
	for _, layout := range zoned {
		if t, err := time.Parse(layout, s); err == nil {
			return Date{Time: t, HasZone: true}, true
		}
	}
	local := []string{"2006-01-02T15:04:05.999999999", "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05"}
	for _, layout := range local {
		if t, err := time.Parse(layout, s); err == nil {
			return Date{Time: t}, true
		}
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return Date{Time: t, DateOnly: true}, true
		}
	}
	return Date{}, false
}

// addW3CDate records a date candidate from a metadata value, if it parses.
func addW3CDate(res *Result, value, source string, rank int) {
	d, ok := parseW3CDate(value)
	if !ok {
		return
	}
	d.Source, d.Rank = source, rank
	res.AddDate(d)
}
