package fastxml

import (
	"encoding/xml"
	"unicode/utf8"
)

// name reads an ASCII name at p, a letter or '_' then letters, digits,
// '_', '.' and '-', with at most one colon between two such parts; the
// byte after it must end a name as encoding/xml reads one.
func (r *Reader) name(p int) (end, colon int, ok bool) {
	d := r.data
	colon = -1
	start := p
	for {
		if p >= len(d) || !nameStart(d[p]) {
			return 0, 0, false
		}
		p++
		for p < len(d) && nameByte(d[p]) {
			p++
		}
		if p < len(d) && d[p] == ':' && colon < 0 {
			colon = p - start
			p++
			continue
		}
		break
	}
	if p >= len(d) || d[p] == ':' || d[p] >= utf8.RuneSelf {
		return 0, 0, false
	}
	return p, colon, true
}

func nameStart(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '_'
}

func nameByte(c byte) bool {
	return nameStart(c) || '0' <= c && c <= '9' || c == '.' || c == '-'
}

func isSpace(c byte) bool { return c == ' ' || c == '\r' || c == '\n' || c == '\t' }

func (r *Reader) skipSpace(p int) int {
	for p < len(r.data) && isSpace(r.data[p]) {
		p++
	}
	return p
}

// qname splits a name read by name into prefix and local part.
func (r *Reader) qname(raw []byte, colon int) xml.Name {
	if colon < 0 {
		return xml.Name{Local: r.intern(raw)}
	}
	return xml.Name{Space: r.intern(raw[:colon]), Local: r.intern(raw[colon+1:])}
}

// intern returns b, a name's non-empty part, as a string: the same string
// for the same bytes while they stay in a small table, since a document
// uses few names, many times.
func (r *Reader) intern(b []byte) string {
	h := uint(len(b))*31 + uint(b[0])*7 + uint(b[len(b)-1])*3 + uint(b[len(b)/2])
	if r.names == nil {
		r.names = new([64]string)
	}
	slot := &r.names[h%uint(len(r.names))]
	if *slot != string(b) {
		*slot = string(b)
	}
	return *slot
}
