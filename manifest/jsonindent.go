package manifest

import (
	"bytes"
	"encoding/json"
)

// indentJSON appends to dst the compact JSON document src (as
// encoding/json writes it: no space outside strings) indented by indent
// per level, exactly as json.Indent with an empty prefix lays it out:
// one member or element a line, ": " after keys, and empty objects and
// arrays kept as {} and [].
//
// json.Indent steps its validating scanner through every byte; for the
// content profile, a document of one checklist item per finding, that
// cost more than encoding it. The documents are encoding/json's own
// output, so this copies strings in runs and looks only at the
// punctuation between them. Input it does not expect (space outside a
// string, an unterminated string) goes to json.Indent, which decides.
func indentJSON(dst, src []byte, indent string) []byte {
	return indentJSONPrefixed(dst, src, "", indent)
}

// indentJSONPrefixed is indentJSON with json.Indent's prefix: every line
// after the first starts with prefix, for a document that goes into
// another one at that indentation.
func indentJSONPrefixed(dst, src []byte, prefix, indent string) []byte {
	start := len(dst)
	depth := 0
	open := false // just after { or [: the line break waits, so that {} and [] stay whole
	newline := func() {
		dst = append(dst, '\n')
		dst = append(dst, prefix...)
		for range depth {
			dst = append(dst, indent...)
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if open && c != '}' && c != ']' {
			open = false
			depth++
			newline()
		}
		switch c {
		case '"':
			end := stringEnd(src, i)
			if end < 0 {
				return slowIndent(dst[:start], src, prefix, indent)
			}
			dst = append(dst, src[i:end]...)
			i = end - 1
		case '{', '[':
			open = true
			dst = append(dst, c)
		case '}', ']':
			if open {
				open = false
			} else {
				depth--
				newline()
			}
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, ':', ' ')
		case ' ', '\t', '\n', '\r':
			return slowIndent(dst[:start], src, prefix, indent)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// stringEnd returns the index just past the string that starts with the
// quote at src[i], or -1 when it does not end.
func stringEnd(src []byte, i int) int {
	for j := i + 1; j < len(src); {
		k := bytes.IndexAny(src[j:], `"\`)
		if k < 0 {
			return -1
		}
		j += k
		if src[j] == '"' {
			return j + 1
		}
		j += 2 // a backslash and the byte it escapes
	}
	return -1
}

// slowIndent is json.Indent, for input indentJSON leaves to it; src that
// is not valid JSON is appended unchanged, as json.Indent leaves it.
func slowIndent(dst, src []byte, prefix, indent string) []byte {
	buf := bytes.NewBuffer(dst)
	if err := json.Indent(buf, src, prefix, indent); err != nil {
		return append(dst, src...)
	}
	return buf.Bytes()
}
