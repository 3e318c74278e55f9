package extract

import (
	"strings"
	"time"
)

// Text dates come from people and static-site generators, so one field may
// hold any of a dozen spellings. The layouts are tried in order; the first
// that consumes the whole value wins.
var (
	zonedLayouts = []string{
		time.RFC3339Nano,
		"2006-01-02T15:04Z07:00",
		"2006-01-02 15:04:05 -0700",
		"2006-01-02 15:04:05 -07:00",
		"2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04:05.999999999 -0700",
		"2006-01-02 15:04 -0700",
		"2006-01-02T15:04:05-0700",
		"2006-01-02T15:04:05.999999999-0700",
		"2006-01-02 15:04:05 -0700 MST",
		time.RFC1123Z,
		"Mon, 2 Jan 2006 15:04:05 -0700",
		"2 Jan 2006 15:04:05 -0700",
		"Mon, 02 Jan 2006 15:04:05 GMT",
		"Mon, 2 Jan 2006 15:04:05 GMT",
		"2006-01-02 15:04:05 UTC",
	}
	localLayouts = []string{
		"2006-01-02T15:04:05.999999999",
		"2006-01-02 15:04:05.999999999",
		"2006-01-02T15:04",
		"2006-01-02 15:04",
		"2006/01/02 15:04:05",
		"2006/01/02 15:04",
		"January 2, 2006 15:04",
		"January 2, 2006 3:04 PM",
	}
	dayLayouts = []string{
		"2006-01-02",
		"2006/01/02",
		"2006-1-2",
		"January 2, 2006",
		"January 2 2006",
		"Jan 2, 2006",
		"Jan 2 2006",
		"Jan. 2, 2006",
		"2 January 2006",
		"2 Jan 2006",
		"Monday, January 2, 2006",
		"Mon, Jan 2, 2006",
		"20060102",
	}
)

// maxDateLen bounds what is handed to the layouts: a date is short.
const maxDateLen = 64

// parseTextDate reads a date the way front matter, YAML data files and
// HTML meta tags write it. Only the time, zone and precision are set; the
// caller names the source and rank.
func parseTextDate(s string) (Date, bool) {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), `"'`))
	if s == "" || len(s) > maxDateLen {
		return Date{}, false
	}
	for _, l := range zonedLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return Date{Time: t, HasZone: true}, true
		}
	}
	for _, l := range localLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return Date{Time: t}, true
		}
	}
	for _, l := range dayLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return Date{Time: t, DateOnly: true}, true
		}
	}
	return Date{}, false
}
