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
	"email":     sureEmail,
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

// sureEmail accepts a subset of what the library's "email" check
// accepts, by its own rules: an unquoted local part of the characters it
// allows, and a host name for the domain. A quoted local part or an
// address literal ("[192.0.2.1]") is left to the library. A consign.yaml
// names the creator's addresses: without this check, loading one compiled
// the general validator, about 20 ms of every command's start.
func sureEmail(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if len(s) > 254 || at < 1 {
		return false
	}
	local, domain := s[:at], s[at+1:]
	if len(local) > 64 || local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return false
	}
	for i := range len(local) {
		c := local[i]
		if !asciiAlnum(c) && strings.IndexByte(".!#$%&'*+-/=?^_`{|}~", c) < 0 {
			return false
		}
	}
	return sureHostname(domain)
}

// sureHostname is the library's check of a host name: at most 253
// characters without a final dot, labels of 1 to 63 letters, digits and
// inner hyphens.
func sureHostname(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if len(s) > 253 {
		return false
	}
	for label := range strings.SplitSeq(s, ".") {
		if len(label) < 1 || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for i := range len(label) {
			if c := label[i]; !asciiAlnum(c) && c != '-' {
				return false
			}
		}
	}
	return true
}

// asciiAlnum says whether c is an ASCII letter or digit.
func asciiAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// sureURI accepts a subset of what the library's "uri" check accepts: an
// absolute URL net/url parses, whose host is not an IPv6 address (which
// the library checks further).
func sureURI(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.IsAbs() && !strings.Contains(u.Hostname(), ":")
}
