package manifest

import (
	"bytes"
	"encoding/json"
	"errors"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// decodeJSONValue decodes one JSON document into the values the schema
// validator takes: map[string]any, []any, string, json.Number, bool and
// nil, exactly what jsonschema.UnmarshalJSON returns for the same bytes.
//
// Verify decodes every line of files.jsonl and findings.jsonl and the whole
// content profile; through encoding/json's reflection and its two scans of
// every value, decoding cost more CPU than hashing the payload. This parser
// reads each byte once. It handles the plain forms itself and hands
// anything unusual (escaped or non-ASCII strings it cannot copy verbatim)
// to encoding/json, and on any error decodes the document again with
// jsonschema.UnmarshalJSON: the values and the error messages are always
// the library's.
func decodeJSONValue(data []byte) (any, error) {
	p := jsonParser{data: data}
	v, err := p.value(0)
	if err == nil {
		p.space()
		if p.pos != len(p.data) {
			err = errJSONSlowPath
		}
	}
	if err != nil {
		return jsonschema.UnmarshalJSON(bytes.NewReader(data))
	}
	return v, nil
}

// errJSONSlowPath sends a document to the library decoder, which decides
// whether it is valid and says why not.
var errJSONSlowPath = errors.New("decode with encoding/json")

// maxJSONDepth is far below encoding/json's own limit (10,000), so that a
// document this parser refuses for depth is still judged by the library.
const maxJSONDepth = 1000

type jsonParser struct {
	data []byte
	pos  int
	// top, when set, notes the top-level members a quick scan reads.
	top *topMembers
}

func (p *jsonParser) space() {
	if p.pos < len(p.data) && p.data[p.pos] > ' ' {
		return // the usual case: no space at all
	}
	p.skipSpace()
}

// skipSpace is space's loop, kept out of line so that space itself is
// inlined: it is called several times for every member of every object,
// and in JSON Lines it almost never finds any space.
//
//go:noinline
func (p *jsonParser) skipSpace() { p.pos = spaceRun(p.data, p.pos) }

func (p *jsonParser) value(depth int) (any, error) {
	if depth > maxJSONDepth {
		return nil, errJSONSlowPath
	}
	p.space()
	if p.pos >= len(p.data) {
		return nil, errJSONSlowPath
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		return p.str()
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	case c == 't':
		return true, p.literal("true")
	case c == 'f':
		return false, p.literal("false")
	case c == 'n':
		return nil, p.literal("null")
	}
	return nil, errJSONSlowPath
}

func (p *jsonParser) literal(word string) error {
	if !bytes.HasPrefix(p.data[p.pos:], []byte(word)) {
		return errJSONSlowPath
	}
	p.pos += len(word)
	return nil
}

func (p *jsonParser) object(depth int) (any, error) {
	p.pos++ // '{'
	m := map[string]any{}
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return m, nil
	}
	for {
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, errJSONSlowPath
		}
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, errJSONSlowPath
		}
		p.pos++
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		m[key] = v // a repeated key keeps its last value, as in encoding/json
		switch done, ok := p.after('}'); {
		case !ok:
			return nil, errJSONSlowPath
		case done:
			return m, nil
		}
	}
}

func (p *jsonParser) array(depth int) (any, error) {
	p.pos++ // '['
	a := []any{}
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return a, nil
	}
	for {
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		a = append(a, v)
		switch done, ok := p.after(']'); {
		case !ok:
			return nil, errJSONSlowPath
		case done:
			return a, nil
		}
	}
}

// str decodes the string at p.pos. A string of printable ASCII without
// escapes, or of valid UTF-8, is its own value; any other is decoded by
// encoding/json, which knows how it replaces bad escapes and bytes.
func (p *jsonParser) str() (string, error) {
	lit, plain, err := p.strLit()
	if err != nil {
		return "", err
	}
	if plain {
		return string(lit[1 : len(lit)-1]), nil
	}
	if s, ok := unescapeShort(lit[1 : len(lit)-1]); ok {
		return s, nil
	}
	var s string
	if err := json.Unmarshal(lit, &s); err != nil {
		return "", errJSONSlowPath
	}
	return s, nil
}

// strLit steps over the string at p.pos and returns its literal, quotes
// included; plain says the bytes between the quotes are its value. On an
// error p.pos is where reading stopped. It works on locals, not p.pos:
// the quick scan spends most of its time here, on every string of a
// bundle's metadata.
func (p *jsonParser) strLit() (lit []byte, plain bool, err error) {
	data, start := p.data, p.pos
	plain = true
	i := start + 1 // after '"'
	for {
		if i = plainRun(data, i); i >= len(data) {
			break
		}
		switch c := data[i]; {
		case c == '"':
			p.pos = i + 1
			return data[start:p.pos], plain, nil
		case c == '\\':
			plain = false
			i += 2 // the escaped byte cannot end the string
		case c < 0x20:
			p.pos = i
			return nil, false, errJSONSlowPath
		default:
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n == 1 {
				plain = false
			}
			i += n
		}
	}
	p.pos = i
	return nil, false, errJSONSlowPath
}

// unescapeShort decodes a string body whose escapes are all of one
// letter (\" \\ \/ \b \f \n \r \t) and whose other bytes are valid
// UTF-8, as encoding/json does; ok is false for any other body. A
// bundle's findings quote text with such escapes thousands of times, and
// json.Unmarshal of each cost more than scanning the rest of its line.
func unescapeShort(body []byte) (s string, ok bool) {
	if !utf8.Valid(body) {
		return "", false
	}
	out := make([]byte, 0, len(body))
	for {
		i := bytes.IndexByte(body, '\\')
		if i < 0 {
			return string(append(out, body...)), true
		}
		if i+1 >= len(body) {
			return "", false
		}
		out = append(out, body[:i]...)
		switch c := body[i+1]; c {
		case '"', '\\', '/':
			out = append(out, c)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		default:
			return "", false
		}
		body = body[i+2:]
	}
}

// number checks the JSON number grammar and keeps the literal, as
// json.Decoder.UseNumber does.
func (p *jsonParser) number() (any, error) {
	lit, err := p.numberLit()
	if err != nil {
		return nil, err
	}
	return json.Number(lit), nil
}

// numberLit steps over the number at p.pos and returns its literal.
func (p *jsonParser) numberLit() ([]byte, error) {
	start := p.pos
	if p.data[p.pos] == '-' {
		p.pos++
	}
	switch {
	case p.pos < len(p.data) && p.data[p.pos] == '0':
		p.pos++
	case p.digits() == 0:
		return nil, errJSONSlowPath
	}
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.pos++
		if p.digits() == 0 {
			return nil, errJSONSlowPath
		}
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if p.digits() == 0 {
			return nil, errJSONSlowPath
		}
	}
	return p.data[start:p.pos], nil
}

func (p *jsonParser) digits() int {
	n := 0
	for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
		p.pos++
		n++
	}
	return n
}
