package redact

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/consignhq/consign/pipeline/extract"
)

// xmpSensitive reports whether a property named local is one s removes
// by its kind: any property whose name starts with GPS (exif:GPSLatitude,
// a drone's GpsLatitude), ends in SerialNumber (aux:SerialNumber,
// exifEX:BodySerialNumber) or ends in OwnerName (aux:OwnerName,
// exifEX:CameraOwnerName), wherever it sits.
func xmpSensitive(local string, s Strip) bool {
	l := strings.ToLower(local)
	return (s.GPS && strings.HasPrefix(l, "gps")) ||
		(s.Serials && strings.HasSuffix(l, "serialnumber")) ||
		(s.Owner && strings.HasSuffix(l, "ownername"))
}

// xmpFieldNamed reports whether s.Fields names the top-level property
// called name ("dc:creator"): as "xmp:dc:creator", or by a path inside
// it ("xmp:Iptc4xmpExt:LocationShown/Iptc4xmpExt:City"), which removes
// the whole property.
func xmpFieldNamed(name string, s Strip) bool {
	for _, f := range s.Fields {
		if p, ok := strings.CutPrefix(f, "xmp:"); ok && (p == name || strings.HasPrefix(p, name+"/")) {
			return true
		}
	}
	return false
}

// rdfNS is the namespace of RDF syntax: a property at the top of a packet
// is a child (or an attribute) of an rdf:Description inside rdf:RDF.
const rdfNS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

func isRDF(n xml.Name, local string) bool { return n.Space == rdfNS && n.Local == local }

// errXMPUnreadable is returned for a packet that cannot be parsed but
// shows names the redaction would remove: it cannot be redacted safely.
var errXMPUnreadable = errors.New("xmp packet is not well-formed and may hold data to remove")

// redactXMP is redactXMPText for a packet in UTF-8 or UTF-16: a UTF-16
// packet is read as UTF-8 text, and each character the text redaction
// blanks becomes spaces in the packet, one UTF-16 unit for each unit it
// took, so the packet keeps its length and its encoding.
func redactXMP(packet []byte, s Strip, rep *Report) ([]byte, error) {
	text, at := extract.XMPText(packet)
	out, err := redactXMPText(text, s, rep)
	if at == nil || out == nil || err != nil {
		return out, err
	}
	big := packet[0] == 0xFE || packet[0] == 0 // the BOM, or the NUL of "<" first
	res := bytes.Clone(packet)
	for i := 0; i < len(text); {
		j := i + 1
		for j < len(text) && at[j] == at[i] {
			j++ // the bytes of one character share its offset
		}
		if !bytes.Equal(out[i:j], text[i:j]) {
			for k := at[i]; k+1 < at[j]; k += 2 {
				if big {
					res[k], res[k+1] = 0, ' '
				} else {
					res[k], res[k+1] = ' ', 0
				}
			}
		}
		i = j
	}
	return res, nil
}

// redactXMPText returns a copy of packet with every property s removes
// overwritten by spaces, as an element or as an attribute, or nil when
// nothing is removed. The copy has the packet's length, so the container
// around it needs no change, and stays well-formed: the blanks fall
// between elements or between attributes.
func redactXMPText(packet []byte, s Strip, rep *Report) ([]byte, error) {
	return redactRDF(packet, s, rep, false)
}

// redactRDF is redactXMPText, reading packet to its end, or, with
// firstRDF, only to the end of its first rdf:RDF element (the metadata
// of an SVG document, packet being the document up to there).
func redactRDF(packet []byte, s Strip, rep *Report, firstRDF bool) ([]byte, error) {
	var out []byte
	blank := func(from, to int64, name string) {
		if out == nil {
			out = bytes.Clone(packet)
		}
		for i := from; i < to; i++ {
			out[i] = ' '
		}
		rep.applied("xmp:" + name + " removed")
	}
	d := xml.NewDecoder(bytes.NewReader(packet))
	// parents are the open elements; a property at the top of the packet
	// has a node that describes the file, and rdf:RDF, above it.
	var parents []rdfElement
	topLevel := func() bool {
		n := len(parents)
		return n >= 2 && parents[n-1].node && isRDF(parents[n-2].name, "RDF")
	}
	rootSeen := false
	for !(rootSeen && len(parents) == 0) {
		start := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return unreadable(packet, s, rep, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			rootSeen = true
			end := d.InputOffset()
			name := xmpName(t.Name, packet[start:end])
			if xmpSensitive(t.Name.Local, s) || (topLevel() && xmpFieldNamed(name, s)) {
				if err := d.Skip(); err != nil {
					return unreadable(packet, s, rep, err)
				}
				blank(start, d.InputOffset(), name)
				continue
			}
			// With t among the parents, topLevel says whether t is the
			// rdf:Description whose attributes are top-level properties:
			// as the extractor reads RDF, a typed node (Inkscape's
			// <cc:Work rdf:about="">) under rdf:RDF describes the file too,
			// unless it is about something else.
			node := isRDF(t.Name, "Description") || t.Name.Space != rdfNS && rdfAbout(t.Attr) == ""
			parents = append(parents, rdfElement{t.Name, node})
			attrsTop := topLevel()
			spans, err := attrSpans(packet[start:end])
			if err == nil && len(spans) != len(t.Attr) {
				err = fmt.Errorf("%d attributes where the parser saw %d", len(spans), len(t.Attr))
			}
			if err != nil {
				return unreadable(packet, s, rep, fmt.Errorf("element at offset %d: %w", start, err))
			}
			for i, a := range t.Attr {
				if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" {
					continue
				}
				sp := spans[i]
				an := xmpName(a.Name, packet[start+sp.from:start+sp.to])
				if xmpSensitive(a.Name.Local, s) || (attrsTop && a.Name.Space != rdfNS && xmpFieldNamed(an, s)) {
					blank(start+sp.from, start+sp.to, an)
				}
			}
		case xml.EndElement:
			if len(parents) > 0 {
				parents = parents[:len(parents)-1]
			}
			if firstRDF && isRDF(t.Name, "RDF") {
				rootSeen, parents = true, nil
			}
		}
	}
	// Bytes after the root element (padding, NULs some writers leave) are
	// not parsed; they must not hide what the redaction removes.
	if rest := packet[d.InputOffset():]; hasSensitiveMarker(rest, s) {
		return nil, fmt.Errorf("data after the xmp root element: %w", errXMPUnreadable)
	}
	keepMarkedFields(packet[d.InputOffset():], s, rep)
	return out, nil
}

