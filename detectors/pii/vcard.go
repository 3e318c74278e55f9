package pii

import (
	"bytes"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// vcardProp is one property line of a vCard (RFC 6350, RFC 2426): its
// value runs from s to e, after the colon and up to the end of the line.
type vcardProp struct{ s, e int }

// vcardProps returns the lines of b that hold the property name (upper
// case), after an optional group ("item1.TEL"), with or without
// parameters ("TEL;TYPE=cell:"). A property names what its value is, so a
// value too short or too plain for the detectors' own shapes (a
// seven-digit local number, the components of an address) is still
// known for what it is.
func vcardProps(b []byte, name string) []vcardProp {
	var out []vcardProp
	for ls := 0; ls < len(b); {
		le := bytes.IndexByte(b[ls:], '\n')
		if le < 0 {
			le = len(b)
		} else {
			le += ls
		}
		if p, ok := vcardPropAt(b[:le], ls, name); ok {
			out = append(out, p)
		}
		ls = le + 1
	}
	return out
}

// vcardPropAt reads the property name at the line start ls of line (which
// ends where b does) and returns its value's span.
func vcardPropAt(b []byte, ls int, name string) (vcardProp, bool) {
	i := ls
	for i < len(b) && (isAlnum(b[i]) || b[i] == '-') && i-ls <= 16 {
		i++
	}
	if i < len(b) && b[i] == '.' && i > ls {
		ls = i + 1 // a group: "item1."
		i = ls
		for i < len(b) && (isAlnum(b[i]) || b[i] == '-') && i-ls <= 16 {
			i++
		}
	}
	if i-ls != len(name) || i >= len(b) || !bytes.EqualFold(b[ls:i], []byte(name)) {
		return vcardProp{}, false
	}
	if i >= len(b) || (b[i] != ':' && b[i] != ';') {
		return vcardProp{}, false
	}
	quoted := false
	for ; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			quoted = !quoted
		case c == ':' && !quoted:
			e := len(b)
			if e > i+1 && b[e-1] == '\r' {
				e--
			}
			return vcardProp{s: i + 1, e: e}, true
		case c == ' ' && !quoted:
			return vcardProp{}, false // prose, not parameters
		}
	}
	return vcardProp{}, false
}

// vcardComponents splits a structured value at the semicolons that are
// not escaped, returning each component's span.
func vcardComponents(b []byte, p vcardProp) [][2]int {
	var out [][2]int
	s := p.s
	for i := p.s; i < p.e; i++ {
		switch b[i] {
		case '\\':
			i++
		case ';':
			out = append(out, [2]int{s, i})
			s = i + 1
		}
	}
	return append(out, [2]int{s, p.e})
}

// vcardUnescape undoes a vCard value's escapes: "\," "\;" "\\" and "\n".
func vcardUnescape(v []byte) string {
	var sb strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) {
			i++
			if v[i] == 'n' || v[i] == 'N' {
				sb.WriteByte(' ')
				continue
			}
		}
		sb.WriteByte(v[i])
	}
	return normalizeText(sb.String())
}

// vcardAddresses returns the ADR properties of b that name a street or a
// post office box, as street addresses spanning their components from
// the first filled one to the last: "ADR;TYPE=home:;;123 Main
// St;Springfield;IL;62701;USA". An ADR with a city and country alone
// places no one.
func vcardAddresses(b []byte) []detectors.Match {
	var out []detectors.Match
	for _, p := range vcardProps(b, "ADR") {
		cs := vcardComponents(b, p)
		// Components: post office box, extended address, street,
		// locality, region, postal code, country.
		if len(cs) < minADRComponents || !filled(b, cs, 0) && !filled(b, cs, 2) {
			continue
		}
		s, e := -1, -1
		var parts []string
		for _, c := range cs {
			v := vcardUnescape(b[c[0]:c[1]])
			if v == "" {
				continue
			}
			if s < 0 {
				s = c[0]
			}
			e = c[1]
			parts = append(parts, v)
		}
		for s < e && b[e-1] == ' ' {
			e--
		}
		if e-s > maxAddressLen {
			continue
		}
		out = append(out, detectors.Match{
			Start: s, End: e, Value: strings.Join(parts, ", "), Kind: "street_address",
			Severity: detectors.SeverityHigh, Confidence: 0.9,
		})
	}
	return out
}

// minADRComponents is the fewest components of an ADR value: up to the
// street. Some writers leave out empty trailing ones; prose after "ADR:"
// has none.
const minADRComponents = 3

// filled reports whether component k of cs holds anything.
func filled(b []byte, cs [][2]int, k int) bool {
	return k < len(cs) && vcardUnescape(b[cs[k][0]:cs[k][1]]) != ""
}

// Digits a TEL value may hold: fewer is an extension or a short code,
// more no number.
const (
	minTelDigits = 7
	maxTelDigits = 15
	maxTelLen    = 48 // the bytes a TEL value may take, spaced out
)

// vcardPhones returns the TEL properties of b whose value is written as a
// phone number ("TEL;TYPE=home:555-0123", "TEL;VALUE=uri:tel:+1-555-0199"),
// in E.164 when the numbering plan of regions knows the number, its
// digits otherwise: a vCard says a seven-digit local number is a phone,
// which the plan cannot.
func vcardPhones(b []byte, regions func() []phoneRegion) []detectors.Match {
	var out []detectors.Match
	for _, p := range vcardProps(b, "TEL") {
		s, e := p.s, p.e
		if e-s > 4 && bytes.EqualFold(b[s:s+4], []byte("tel:")) {
			s += 4
		}
		for s < e && b[s] == ' ' {
			s++
		}
		for e > s && b[e-1] == ' ' {
			e--
		}
		digits, ok := telDigits(b[s:e])
		if !ok || e-s > maxTelLen {
			continue
		}
		plus := b[s] == '+'
		if plus {
			digits = "+" + digits
		}
		value := digits
		if e164, valid := validPhone(digits, regions(), plus); valid {
			value = e164
		}
		out = append(out, detectors.Match{
			Start: s, End: e, Value: value, Kind: "phone",
			Severity: detectors.SeverityMedium, Confidence: 0.9,
		})
	}
	return out
}

// telDigits returns the digits of a TEL value written with phone
// punctuation alone, and whether their count is a phone number's.
func telDigits(v []byte) (string, bool) {
	var d []byte
	for i, c := range v {
		switch {
		case isDigit(c):
			d = append(d, c)
		case c == '+' && i == 0, c == ' ', c == '-', c == '.', c == '(', c == ')':
		default:
			return "", false
		}
	}
	return string(d), len(d) >= minTelDigits && len(d) <= maxTelDigits
}

// overlapsAny reports whether [s, e) overlaps one of ms.
func overlapsAny(ms []detectors.Match, s, e int) bool {
	for _, m := range ms {
		if s < m.End && m.Start < e {
			return true
		}
	}
	return false
}
