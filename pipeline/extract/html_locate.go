package extract

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
)

// FieldRange is where a document holds (part of) the value of a field
// an extractor records, as written: in a web page the content of a
// <meta> ("html:meta:author"), the target of a mailto: or tel: link
// ("html:link:mailto"), the text of a comment ("html:comment"), entities
// and all; in an RTF document one character of an \info value
// ("rtf:author"): a byte, an escape or a control word.
type FieldRange struct {
	Field string
	Value FileRange
}

// LocateHTMLFields finds the fields of a UTF-8 web page, data, where the
// HTML extractor reads them, token by token through the same tokenizer.
// A tag whose attributes it cannot place (its reading of the tag's bytes
// and the tokenizer's disagree) is an error, as is a page the tokenizer
// stops in.
func LocateHTMLFields(data []byte) ([]FieldRange, error) {
	z := html.NewTokenizer(bytes.NewReader(data))
	z.SetMaxBuf(maxHTMLToken)
	var out []FieldRange
	var off int64
	for {
		tt := z.Next()
		start := off
		raw := z.Raw()
		off += int64(len(raw))
		switch tt {
		case html.ErrorToken:
			if err := z.Err(); err != io.EOF {
				return nil, fmt.Errorf("tokenize html: %w", err)
			}
			return out, nil
		case html.CommentToken:
			if from, to := commentBody(raw); to > from {
				out = append(out, FieldRange{"html:comment", FileRange{start + int64(from), int64(to - from)}})
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			if !hasAttr || (tag != "meta" && tag != "a" && tag != "area") {
				continue
			}
			spans := htmlAttrSpans(raw)
			attrs := map[string]FileRange{}
			values := map[string]string{}
			for i := 0; ; i++ {
				k, v, more := z.TagAttr()
				if i >= len(spans) || spans[i].key != string(k) {
					return nil, fmt.Errorf("tag at offset %d: its attributes could not be placed", start)
				}
				attrs[string(k)] = FileRange{start + int64(spans[i].from), int64(spans[i].to - spans[i].from)}
				values[string(k)] = string(v)
				if !more {
					if i+1 != len(spans) {
						return nil, fmt.Errorf("tag at offset %d: its attributes could not be placed", start)
					}
					break
				}
			}
			switch tag {
			case "meta":
				key := strings.ToLower(strings.TrimSpace(firstNonEmpty(values["name"], values["property"], values["itemprop"], values["http-equiv"])))
				if r, ok := attrs["content"]; ok && key != "" && r.N > 0 {
					out = append(out, FieldRange{"html:meta:" + key, r})
				}
			default:
				scheme, _, ok := strings.Cut(strings.TrimSpace(values["href"]), ":")
				if scheme = strings.ToLower(scheme); ok && (scheme == "mailto" || scheme == "tel") {
					out = append(out, FieldRange{"html:link:" + scheme, attrs["href"]})
				}
			}
		}
	}
}

// commentBody is where the text of a comment token lies in its bytes:
// inside <!-- and -->, inside the <! or </ and > of a bogus comment, or
// inside the <? and ?> of a processing instruction; nothing for the XML
// declaration, which the extractor does not read as a comment.
func commentBody(raw []byte) (from, to int) {
	if xmlDeclaration(raw) {
		return 0, 0
	}
	from, to = 2, len(raw)
	if bytes.HasPrefix(raw, []byte("<!--")) {
		from = 4
	}
	ends := []string{"--!>", "-->", ">"}
	if bytes.HasPrefix(raw, []byte("<?")) {
		ends = []string{"?>", ">"}
	}
	for _, end := range ends {
		if bytes.HasSuffix(raw, []byte(end)) && len(raw)-len(end) >= from {
			to = len(raw) - len(end)
			break
		}
	}
	return from, min(max(to, from), len(raw))
}

// htmlAttr is an attribute of a raw start tag: its key, lower case, and
// where its value lies in the tag's bytes.
type htmlAttr struct {
	key      string
	from, to int
}

// htmlAttrSpans reads the attributes of the raw start tag raw as
// golang.org/x/net/html's tokenizer reads them (readTag,
// readTagAttrKey, readTagAttrVal), keeping the first of each key, as it
// does.
func htmlAttrSpans(raw []byte) []htmlAttr {
	p := 2 // past '<' and the tag name's first byte
	space := func(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' }
	skip := func() {
		for p < len(raw) && space(raw[p]) {
			p++
		}
	}
	for p < len(raw) {
		c := raw[p]
		if space(c) {
			p++
			break
		}
		if c == '/' || c == '>' {
			break
		}
		p++
	}
	var out []htmlAttr
	seen := map[string]bool{}
	skip()
	for p < len(raw) && raw[p] != '>' {
		keyFrom := p
		for p < len(raw) {
			c := raw[p]
			if c == '=' && p == keyFrom {
				p++
				continue
			}
			if c == '=' || space(c) || c == '/' || c == '>' {
				break
			}
			p++
		}
		keyTo := p
		valFrom, valTo := p, p
		skip()
		if p < len(raw) {
			switch c := raw[p]; {
			case c == '/':
				p++
			case c == '=':
				p++
				skip()
				if p < len(raw) {
					switch q := raw[p]; q {
					case '>':
					case '\'', '"':
						p++
						valFrom = p
						for p < len(raw) && raw[p] != q {
							p++
						}
						valTo = p
						if p < len(raw) {
							p++
						}
					default:
						valFrom = p
						for p < len(raw) && !space(raw[p]) && raw[p] != '>' {
							p++
						}
						valTo = p
					}
				}
			}
		}
		if key := strings.ToLower(string(raw[keyFrom:keyTo])); keyTo > keyFrom && !seen[key] {
			seen[key] = true
			out = append(out, htmlAttr{key, valFrom, valTo})
		}
		skip()
	}
	return out
}

// LocateRTFInfo finds, in an RTF document, data, the characters of the
// values of its \info group (author, operator, company...) where the RTF
// extractor reads them, one FieldRange for each.
func LocateRTFInfo(data []byte) ([]FieldRange, error) {
	counted := &countingReader{r: bytes.NewReader(data)}
	t := newRTFTextReader(counted)
	t.counted = counted
	for t.err == nil {
		t.buf = t.buf[:0]
		t.runs = t.runs[:0]
		t.step()
	}
	if t.err != io.EOF {
		return nil, fmt.Errorf("read rtf: %w", t.err)
	}
	return t.info, nil
}