// rdfElement is an open element of an XMP packet: its name, and whether
// it is a node whose properties describe the file, when rdf:RDF holds it.
type rdfElement struct {
	name xml.Name
	node bool
}

// rdfAbout is an element's rdf:about.
func rdfAbout(attrs []xml.Attr) string {
	for _, a := range attrs {
		if a.Name.Space == rdfNS && a.Name.Local == "about" {
			return a.Value
		}
	}
	return ""
}

// unreadable decides what a parse error means: an error when the packet
// shows a name of the kinds s removes (positions, serials, owners), which
// must not ship; otherwise nothing is removed from it, and a field of
// s.Fields it may hold is reported kept, so that its finding stays open.
func unreadable(packet []byte, s Strip, rep *Report, err error) ([]byte, error) {
	if hasSensitiveMarker(packet, s) {
		return nil, fmt.Errorf("%w: %v", errXMPUnreadable, err)
	}
	keepMarkedFields(packet, s, rep)
	return nil, nil
}

// hasSensitiveMarker looks for the names xmpSensitive matches anywhere in
// b, ignoring case and NUL bytes (so UTF-16 text is caught too).
func hasSensitiveMarker(b []byte, s Strip) bool {
	l := lowerNoNUL(b)
	return (s.GPS && bytes.Contains(l, []byte("gps"))) ||
		(s.Serials && bytes.Contains(l, []byte("serialnumber"))) ||
		(s.Owner && bytes.Contains(l, []byte("ownername")))
}

// keepMarkedFields reports kept each XMP field of s.Fields whose local
// name shows in b, bytes the redaction could not parse.
func keepMarkedFields(b []byte, s Strip, rep *Report) {
	var l []byte
	for _, f := range s.Fields {
		p, ok := strings.CutPrefix(f, "xmp:")
		if !ok {
			continue
		}
		p, _, _ = strings.Cut(p, "/")
		p = p[strings.LastIndexByte(p, ':')+1:]
		if l == nil {
			l = lowerNoNUL(b)
		}
		if p != "" && bytes.Contains(l, []byte(strings.ToLower(p))) {
			rep.kept(f + " kept: in XMP that is not well-formed")
		}
	}
}

func lowerNoNUL(b []byte) []byte { return bytes.ToLower(bytes.ReplaceAll(b, []byte{0}, nil)) }

// xmpName names a removed property for the report: the conventional
// prefix of its namespace, or the prefix the packet used.
func xmpName(n xml.Name, raw []byte) string {
	if p, ok := extract.XMPPrefix(n.Space); ok {
		return p + ":" + n.Local
	}
	raw = bytes.TrimPrefix(raw, []byte("<"))
	if i := bytes.IndexAny(raw, " \t\r\n=/>"); i >= 0 {
		raw = raw[:i]
	}
	return string(raw)
}

// span is a byte range [from, to): of a start tag (attrSpans), of a TIFF
// block (tiffRedactor.keep).
type span struct{ from, to int64 }

// attrSpans finds the byte range of each attribute (name="value") in the
// raw start tag b, in order.
func attrSpans(b []byte) ([]span, error) {
	i := bytes.IndexAny(b, " \t\r\n/>")
	if i < 0 {
		return nil, errors.New("unterminated start tag")
	}
	var out []span
	for {
		for i < len(b) && isXMLSpace(b[i]) {
			i++
		}
		if i >= len(b) || b[i] == '/' || b[i] == '>' {
			return out, nil
		}
		from := i
		for i < len(b) && b[i] != '=' && !isXMLSpace(b[i]) {
			i++
		}
		for i < len(b) && isXMLSpace(b[i]) {
			i++
		}
		if i >= len(b) || b[i] != '=' {
			return nil, fmt.Errorf("attribute at %d has no value", from)
		}
		i++
		for i < len(b) && isXMLSpace(b[i]) {
			i++
		}
		if i >= len(b) || (b[i] != '"' && b[i] != '\'') {
			return nil, fmt.Errorf("attribute at %d has no quoted value", from)
		}
		q := bytes.IndexByte(b[i+1:], b[i])
		if q < 0 {
			return nil, fmt.Errorf("attribute at %d has an unterminated value", from)
		}
		i += q + 2
		out = append(out, span{int64(from), int64(i)})
	}
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
