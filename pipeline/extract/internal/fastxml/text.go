package fastxml

import (
	"bytes"
	"encoding/xml"
	"unicode/utf8"
)

// comment skips <!-- ... -->: the first "--" in it must end it.
func (r *Reader) comment() error {
	body := r.pos + 4
	i := bytes.Index(r.data[body:], []byte("--"))
	if i < 0 || body+i+2 >= len(r.data) || r.data[body+i+2] != '>' {
		return errUnsupported
	}
	r.pos = body + i + 3
	return nil
}

// procInst skips <?target ...?>. The XML declaration must declare
// version 1.0 and UTF-8, or nothing: another encoding is left to
// encoding/xml's charset readers.
func (r *Reader) procInst() error {
	p := r.pos + 2
	end, colon, ok := r.name(p)
	if !ok || colon >= 0 {
		return errUnsupported
	}
	target := r.data[p:end]
	i := bytes.Index(r.data[end:], []byte("?>"))
	if i < 0 {
		return errUnsupported
	}
	content := r.data[r.skipSpace(end) : end+i]
	if string(target) == "xml" && !plainDeclaration(content) {
		return errUnsupported
	}
	r.pos = end + i + 2
	return nil
}

// cdata reads <![CDATA[ ... ]]> as character data, undecoded.
func (r *Reader) cdata() (xml.Token, error) {
	body := r.pos + 9
	i := bytes.Index(r.data[body:], []byte("]]>"))
	if i < 0 {
		return nil, errUnsupported
	}
	text, ok := r.decode(r.data[body:body+i], false)
	if !ok {
		return nil, errUnsupported
	}
	r.pos = body + i + 3
	if !r.build {
		return checked, nil
	}
	return xml.CharData(text), nil
}

// plainDeclaration says whether an XML declaration's content, read as
// encoding/xml reads it, declares version 1.0 or none and UTF-8 or no
// encoding. Only the exact forms version="1.0" and encoding="utf-8" (any
// case, either quote) pass; any other mention of either is refused.
func plainDeclaration(content []byte) bool {
	for _, p := range []struct{ name, want string }{{"version", "1.0"}, {"encoding", "utf-8"}} {
		i := bytes.Index(content, []byte(p.name))
		if i < 0 {
			continue
		}
		v := content[i+len(p.name):]
		if len(v) < len(p.want)+3 || v[0] != '=' || v[1] != '"' && v[1] != '\'' ||
			!bytes.EqualFold(v[2:2+len(p.want)], []byte(p.want)) || v[2+len(p.want)] != v[1] ||
			bytes.Contains(content[i+1:], []byte(p.name)) {
			return false
		}
	}
	return true
}

// decode returns raw with its entities replaced (when entities is set)
// and its line ends made "\n", as encoding/xml does; false when raw holds
// an entity of another kind or the result a character XML does not allow.
func (r *Reader) decode(raw []byte, entities bool) ([]byte, bool) {
	special := bytes.IndexByte(raw, '\r')
	if entities {
		if amp := bytes.IndexByte(raw, '&'); amp >= 0 && (special < 0 || amp < special) {
			special = amp
		}
	}
	if special < 0 {
		return raw, validText(raw)
	}
	out := append(r.text[:0], raw[:special]...)
	for i := special; i < len(raw); i++ {
		c := raw[i]
		switch {
		case c == '\r':
			out = append(out, '\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
		case c == '&' && entities:
			n, text, ok := entity(raw[i:])
			if !ok {
				return nil, false
			}
			out = append(out, text...)
			i += n - 1
		default:
			out = append(out, c)
		}
	}
	r.text = out
	return out, validText(out)
}

// entity reads the reference at the start of b: its length and text.
// Reference reads the entity or character reference at the start of b
// as the readers here decode it: its length and its text.
func Reference(b []byte) (int, []byte, bool) { return entity(b) }

func entity(b []byte) (int, []byte, bool) {
	semi := bytes.IndexByte(b, ';')
	if semi < 2 || semi > 12 {
		return 0, nil, false
	}
	name := b[1:semi]
	switch string(name) {
	case "lt":
		return semi + 1, []byte("<"), true
	case "gt":
		return semi + 1, []byte(">"), true
	case "amp":
		return semi + 1, []byte("&"), true
	case "apos":
		return semi + 1, []byte("'"), true
	case "quot":
		return semi + 1, []byte(`"`), true
	}
	if name[0] != '#' || len(name) < 2 {
		return 0, nil, false
	}
	digits, base := name[1:], rune(10)
	if digits[0] == 'x' {
		digits, base = digits[1:], 16
	}
	if len(digits) == 0 || len(digits) > 7 {
		return 0, nil, false
	}
	var n rune
	for _, c := range digits {
		var v rune
		switch {
		case '0' <= c && c <= '9':
			v = rune(c - '0')
		case base == 16 && 'a' <= c && c <= 'f':
			v = rune(c-'a') + 10
		case base == 16 && 'A' <= c && c <= 'F':
			v = rune(c-'A') + 10
		default:
			return 0, nil, false
		}
		n = n*base + v
	}
	if !inCharacterRange(n) {
		return 0, nil, false
	}
	return semi + 1, utf8.AppendRune(nil, n), true
}

// validText says whether b is UTF-8 of characters XML allows.
func validText(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 || !inCharacterRange(r) {
			return false
		}
		i += size
	}
	return true
}

// inCharacterRange is encoding/xml's test of a character XML allows.
func inCharacterRange(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}
