package extract

import "bytes"

// A sample of a text file is prose wrapped in what is not prose: markup,
// template tags, link targets, handles, file paths, identifiers, encoded
// data. Trigram models read every letter, and the letters of
// "https://twitter.com/jakesutton" or "boilerplate/paperfaces.md" pull a
// short English post towards Danish or Latin as readily as its words pull
// it towards English. So the sampler hands the detector the prose of each
// sample alone, as language identifiers that read the web do: the words
// between the markup, less the tokens no language writes.

// appendProse appends the words of sample b to dst, one space between
// them, and returns the extended slice with the letters and words of the
// prose as lingua reads them: runs of letters, and each character of the
// scripts that write a word in one character. It drops HTML and XML
// tags and comments, entities, template tags ({% %}, {{ }}, {# #}),
// fenced and inline code, and then each token that is a URL, an address,
// a handle or hashtag, a path or file name, a code identifier
// (snake_case, camelCase, dotted names), a key ("title:" or "DTSTART;"
// at the start of a line, "\"id\":"), or encoded data (letters mixed
// with digits, base64, runs of one letter). It reads b once and
// allocates nothing beyond dst.
func appendProse(dst, b []byte) (prose []byte, letters, words int) {
	lineStart, fenced := true, false
	firstOnLine := true
	for i := 0; i < len(b); {
		if lineStart {
			lineStart, firstOnLine = false, true
			j := i
			for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
				j++
			}
			if fence := bytes.HasPrefix(b[j:], []byte("```")) || bytes.HasPrefix(b[j:], []byte("~~~")); fence || fenced {
				fenced = fenced != fence
				i = lineEnd(b, j)
				continue
			}
			if i = j; i == len(b) {
				break
			}
		}
		c := b[i]
		switch {
		case c == '\n':
			lineStart = true
			i++
			continue
		case c == '<':
			if end := tagEnd(b, i); end > i {
				i = end
				continue
			}
		case c == '{' && i+1 < len(b) && (b[i+1] == '%' || b[i+1] == '{' || b[i+1] == '#'):
			end := templateEnd(b, i)
			if b[i+1] != '#' {
				// A figure's caption or an image's alt text is prose
				// the post shows; the rest of the tag is not.
				for _, v := range templateTexts(b[i:end]) {
					var l, w int
					if v != nil {
						dst, l, w = appendProse(dst, v)
						letters, words = letters+l, words+w
					}
				}
			}
			i = end
			continue
		case c == '`':
			if j := bytes.IndexByte(b[i+1:lineEnd(b, i)], '`'); j >= 0 {
				i += j + 2
				continue
			}
		case c == '&':
			if end := entityEnd(b, i); end > i {
				i = end
				continue
			}
		}
		if isProseSeparator(c) {
			i++
			continue
		}
		// The token runs to the next separator or to where markup may
		// start; a '<', '`' or '&' that starts none is part of it. Most
		// tokens are plain words, ASCII letters in lower case after the
		// first, which pass every test of proseToken: they are told as
		// they are read.
		start := i
		plain, repeat := 'a' <= c|0x20 && c|0x20 <= 'z', 0
		for i++; i < len(b) && !proseTokenEnds[b[i]]; i++ {
			if !plain {
				continue
			}
			switch c := b[i]; {
			case c < 'a' || c > 'z':
				plain = false
			case c != b[i-1]:
				repeat = 0
			default:
				if repeat++; repeat >= 3 {
					plain = false // "aaaa": left to proseWord, which drops it
				}
			}
		}
		var core []byte
		var l, w int
		var ok bool
		if plain && i-start <= maxProseToken {
			core, l, w, ok = b[start:i], i-start, 1, true
		} else {
			core, l, w, ok = proseToken(b[start:i], firstOnLine)
		}
		if firstOnLine && i < len(b) && b[i] == ';' {
			ok = false // a vCard or iCalendar property: "DTSTART;TZID=..."
		}
		if ok {
			if len(dst) > 0 {
				dst = append(dst, ' ')
			}
			dst = append(dst, core...)
			letters, words = letters+l, words+w
		}
		// A list's "-" or a quote's ">" leaves the key after it first.
		firstOnLine = firstOnLine && len(core) == 0
	}
	return dst, letters, words
}

// isProseSeparator tells the bytes that end a token: white space, and
// the punctuation that joins words without spaces in data and markup
// (CSV cells, Markdown links "[text](url)", "*emphasis*").
func isProseSeparator(c byte) bool { return proseSeparators[c] }

