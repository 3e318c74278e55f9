package redact

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"

	"github.com/consignhq/consign/pipeline/extract/filetest"

	"github.com/consignhq/consign/pipeline/extract"
)

const ccNS = `xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:cc="http://creativecommons.org/ns#"`

// TestFieldsXMPOnly: XMP properties go from the formats whose metadata is
// an XMP packet written as text (an EPS, an AVI) and from an SVG's RDF as
// Inkscape writes it, typed nodes and namespaces on the svg element, and
// from XMP sidecars; the file keeps its length, and what the RDF says of
// another resource stays.
func TestFieldsXMPOnly(t *testing.T) {
	packet := `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF ` + ccNS + `><rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" pdf:Author="Ann Other" dc:format="image/x"><dc:creator><rdf:Seq><rdf:li>Ann Other</rdf:li></rdf:Seq></dc:creator><dc:title><rdf:Alt><rdf:li xml:lang="x-default">Harbour</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta>`
	le := binary.LittleEndian
	for _, c := range []struct {
		name string
		file []byte
		kept []string
	}{
		{"a.eps", []byte("%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n%%EndComments\n%begin_xml_code\n" + packet + "\n%end_xml_code\nshowpage\n%%EOF\n"), []string{"xmp:dc:title"}},
		{"a.avi", filetest.IFF(le, "RIFF", "AVI ", filetest.IFFChunk(le, "LIST", []byte("hdrlavih")), filetest.IFFChunk(le, "_PMX", []byte(packet))), []string{"xmp:dc:title"}},
		{"a.svg", []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" ` + ccNS + ` width="10" height="10"><metadata><rdf:RDF>` +
			`<cc:Work rdf:about=""><dc:format>image/svg+xml</dc:format><dc:creator><cc:Agent><dc:title>Ann Other</dc:title></cc:Agent></dc:creator><dc:title>Harbour</dc:title></cc:Work>` +
			`<cc:License rdf:about="http://creativecommons.org/licenses/by/4.0/"><dc:creator>Creative Commons</dc:creator></cc:License>` +
			`</rdf:RDF></metadata><rect width="10" height="10"/></svg>`), []string{"xmp:dc:title", "xmp:dc:format"}},
		// Sidecars, read whole: one with a packet longer than the head
		// and tail the other formats are searched in, and one whose RDF
		// has no packet around it.
		{"a.xmp", []byte("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" + strings.Replace(packet, "</rdf:RDF>", strings.Repeat(" ", 200<<10)+"</rdf:RDF>", 1) +
			"\n<?xpacket end=\"w\"?>"), []string{"xmp:dc:title"}},
		{"b.xmp", []byte(`<?xml version="1.0"?>` + packet[strings.Index(packet, "<rdf:RDF"):strings.Index(packet, "</x:xmpmeta>")]), []string{"xmp:dc:title"}},
	} {
		mt, _ := extract.Sniff(c.name, c.file[:min(len(c.file), extract.HeadSize)])
		if !xmpOnlyFormats[mt] {
			t.Fatalf("%s sniffs as %s", c.name, mt)
		}
		fields := []string{"xmp:dc:creator"}
		if mt != "image/svg+xml" {
			fields = append(fields, "xmp:pdf:Author")
		}
		out, rep := redactBytes(t, c.file, mt, Strip{Fields: fields})
		if len(out) != len(c.file) {
			t.Errorf("%s: copy of %d bytes, original %d", c.name, len(out), len(c.file))
		}
		checkFields(t, fieldValues(t, c.name, c.file), fieldValues(t, c.name, out), rep, fields, c.kept)
		if bytes.Contains(out, []byte("Ann Other")) {
			t.Errorf("%s: copy still holds the name:\n%s", c.name, out)
		}
		if mt == "image/svg+xml" && !bytes.Contains(out, []byte("<dc:creator>Creative Commons</dc:creator>")) {
			t.Errorf("the licence's own creator went too:\n%s", out)
		}
		if FieldSupported(mt, "exif:Artist") || !FieldSupported(mt, "xmp:dc:creator") || StripsKinds(mt) {
			t.Errorf("%s: FieldSupported or StripsKinds is wrong", mt)
		}
	}
}
