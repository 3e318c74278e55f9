package redact

import (
	"bytes"
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
}

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

// redactXMPOnly blanks the XMP properties s.Fields names in the packets
// of a file of one of xmpOnlyFormats, then reads the edited file as a
// scan does: a field the extractors still read (from a packet in a
// compressed stream, an SVG's RDF outside a packet) is reported kept.
// pack asks these formats for single fields only (StripsKinds is false):
// positions and serial numbers go by Fields too, so that each is checked.
func redactXMPOnly(j *job) error {
	var fields []string
	for _, f := range j.strip.Fields {
		if strings.HasPrefix(f, "xmp:") {
			fields = append(fields, f)
		}
	}
	if len(fields) == 0 {
		return nil
	}
	err := j.scanXMP()
	if err == nil && j.mediaType == "image/svg+xml" && len(j.edits) == 0 {
		err = j.redactSVGRDF()
	}
	if err != nil {
		return err
	}
	// redactXMP reported what it blanked; the reading reports what stays.
	return j.checkFields(fields, nil)
}