var proseSeparators = [256]bool{
	' ': true, '\t': true, '\r': true, '\v': true, '\f': true, ',': true, ';': true, '|': true,
	'(': true, ')': true, '[': true, ']': true, '{': true, '}': true, '>': true, '*': true,
}

// proseTokenEnds are the separators, the end of a line, and the bytes
// markup may start with.
var proseTokenEnds = func() (t [256]bool) {
	t = proseSeparators
	t['\n'], t['<'], t['`'], t['&'] = true, true, true, true
	return t
}()

// lineEnd is the offset of the '\n' that ends the line holding b[i], or
// len(b).
func lineEnd(b []byte, i int) int {
	if j := bytes.IndexByte(b[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(b)
}

// maxTagBytes bounds how far a tag is looked for: a '<' with no '>'
// within reach is a less-than sign, not a tag.
const maxTagBytes = 1 << 10

// tagEnd is the offset just past the HTML or XML tag, comment,
// declaration or processing instruction starting at b[i] ('<'), or i
// when none starts there.
func tagEnd(b []byte, i int) int {
	if i+1 >= len(b) {
		return i
	}
	c := b[i+1]
	if !(c == '/' || c == '!' || c == '?' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
		return i
	}
	rest := b[i:min(len(b), i+maxTagBytes)]
	closer := []byte(">")
	if bytes.HasPrefix(rest, []byte("<!--")) {
		closer = []byte("-->")
	}
	if j := bytes.Index(rest, closer); j >= 0 {
		return i + j + len(closer)
	}
	if i+maxTagBytes >= len(b) {
		return len(b) // a tag cut by the sample's end
	}
	return i
}

// templateEnd is the offset just past the Liquid, Jinja, Hugo or
// Handlebars tag starting at b[i], or the sample's end when the tag is
// cut by it, or just past the brace when no tag closes within reach.
func templateEnd(b []byte, i int) int {
	closer := []byte("%}")
	switch b[i+1] {
	case '{':
		closer = []byte("}}")
	case '#':
		closer = []byte("#}")
	}
	rest := b[i+2 : min(len(b), i+maxTagBytes)]
	if j := bytes.Index(rest, closer); j >= 0 {
		return i + 2 + j + len(closer)
	}
	if i+maxTagBytes >= len(b) {
		return len(b) // a tag cut by the sample's end
	}
	return i + 1 // a brace, not a tag
}

// templateTextKeys are the arguments of template tags that hold text a
// page shows: Jekyll's and Hugo's figure captions, titles and alt texts.
var templateTextKeys = [...]string{"caption", "title", "alt"}

// templateTexts returns the quoted values of the templateTextKeys
// arguments of a template tag, written key:"value" (Liquid) or
// key="value" (Hugo, Jinja), in either quote: the first of each key, nil
// for a key the tag lacks. A value holds no tag of its own, so a caption
// is read once.
func templateTexts(tag []byte) (out [len(templateTextKeys)][]byte) {
	for n, key := range templateTextKeys {
		for from := 0; from < len(tag); {
			j := bytes.Index(tag[from:], []byte(key))
			if j < 0 {
				break
			}
			k := from + j
			from = k + len(key)
			// The key is a word of its own, followed by ':' or '=' and
			// a quote.
			if k > 0 && isWordByte(tag[k-1]) || from+1 >= len(tag) || tag[from] != ':' && tag[from] != '=' {
				continue
			}
			q := tag[from+1]
			if q != '"' && q != '\'' {
				continue
			}
			end := bytes.IndexByte(tag[from+2:], q)
			if end < 0 {
				break
			}
			if v := tag[from+2 : from+2+end]; len(v) > 0 && !bytes.Contains(v, []byte("{%")) && !bytes.Contains(v, []byte("{{")) {
				out[n] = v
			}
			break
		}
	}
	return out
}

// isWordByte reports whether c can be part of a template argument's name.
func isWordByte(c byte) bool {
	return c == '_' || c == '-' || '0' <= c && c <= '9' || 'a' <= c|0x20 && c|0x20 <= 'z'
}

// entityEnd is the offset just past the character reference ("&amp;",
// "&#8217;") starting at b[i], or i when none starts there.
func entityEnd(b []byte, i int) int {
	for j := i + 1; j < len(b) && j <= i+12; j++ {
		c := b[j]
		switch {
		case c == ';':
			if j > i+1 {
				return j + 1
			}
			return i
		case c == '#' && j == i+1, 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		default:
			return i
		}
	}
	return i
}
