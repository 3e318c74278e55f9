package manifest

import (
	"bytes"
	"encoding/json"
)

// decodeTop decodes line into v, a pointer to a struct of string fields,
// exactly as json.Unmarshal does; keys are the fields' JSON names and
// fields point at them, in the same order. It is what CheckFilesJSONL and
// CheckFindingsJSONL read of every line. It walks the line once without
// building the values it skips, and leaves to json.Unmarshal anything it
// does not handle itself (a key that matches only when case is ignored, a
// wanted member that is not a string, a line that is not a valid object),
// which decides and says why.
func decodeTop(line []byte, v any, keys []string, fields ...*string) error {
	p := jsonParser{data: line}
	vals := make([]string, len(keys))
	if !p.topStrings(keys, vals) {
		return json.Unmarshal(line, v)
	}
	for i, f := range fields {
		*f = vals[i]
	}
	return nil
}

func (p *jsonParser) topStrings(keys []string, dst []string) bool {
	p.space()
	if p.pos >= len(p.data) || p.data[p.pos] != '{' {
		return false
	}
	p.pos++
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return p.end()
	}
	for {
		p.space()
		key, ok := p.rawKey()
		if !ok {
			return false
		}
		want := -1
		for i, k := range keys {
			// An ASCII key (rawKey's) folds only to one of its own length.
			if len(key) != len(k) {
				continue
			}
			if string(key) == k {
				want = i
			} else if bytes.EqualFold(key, []byte(k)) {
				return false // json.Unmarshal would match it too
			}
		}
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return false
		}
		p.pos++
		p.space()
		if want >= 0 {
			if p.pos >= len(p.data) || p.data[p.pos] != '"' {
				return false
			}
			s, err := p.str()
			if err != nil {
				return false
			}
			dst[want] = s
		} else if !p.skip(0) {
			return false
		}
		switch done, ok := p.after('}'); {
		case !ok:
			return false
		case done:
			return p.end()
		}
	}
}

// after steps over what follows a member or an element: a comma, with
// more to come, or the closing bracket, and done. ok is false for
// anything else.
func (p *jsonParser) after(closing byte) (done, ok bool) {
	p.space()
	if p.pos >= len(p.data) {
		return false, false
	}
	switch p.data[p.pos] {
	case ',':
		p.pos++
		return false, true
	case closing:
		p.pos++
		return true, true
	}
	return false, false
}

func (p *jsonParser) end() bool {
	p.space()
	return p.pos == len(p.data)
}

// rawKey returns an object key's bytes when it is printable ASCII without
// escapes (the keys consign writes); any other key is for json.Unmarshal.
func (p *jsonParser) rawKey() ([]byte, bool) {
	if p.pos >= len(p.data) || p.data[p.pos] != '"' {
		return nil, false
	}
	start := p.pos + 1
	if i := plainRun(p.data, start); i < len(p.data) && p.data[i] == '"' {
		p.pos = i + 1
		return p.data[start:i], true
	}
	return nil, false
}

// skip checks the JSON value at p.pos and steps over it without building
// it.
func (p *jsonParser) skip(depth int) bool {
	if depth > maxJSONDepth || p.pos >= len(p.data) {
		return false
	}
	switch c := p.data[p.pos]; {
	case c == '{' || c == '[':
		closing := byte('}')
		if c == '[' {
			closing = ']'
		}
		p.pos++
		p.space()
		if p.pos < len(p.data) && p.data[p.pos] == closing {
			p.pos++
			return true
		}
		for {
			p.space()
			if c == '{' {
				if p.pos >= len(p.data) || p.data[p.pos] != '"' || !p.skipString() {
					return false
				}
				p.space()
				if p.pos >= len(p.data) || p.data[p.pos] != ':' {
					return false
				}
				p.pos++
				p.space()
			}
			if !p.skip(depth + 1) {
				return false
			}
			if done, ok := p.after(closing); !ok || done {
				return ok
			}
		}
	case c == '"':
		return p.skipString()
	case c == '-' || c >= '0' && c <= '9':
		_, err := p.numberLit()
		return err == nil
	case c == 't':
		return p.literal("true") == nil
	case c == 'f':
		return p.literal("false") == nil
	case c == 'n':
		return p.literal("null") == nil
	}
	return false
}

// skipString steps over a string, checking its escapes as encoding/json
// does (invalid UTF-8 is allowed: encoding/json replaces it).
func (p *jsonParser) skipString() bool {
	for i := p.pos + 1; i < len(p.data); i++ {
		if i = plainRun(p.data, i); i >= len(p.data) {
			return false
		}
		switch c := p.data[i]; {
		case c == '"':
			p.pos = i + 1
			return true
		case c < 0x20:
			return false
		case c == '\\':
			i++
			if i >= len(p.data) {
				return false
			}
			switch p.data[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if i+4 >= len(p.data) || !isHex4(p.data[i+1:i+5]) {
					return false
				}
				i += 4
			default:
				return false
			}
		}
	}
	return false
}

func isHex4(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
