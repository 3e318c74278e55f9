package main

import (
	"encoding/xml"
	"fmt"
	"strings"
)

// xmpSpec holds the few XMP properties the fixtures carry. Empty fields
// are left out of the packet.
type xmpSpec struct {
	Creator     string // dc:creator (an ordered list of one)
	Rights      string // dc:rights (a language alternative, x-default)
	Title       string // dc:title (a language alternative, x-default)
	DateCreated string // photoshop:DateCreated, ISO 8601
	CreatorTool string // xmp:CreatorTool
}

// packet renders the spec as a complete XMP packet with the xpacket
// wrapper, as Adobe tools write it into JPEG, PNG and TIFF files.
func (s xmpSpec) packet() string {
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\" x:xmptk=\"consign fixture\">\n")
	b.WriteString(" <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
	b.WriteString("  <rdf:Description rdf:about=\"\"\n")
	b.WriteString("    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n")
	b.WriteString("    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n")
	b.WriteString("    xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\"")
	if s.DateCreated != "" {
		fmt.Fprintf(&b, "\n    photoshop:DateCreated=\"%s\"", esc(s.DateCreated))
	}
	if s.CreatorTool != "" {
		fmt.Fprintf(&b, "\n    xmp:CreatorTool=\"%s\"", esc(s.CreatorTool))
	}
	b.WriteString(">\n")
	if s.Creator != "" {
		fmt.Fprintf(&b, "   <dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", esc(s.Creator))
	}
	if s.Title != "" {
		fmt.Fprintf(&b, "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", esc(s.Title))
	}
	if s.Rights != "" {
		fmt.Fprintf(&b, "   <dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:rights>\n", esc(s.Rights))
	}
	b.WriteString("  </rdf:Description>\n")
	b.WriteString(" </rdf:RDF>\n")
	b.WriteString("</x:xmpmeta>\n")
	b.WriteString("<?xpacket end=\"w\"?>")
	return b.String()
}

// esc escapes s for XML character data and attribute values.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder never fails
	return b.String()
}
