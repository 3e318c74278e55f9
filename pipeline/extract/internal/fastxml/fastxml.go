// Package fastxml reads the XML that documents and photos carry (office
// document parts, XMP packets) into the tokens encoding/xml's Decoder
// gives, many times faster: encoding/xml reads a byte at a time through
// an interface and was over a quarter of the CPU time of scanning a Word
// file.
//
// It reads only a plain subset of XML, one it can read exactly as
// encoding/xml does with Strict off: ASCII names with at most one colon,
// quoted attribute values, the five predefined entities and character
// references, comments, processing instructions and CDATA sections, every
// element closed by its own name, UTF-8 text of XML characters. New
// reports whether a whole document is in that subset before it hands out
// a token; for any other document (a DOCTYPE, another encoding, an
// unknown entity, a malformed tag, an unclosed element) the caller reads
// it with encoding/xml as before, and gets the same tokens and the same
// errors. FuzzMatchesEncodingXML holds the two readers to the same
// tokens on every document New accepts.
//
// Comments, processing instructions and directives are read but not
// handed out: the callers look at elements and character data only.
package fastxml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
)

// maxDepth bounds the elements open at once; deeper documents are left
// to encoding/xml and the caller's own bounds.
const maxDepth = 4096

const (
	xmlURL      = "http://www.w3.org/XML/1998/namespace"
	xmlnsPrefix = "xmlns"
	xmlPrefix   = "xml"
)

// Reader hands out the tokens of a document New accepted.
type Reader struct {
	data []byte
	pos  int
	// build is false while New checks the document: tokens are read but
	// not made, and names are not looked up.
	build bool

	open    []frame
	ns      []binding // prefixes bound by the open elements, innermost last
	pending bool      // the end half of a self-closing element is next
	end     xml.Name  // its name
	text    []byte    // decoded character data
	names   *[64]string
	// last is the last prefix looked up and its namespace: most elements
	// of a document share one prefix.
	last, lastURL string
	lastOK        bool
}

// frame is an open element: its name as written and translated, and how
// many bindings were in scope before it.
type frame struct {
	raw  []byte
	name xml.Name
	ns   int
}

// binding is a prefix's namespace ("" for the default).
type binding struct {
	prefix, url string
}

// New returns a Reader for data, or false when data is not in the subset
// this package reads (see the package doc).
func New(data []byte) (*Reader, bool) {
	r := &Reader{data: data, open: make([]frame, 0, 16)}
	for {
		_, err := r.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, false
		}
	}
	*r = Reader{data: data, build: true, open: r.open[:0], text: r.text[:0]}
	return r, true
}

// checked is the token of every kind New's check hands itself: making
// the real ones would cost an allocation each.
var checked xml.Token = xml.Comment(nil)

// errUnsupported stops a document outside the subset.
var errUnsupported = errors.New("fastxml: outside the subset read")

// InputOffset is the offset in data just past the last token handed out,
// as encoding/xml's Decoder.InputOffset.
func (r *Reader) InputOffset() int64 { return int64(r.pos) }

// Token returns the next start element, end element or character data,
// or io.EOF at the end. The bytes of character data are valid until the
// next call.
func (r *Reader) Token() (xml.Token, error) {
	if r.pending {
		r.pending = false
		r.close()
		if !r.build {
			return checked, nil
		}
		return xml.EndElement{Name: r.end}, nil
	}
	for {
		if r.pos >= len(r.data) {
			if len(r.open) > 0 {
				return nil, errUnsupported
			}
			return nil, io.EOF
		}
		if r.data[r.pos] != '<' {
			return r.charData()
		}
		tok, err := r.markup()
		if err != nil || tok != nil {
			return tok, err
		}
		// A comment or a processing instruction: read on.
	}
}

// charData reads text up to the next '<'.
func (r *Reader) charData() (xml.Token, error) {
	end := bytes.IndexByte(r.data[r.pos:], '<')
	if end < 0 {
		end = len(r.data)
	} else {
		end += r.pos
	}
	raw := r.data[r.pos:end]
	if bytes.Contains(raw, []byte("]]>")) {
		return nil, errUnsupported
	}
	text, ok := r.decode(raw, true)
	if !ok {
		return nil, errUnsupported
	}
	r.pos = end
	if !r.build {
		return checked, nil
	}
	return xml.CharData(text), nil
}

// markup reads what starts at '<': an element's start or end, or a
// comment, CDATA section or processing instruction (nil token).
func (r *Reader) markup() (xml.Token, error) {
	rest := r.data[r.pos+1:]
	switch {
	case len(rest) == 0:
		return nil, errUnsupported
	case rest[0] == '/':
		return r.endTag()
	case rest[0] == '?':
		return nil, r.procInst()
	case bytes.HasPrefix(rest, []byte("!--")):
		return nil, r.comment()
	case bytes.HasPrefix(rest, []byte("![CDATA[")):
		return r.cdata()
	case rest[0] == '!':
		return nil, errUnsupported // DOCTYPE and other directives
	}
	return r.startTag()
}

