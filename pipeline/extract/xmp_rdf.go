package extract

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

const (
	nsRDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	nsXML = "http://www.w3.org/XML/1998/namespace"
	nsCC  = "http://creativecommons.org/ns#"
	nsDC  = "http://purl.org/dc/elements/1.1/"

	// maxXMPDepth bounds element nesting: real packets nest structs in
	// arrays a handful of levels deep, and stopping early keeps the XML
	// decoder's own stack small on a hostile packet.
	maxXMPDepth = 64
	// maxXMPProps bounds the properties taken from one packet.
	maxXMPProps = 4096
)

// xmpProp is one property value: path is "prefix:Local", with
// "/prefix:Field" appended for each struct level
// ("Iptc4xmpCore:CreatorContactInfo/Iptc4xmpCore:CiEmailWork").
type xmpProp struct {
	path, value string
	// item numbers the innermost rdf:li the value is in (0 when none), so
	// that the fields of one struct in an array can be told from the
	// next struct's.
	item int
}

// frame kinds of the RDF walk.
const (
	frameOuter     = iota // outside any rdf:Description
	frameRDF              // rdf:RDF: children are the nodes it describes
	frameNode             // rdf:Description or a parseType="Resource" property: children are properties
	frameProperty         // a property element: text, a container or a struct
	frameContainer        // rdf:Bag, rdf:Seq or rdf:Alt: children are rdf:li
)

type rdfFrame struct {
	kind     int
	path     string
	item     int // the innermost rdf:li, see xmpProp
	lang     string
	alt      bool // container is an rdf:Alt
	agent    bool // a cc:Agent node: its dc:title is the value of the property it is in
	hasChild bool
	text     strings.Builder
	altVals  []xmpProp // rdf:Alt items, the x-default one chosen at the end
}

// rdfParser turns the RDF/XML of an XMP packet into property values,
// naming namespaces by their conventional prefix.
type rdfParser struct {
	props    []xmpProp
	prefixes map[string]string // namespace URI -> prefix the packet declared
	items    int               // rdf:li elements seen
	item     int               // the item of the frame being emitted from
}

// parseXMP returns the properties of one XMP packet in document order.
// On malformed XML it returns what it read before the fault, with an error.
func parseXMP(packet []byte) ([]xmpProp, error) { return parseRDF(packet, false) }

// packetEnd is what may follow the last character of a packet, to be cut
// before it is parsed: white space, and the NUL byte that some phones
// (Samsung's Galaxy S7 among them) end a JPEG's XMP segment with, after
// the packet's trailer, as a C string ends. An XML parser rejects a NUL
// anywhere, though nothing of the packet is lost there.
const packetEnd = "\x00 \t\r\n"

// parseRDF is parseXMP; with firstRDF it stops at the end of the first
// rdf:RDF element, so that doc may be the opening of a larger document
// (an SVG cut after its metadata) whose other elements never close.
func parseRDF(packet []byte, firstRDF bool) ([]xmpProp, error) {
	p := &rdfParser{prefixes: map[string]string{}}
	packet = bytes.TrimRight(utf16ToUTF8(packet), packetEnd)
	d := xmlTokensOf(packet, nil, false)
	stack := []*rdfFrame{{kind: frameOuter}}
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return p.props, nil
		}
		if err != nil {
			return p.props, fmt.Errorf("parse xmp at byte %d: %w", d.InputOffset(), err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) >= maxXMPDepth {
				return p.props, fmt.Errorf("xmp nests deeper than %d elements", maxXMPDepth)
			}
			stack = append(stack, p.start(stack[len(stack)-1], t))
		case xml.EndElement:
			if len(stack) > 1 {
				top := stack[len(stack)-1]
				p.end(top, stack[len(stack)-2])
				stack = stack[:len(stack)-1]
				if firstRDF && top.kind == frameRDF {
					return p.props, nil
				}
			}
		case xml.CharData:
			if top := stack[len(stack)-1]; top.kind == frameProperty && top.text.Len() < maxValueLen {
				top.text.Write(t)
			}
		}
		if len(p.props) >= maxXMPProps {
			return p.props, nil
		}
	}
}

// start opens the frame for element t inside parent.
func (p *rdfParser) start(parent *rdfFrame, t xml.StartElement) *rdfFrame {
	p.notePrefixes(t.Attr)
	parent.hasChild = true
	isRDF := t.Name.Space == nsRDF
	f := &rdfFrame{kind: frameOuter, path: parent.path, item: parent.item, lang: attrValue(t.Attr, nsXML, "lang")}
	if parent.kind == frameContainer {
		p.items++
		f.item = p.items
	}
	p.item = f.item
	switch parent.kind {
	case frameOuter:
		switch {
		case isRDF && t.Name.Local == "Description":
			f.kind, f.path = frameNode, ""
			p.attrProps(f.path, t.Attr)
		case isRDF && t.Name.Local == "RDF":
			f.kind = frameRDF
		}
	case frameRDF:
		// rdf:Description, or a typed node (Inkscape's and the Creative
		// Commons' <cc:Work rdf:about="">) that describes the file itself.
		// A typed node about something else (the <cc:License> whose
		// terms a Work points to) says nothing of the file.
		if isRDF && t.Name.Local == "Description" || !isRDF && attrValue(t.Attr, nsRDF, "about") == "" {
			f.kind, f.path = frameNode, ""
			p.attrProps(f.path, t.Attr)
		}
	case frameContainer:
		f.kind = frameProperty // rdf:li, named by its container's property
		p.propertyAttrs(f, t.Attr)
	case frameProperty:
		switch {
		case isRDF && (t.Name.Local == "Bag" || t.Name.Local == "Seq" || t.Name.Local == "Alt"):
			f.kind, f.alt = frameContainer, t.Name.Local == "Alt"
		case isRDF && t.Name.Local == "Description":
			f.kind = frameNode
			p.attrProps(f.path, t.Attr)
		case t.Name.Space == nsCC && t.Name.Local == "Agent":
			// Creative Commons metadata names a creator or rights holder
			// as <dc:creator><cc:Agent><dc:title>Ann Lee</dc:title>...
			f.kind, f.agent = frameNode, true
		default: // a struct field written without rdf:Description
			f.kind, f.path = frameProperty, joinPath(parent.path, p.qname(t.Name))
			p.propertyAttrs(f, t.Attr)
		}
	case frameNode:
		f.kind, f.path = frameProperty, joinPath(parent.path, p.qname(t.Name))
		if parent.agent && t.Name.Space == nsDC && t.Name.Local == "title" {
			f.path = parent.path
		}
		p.propertyAttrs(f, t.Attr)
	}
	return f
}

