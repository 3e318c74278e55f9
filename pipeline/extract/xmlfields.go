package extract

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// Metadata parts (docProps/core.xml, meta.xml, an EPUB package) are small
// flat lists of elements; these bounds keep a hostile one small as well.
const (
	maxMetaPartSize = 4 << 20
	maxMetaDepth    = 64
	maxMetaElements = 20000
)

// knownPrefixes maps the namespaces of document metadata to the prefixes
// the formats' specifications use, so fields are named the same whatever
// prefix a writer declared.
var knownPrefixes = map[string]string{
	"http://purl.org/dc/elements/1.1/":                                        "dc",
	"http://purl.org/dc/terms/":                                               "dcterms",
	"http://schemas.openxmlformats.org/package/2006/metadata/core-properties": "cp",
	"urn:oasis:names:tc:opendocument:xmlns:meta:1.0":                          "meta",
	"urn:oasis:names:tc:opendocument:xmlns:office:1.0":                        "office",
	"http://www.idpf.org/2007/opf":                                            "opf",
	"urn:oasis:names:tc:opendocument:xmlns:container":                         "container",
}

// xmlElement is one element of a metadata part with its direct text.
type xmlElement struct {
	Name  string // "dc:creator"; the local name alone for unknown namespaces
	Attrs []xml.Attr
	Text  string
	Depth int
}

// qualName names an element or attribute by its known prefix.
func qualName(n xml.Name) string {
	if p, ok := knownPrefixes[n.Space]; ok {
		return p + ":" + n.Local
	}
	return n.Local
}

// attr returns the value of the attribute with that local name.
func (e *xmlElement) attr(local string) string {
	for _, a := range e.Attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// walkXMLElements calls fn for every element of a small XML part when the
// element ends, with the character data directly inside it. It reads at
// most maxMetaPartSize bytes and stops at maxMetaDepth or maxMetaElements.
func walkXMLElements(r io.Reader, fn func(e *xmlElement)) error {
	data, rest, release := readXMLPart(io.LimitReader(r, maxMetaPartSize), maxFastXML)
	defer release()
	dec := xmlTokensOf(data, rest, true)
	var stack []*xmlElement
	var texts [][]byte
	count := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("decode xml at offset %d: %w", dec.InputOffset(), err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			count++
			if len(stack) >= maxMetaDepth || count > maxMetaElements {
				return fmt.Errorf("metadata xml past %d levels or %d elements", maxMetaDepth, maxMetaElements)
			}
			stack = append(stack, &xmlElement{Name: qualName(t.Name), Attrs: t.Copy().Attr, Depth: len(stack)})
			texts = append(texts, nil)
		case xml.CharData:
			if n := len(texts); n > 0 && len(texts[n-1]) < maxValueLen {
				texts[n-1] = append(texts[n-1], t...)
			}
		case xml.EndElement:
			n := len(stack)
			if n == 0 {
				continue
			}
			e := stack[n-1]
			e.Text = strings.TrimSpace(string(texts[n-1]))
			stack, texts = stack[:n-1], texts[:n-1]
			fn(e)
		}
	}
}

// MetaFieldName names an element or attribute of an Office or ODF
// metadata part as the fields of a scan name it after their format's
// prefix ("dc:creator", "cp:lastModifiedBy", "Company"), so that the
// redactor finds the element a finding's field came from.
func MetaFieldName(n xml.Name) string { return qualName(n) }