func (r *Reader) startTag() (xml.Token, error) {
	p := r.pos + 1
	end, colon, ok := r.name(p)
	if !ok || len(r.open) >= maxDepth {
		return nil, errUnsupported
	}
	raw := r.data[p:end]
	var attrs []xml.Attr
	p = end
	for {
		p = r.skipSpace(p)
		if p >= len(r.data) {
			return nil, errUnsupported
		}
		c := r.data[p]
		if c == '>' || c == '/' {
			break
		}
		aEnd, aColon, ok := r.name(p)
		if !ok {
			return nil, errUnsupported
		}
		aRaw := r.data[p:aEnd]
		p = r.skipSpace(aEnd)
		if p >= len(r.data) || r.data[p] != '=' {
			return nil, errUnsupported // a name without a value
		}
		p = r.skipSpace(p + 1)
		if p >= len(r.data) || r.data[p] != '"' && r.data[p] != '\'' {
			return nil, errUnsupported // an unquoted value
		}
		q := bytes.IndexByte(r.data[p+1:], r.data[p])
		if q < 0 {
			return nil, errUnsupported
		}
		val := r.data[p+1 : p+1+q]
		if bytes.IndexByte(val, '<') >= 0 {
			return nil, errUnsupported
		}
		text, ok := r.decode(val, true)
		if !ok {
			return nil, errUnsupported
		}
		p += q + 2
		if r.build {
			if attrs == nil {
				attrs = make([]xml.Attr, 0, 4)
			}
			attrs = append(attrs, xml.Attr{Name: r.qname(aRaw, aColon), Value: string(text)})
		}
	}
	selfClosing := r.data[p] == '/'
	if selfClosing {
		if p+1 >= len(r.data) || r.data[p+1] != '>' {
			return nil, errUnsupported
		}
		p++
	}
	r.pos = p + 1
	f := frame{raw: raw, ns: len(r.ns)}
	if !r.build {
		// Checking needs no names: nothing in them makes a document
		// unreadable once they are in the subset.
		r.open = append(r.open, f)
		r.pending = selfClosing
		return checked, nil
	}

	// The bindings an element makes apply to its own name and attributes.
	for _, a := range attrs {
		switch {
		case a.Name.Space == xmlnsPrefix:
			r.bind(a.Name.Local, a.Value)
		case a.Name.Space == "" && a.Name.Local == xmlnsPrefix:
			r.bind("", a.Value)
		}
	}
	f.name = r.qname(raw, colon)
	r.translate(&f.name, true)
	for i := range attrs {
		r.translate(&attrs[i].Name, false)
	}
	r.open = append(r.open, f)
	if attrs == nil {
		attrs = []xml.Attr{}
	}
	if selfClosing {
		r.pending, r.end = true, f.name
	}
	return xml.StartElement{Name: f.name, Attr: attrs}, nil
}

func (r *Reader) endTag() (xml.Token, error) {
	p := r.pos + 2
	end, _, ok := r.name(p)
	if !ok || len(r.open) == 0 {
		return nil, errUnsupported
	}
	top := r.open[len(r.open)-1]
	if !bytes.Equal(r.data[p:end], top.raw) {
		return nil, errUnsupported // encoding/xml would close others first, or fail
	}
	p = r.skipSpace(end)
	if p >= len(r.data) || r.data[p] != '>' {
		return nil, errUnsupported
	}
	r.pos = p + 1
	r.close()
	if !r.build {
		return checked, nil
	}
	return xml.EndElement{Name: top.name}, nil
}

// close pops the innermost element and the bindings it made.
func (r *Reader) close() {
	f := r.open[len(r.open)-1]
	r.open = r.open[:len(r.open)-1]
	if len(r.ns) != f.ns {
		r.ns = r.ns[:f.ns]
		r.lastOK = false
	}
}

func (r *Reader) bind(prefix, url string) {
	r.ns = append(r.ns, binding{prefix: prefix, url: url})
	r.lastOK = false
}

// lookup returns the namespace bound to prefix, the innermost binding.
func (r *Reader) lookup(prefix string) (string, bool) {
	if r.lastOK && prefix == r.last {
		return r.lastURL, true
	}
	for i := len(r.ns) - 1; i >= 0; i-- {
		if r.ns[i].prefix == prefix {
			r.last, r.lastURL, r.lastOK = prefix, r.ns[i].url, true
			return r.ns[i].url, true
		}
	}
	return "", false
}

// translate is encoding/xml's: a prefix becomes its namespace's URL.
func (r *Reader) translate(n *xml.Name, element bool) {
	switch {
	case n.Space == xmlnsPrefix:
		return
	case n.Space == "" && !element:
		return
	case n.Space == xmlPrefix:
		n.Space = xmlURL
	case n.Space == "" && n.Local == xmlnsPrefix:
		return
	}
	if v, ok := r.lookup(n.Space); ok {
		n.Space = v
	}
}
