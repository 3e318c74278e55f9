package redact

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// xmpPrefixes names the namespaces whose properties the redactor removes
// by the prefixes pipeline/extract uses for them, so a report reads
// "xmp:exif:GPSLatitude removed" whatever prefix the writer chose.
var xmpPrefixes = map[string]string{
	"http://ns.adobe.com/exif/1.0/":     "exif",
	"http://ns.adobe.com/exif/1.0/aux/": "aux",
	"http://cipa.jp/exif/1.0/":          "exifEX",
	"http://ns.adobe.com/tiff/1.0/":     "tiff",
}

// xmpSensitive reports whether a property named local is one s removes:
// any property whose name starts with GPS (exif:GPSLatitude, a drone's
// GpsLatitude), ends in SerialNumber (aux:SerialNumber,
// exifEX:BodySerialNumber) or ends in OwnerName (aux:OwnerName,
// exifEX:CameraOwnerName).
func xmpSensitive(local string, s Strip) bool {
	l := strings.ToLower(local)
	return (s.GPS && strings.HasPrefix(l, "gps")) ||
		(s.Serials && strings.HasSuffix(l, "serialnumber")) ||
		(s.Owner && strings.HasSuffix(l, "ownername"))
}

// errXMPUnreadable is returned for a packet that cannot be parsed but
// shows names the redaction would remove: it cannot be redacted safely.
var errXMPUnreadable = errors.New("xmp packet is not well-formed and may hold data to remove")

// redactXMP returns a copy of packet with every property s removes
// overwritten by spaces, as an element or as an attribute, or nil when
// nothing is removed. The copy has the packet's length, so the container
// around it needs no change, and stays well-formed: the blanks fall
// between elements or between attributes.
func redactXMP(packet []byte, s Strip, rep *Report) ([]byte, error) {
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
	depth, rootSeen := 0, false
	for !(rootSeen && depth == 0) {
		start := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return unreadable(packet, s, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			rootSeen = true
			end := d.InputOffset()
			if xmpSensitive(t.Name.Local, s) {
				if err := d.Skip(); err != nil {
					return unreadable(packet, s, err)
				}
				blank(start, d.InputOffset(), xmpName(t.Name, packet[start:end]))
				continue
			}
			depth++
			spans, err := attrSpans(packet[start:end])
			if err == nil && len(spans) != len(t.Attr) {
				err = fmt.Errorf("%d attributes where the parser saw %d", len(spans), len(t.Attr))
			}
			if err != nil {
				return unreadable(packet, s, fmt.Errorf("element at offset %d: %w", start, err))
			}
			for i, a := range t.Attr {
				if a.Name.Space == "xmlns" || a.Name.Local == "xmlns" || !xmpSensitive(a.Name.Local, s) {
					continue
				}
				sp := spans[i]
				blank(start+sp.from, start+sp.to, xmpName(a.Name, packet[start+sp.from:start+sp.to]))
			}
		case xml.EndElement:
			depth--
		}
	}
	// Bytes after the root element (padding, NULs some writers leave) are
	// not parsed; they must not hide what the redaction removes.
	if rest := packet[d.InputOffset():]; hasSensitiveMarker(rest, s) {
		return nil, fmt.Errorf("data after the xmp root element: %w", errXMPUnreadable)
	}
	return out, nil
}

// unreadable decides what a parse error means: nothing to do when the
// packet shows no name the redaction removes, an error otherwise.
func unreadable(packet []byte, s Strip, err error) ([]byte, error) {
	if !hasSensitiveMarker(packet, s) {
		return nil, nil
	}
	return nil, fmt.Errorf("%w: %v", errXMPUnreadable, err)
}

// hasSensitiveMarker looks for the names xmpSensitive matches anywhere in
// b, ignoring case and NUL bytes (so UTF-16 text is caught too).
func hasSensitiveMarker(b []byte, s Strip) bool {
	l := bytes.ToLower(bytes.ReplaceAll(b, []byte{0}, nil))
	return (s.GPS && bytes.Contains(l, []byte("gps"))) ||
		(s.Serials && bytes.Contains(l, []byte("serialnumber"))) ||
		(s.Owner && bytes.Contains(l, []byte("ownername")))
}

// xmpName names a removed property for the report: the conventional
// prefix of its namespace, or the prefix the packet used.
func xmpName(n xml.Name, raw []byte) string {
	if p, ok := xmpPrefixes[n.Space]; ok {
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
