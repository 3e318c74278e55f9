package manifest

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// quickFormats are the formats the quick form checks itself. The general
// validator asserts formats (Compiler.AssertFormat), and a delegate for
// each date and URL of the content profile, the Croissant metadata and the
// DPS record made verify compile those schemas through the library, which
// first checks each against its metaschema: on a bundle of a few hundred
// files that was a third of verify's time.
var quickFormats = map[string]func(string) bool{
	"date":      sureDate,
	"date-time": sureDateTime,
	"uri":       sureURI,
}

// setFormat compiles the format keyword, for the formats quickFormats has.
func (q *quickSchema) setFormat(v any) error {
	name, ok := v.(string)
	if !ok || quickFormats[name] == nil {
		return fmt.Errorf("format %v", v)
	}
	q.format = quickFormats[name]
	return nil
}

// formatVerdict is quickValid for a string of the schema's format, or
// when it has none. A string the check does not accept is quickUnsure:
// the general validator decides and says why.
func (q *quickSchema) formatVerdict(s string) quickVerdict {
	if q.format == nil || q.format(s) {
		return quickValid
	}
	return quickUnsure
}

// sureDate accepts what the library's "date" check accepts (RFC 3339
// full-date, through time.Parse).
func sureDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// sureDateTime accepts a subset of what the library's "date-time" check
// accepts: its own rules for RFC 3339 date-time, less leap seconds.
func sureDateTime(s string) bool {
	if len(s) < 20 || s[10] != 't' && s[10] != 'T' || !sureDate(s[:10]) {
		return false
	}
	return sureTime(s[11:])
}

// sureTime is the library's check of an RFC 3339 full-time, refusing a
// second of 60 rather than working out whether it is a leap second.
func sureTime(s string) bool {
	if len(s) < 9 || s[2] != ':' || s[5] != ':' {
		return false
	}
	h, err1 := strconv.Atoi(s[0:2])
	m, err2 := strconv.Atoi(s[3:5])
	sec, err3 := strconv.Atoi(s[6:8])
	if err1 != nil || err2 != nil || err3 != nil || h < 0 || m < 0 || sec < 0 || h > 23 || m > 59 || sec > 59 {
		return false
	}
	s = s[8:]
	if rest, ok := strings.CutPrefix(s, "."); ok {
		n := 0
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 0 {
			return false
		}
		s = rest[n:]
	}
	if s == "z" || s == "Z" {
		return true
	}
	if len(s) != 6 || s[0] != '+' && s[0] != '-' || s[3] != ':' {
		return false
	}
	zh, err1 := strconv.Atoi(s[1:3])
	zm, err2 := strconv.Atoi(s[4:6])
	return err1 == nil && err2 == nil && zh >= 0 && zm >= 0 && zh <= 23 && zm <= 59
}

// sureURI accepts a subset of what the library's "uri" check accepts: an
// absolute URL net/url parses, whose host is not an IPv6 address (which
// the library checks further).
func sureURI(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.IsAbs() && !strings.Contains(u.Hostname(), ":")
}