// propertyAttrs handles the attributes of a property element: a resource
// URI is its value, parseType="Resource" makes it a struct, and other
// attributes are struct fields in shorthand.
func (p *rdfParser) propertyAttrs(f *rdfFrame, attrs []xml.Attr) {
	if v := attrValue(attrs, nsRDF, "resource"); v != "" {
		p.emit(f.path, v)
		f.hasChild = true
	}
	if attrValue(attrs, nsRDF, "parseType") == "Resource" {
		f.kind = frameNode
	}
	p.attrProps(f.path, attrs)
}

// attrProps emits the attributes that are properties (not RDF, XML or
// namespace syntax) under path.
func (p *rdfParser) attrProps(path string, attrs []xml.Attr) {
	for _, a := range attrs {
		switch a.Name.Space {
		case nsRDF, nsXML, "xmlns", "":
			continue
		}
		p.emit(joinPath(path, p.qname(a.Name)), a.Value)
	}
}

// end closes frame f whose parent is parent.
func (p *rdfParser) end(f, parent *rdfFrame) {
	p.item = f.item
	switch f.kind {
	case frameProperty:
		if f.hasChild {
			return
		}
		v := strings.TrimSpace(f.text.String())
		if parent.kind == frameContainer && parent.alt {
			parent.altVals = append(parent.altVals, xmpProp{path: f.lang, value: v})
			return
		}
		p.emit(f.path, v)
	case frameContainer:
		// A language alternative yields one value: the default language,
		// else the first.
		if len(f.altVals) > 0 {
			pick := f.altVals[0]
			for _, a := range f.altVals {
				if a.path == "x-default" {
					pick = a
					break
				}
			}
			p.emit(f.path, pick.value)
		}
	}
}

func (p *rdfParser) emit(path, value string) {
	if path == "" || strings.TrimSpace(value) == "" {
		return
	}
	p.props = append(p.props, xmpProp{path: path, value: strings.TrimSpace(value), item: p.item})
}

func (p *rdfParser) notePrefixes(attrs []xml.Attr) {
	for _, a := range attrs {
		if a.Name.Space == "xmlns" {
			if _, ok := p.prefixes[a.Value]; !ok && len(p.prefixes) < 256 {
				p.prefixes[a.Value] = a.Name.Local
			}
		}
	}
}

// qname names n by the conventional prefix of its namespace, else by the
// prefix the packet declared, else by the namespace URI itself.
func (p *rdfParser) qname(n xml.Name) string {
	if pre, ok := xmpPrefixes[n.Space]; ok {
		return pre + ":" + n.Local
	}
	if pre, ok := p.prefixes[n.Space]; ok {
		return pre + ":" + n.Local
	}
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

func joinPath(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "/" + name
}

func attrValue(attrs []xml.Attr, space, local string) string {
	for _, a := range attrs {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// utf16ToUTF8 re-encodes a packet written in UTF-16 (which the XMP
// specification allows, and some writers use inside JPEG APP1) as UTF-8;
// a packet in UTF-8 is returned as it is.
func utf16ToUTF8(b []byte) []byte {
	text, _ := XMPText(b)
	return text
}

// XMPText returns an XMP packet as UTF-8 text. A packet in UTF-8 is
// returned as it is, with a nil at. A packet in UTF-16 (the byte order
// from a BOM, or from where the NUL bytes of the ASCII markup fall) is
// re-encoded, and at[i] gives the offset in the packet of the character
// that byte i of text belongs to, at[len(text)] the packet's length: so
// the redactor can blank in the packet what it finds in the text.
func XMPText(b []byte) (text []byte, at []int) {
	if len(b) < 4 {
		return b, nil
	}
	var order binary.ByteOrder
	start := 0
	switch {
	case b[0] == 0xFF && b[1] == 0xFE:
		order, start = binary.LittleEndian, 2
	case b[0] == 0xFE && b[1] == 0xFF:
		order, start = binary.BigEndian, 2
	case b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0:
		order = binary.LittleEndian
	case b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0:
		order = binary.BigEndian
	default:
		return b, nil
	}
	text = make([]byte, 0, len(b)/2)
	at = make([]int, 0, len(b)/2+1)
	for i := start; i+1 < len(b); {
		from := i
		r := rune(order.Uint16(b[i:]))
		i += 2
		if utf16.IsSurrogate(r) {
			r2 := utf8.RuneError
			if i+1 < len(b) {
				r2 = rune(order.Uint16(b[i:]))
			}
			if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
				r = d
				i += 2
			} else {
				r = utf8.RuneError
			}
		}
		n := len(text)
		text = utf8.AppendRune(text, r)
		for range len(text) - n {
			at = append(at, from)
		}
	}
	return text, append(at, len(b))
}
