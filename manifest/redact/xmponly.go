package redact

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
)

// xmpOnlyFormats are the media types whose only metadata the redactor
// edits is XMP written as plain text where the XMP extractor finds it,
// in the first or last 64 KiB of the file: PostScript and EPS, GIMP's
// XCF, AVI, uncompressed Flash, InDesign and SVG files that keep an
// x:xmpmeta packet. Their blocks carry no checksums, and a blanked
// packet keeps its length, so nothing else in the file moves.
var xmpOnlyFormats = map[string]bool{
	"application/postscript":        true,
	"image/x-xcf":                   true,
	"video/x-msvideo":               true,
	"application/x-shockwave-flash": true,
	"application/x-indesign":        true,
	"image/svg+xml":                 true,
	sidecarType:                     true,
}

// sidecarType is an XMP sidecar's (.xmp): the file is one packet.
const sidecarType = "application/rdf+xml"

// svgRDFEnd closes the RDF of an SVG's metadata element.
var svgRDFEnd = []byte("</rdf:RDF>")

// redactSVGRDF blanks the properties j.strip.Fields names in the RDF an
// SVG keeps in its metadata element without an XMP packet around it
// (<metadata><rdf:RDF><cc:Work rdf:about="">, as Inkscape writes it),
// read as the XMP extractor reads it: the document from its start to the
// end of its first rdf:RDF, at most maxXMPPacket bytes, with the
// namespaces the svg element declares.
func (j *job) redactSVGRDF() error {
	doc, err := readBlock(j.r, 0, min(j.size, maxXMPPacket), maxXMPPacket, "svg metadata")
	if err != nil {
		return err
	}
	end := bytes.Index(doc, svgRDFEnd)
	if end < 0 {
		return nil
	}
	out, err := redactRDF(doc[:end+len(svgRDFEnd)], j.strip, &j.rep, true)
	if err != nil || out == nil {
		return err
	}
	j.add(patch(0, out))
	return nil
}

// isXMPPosition reports whether field names an XMP property whose own
// name says it holds a position (xmp:exif:GPSLatitude,
// xmp:drone-dji:GpsLatitude), as Strip.GPS finds them.
func isXMPPosition(field string) bool {
	p, ok := strings.CutPrefix(field, "xmp:")
	if !ok {
		return false
	}
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		p = p[i+1:]
	}
	return xmpSensitive(p[strings.LastIndexByte(p, ':')+1:], Strip{GPS: true})
}

// redactSidecar blanks the properties j.strip.Fields names in an XMP
// sidecar, which the XMP extractor reads whole as one packet (up to
// maxXMPPacket, its own bound; a larger one is searched as other files
// are), whether its RDF sits in an x:xmpmeta packet or not.
//
// The job's content ranges (a name a scan found in the sidecar's text)
// are masked first, so that the properties are then blanked in the
// masked document, which stays well-formed.
func (j *job) redactSidecar() error {
	doc, err := readBlock(j.r, 0, j.size, maxXMPPacket, "xmp sidecar")
	if err != nil {
		return err
	}
	masked, err := j.maskContent(doc)
	if err != nil {
		return err
	}
	out, err := redactRDF(masked, j.strip, &j.rep, false)
	if err != nil {
		return err
	}
	if out == nil {
		out = masked
	}
	if !bytes.Equal(out, doc) {
		j.add(patch(0, out))
	}
	return nil
}

// redactXMPOnly blanks the XMP properties s.Fields names in the packets
// of a file of one of xmpOnlyFormats, then reads the edited file as a
// scan does: a field the extractors still read (from a packet in a
// compressed stream, an SVG's RDF outside a packet) is reported kept.
// pack asks these formats for single fields only (StripsKinds is false):
// positions and serial numbers go by Fields too, so that each is checked;
// Strip's GPS, Serials and Owner blank the properties they name as in
// any packet. An XMP sidecar may also have content ranges masked.
func redactXMPOnly(j *job) error {
	fields := j.strip.fieldsWhere(prefixed("xmp:"))
	if len(fields) == 0 && len(j.content) == 0 && !j.strip.GPS && !j.strip.Serials && !j.strip.Owner {
		return nil
	}
	// A position named by one of its properties (a finding made in
	// xmp:exif:GPSLatitude) takes every position property with it, as
	// Strip.GPS does in a photo: a longitude left alone still says where.
	if slices.ContainsFunc(fields, isXMPPosition) {
		j.strip.GPS = true
	}
	if len(j.content) > 0 && j.size > maxXMPPacket {
		return fmt.Errorf("text to mask in an xmp sidecar over %d bytes", maxXMPPacket)
	}
	var err error
	if j.mediaType == sidecarType && j.size <= maxXMPPacket {
		err = j.redactSidecar()
	} else {
		err = j.scanXMP()
	}
	if err == nil && j.mediaType == "image/svg+xml" && len(j.edits) == 0 {
		err = j.redactSVGRDF()
	}
	if err != nil {
		return err
	}
	// redactXMP reported what it blanked; the reading reports what stays.
	return j.checkFields(fields, nil)
}
