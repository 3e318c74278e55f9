package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"time"
)

// docxSpec is the content and core properties of a generated Word file.
type docxSpec struct {
	Title          string
	Creator        string
	LastModifiedBy string
	Created        time.Time
	Modified       time.Time
	Paragraphs     []string
}

const (
	contentTypesXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
		`</Types>`

	rootRelsXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
		`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>` +
		`</Relationships>`
)

// documentXML renders the paragraphs as a WordprocessingML body.
func (s docxSpec) documentXML() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for _, p := range s.Paragraphs {
		fmt.Fprintf(&b, `<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>`, esc(p))
	}
	b.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`)
	return b.String()
}

// coreXML renders the OPC core properties (docProps/core.xml).
func (s docxSpec) coreXML() string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ` +
		`xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + esc(s.Title) + `</dc:title>` +
		`<dc:creator>` + esc(s.Creator) + `</dc:creator>` +
		`<cp:lastModifiedBy>` + esc(s.LastModifiedBy) + `</cp:lastModifiedBy>` +
		`<cp:revision>2</cp:revision>` +
		`<dcterms:created xsi:type="dcterms:W3CDTF">` + s.Created.UTC().Format(time.RFC3339) + `</dcterms:created>` +
		`<dcterms:modified xsi:type="dcterms:W3CDTF">` + s.Modified.UTC().Format(time.RFC3339) + `</dcterms:modified>` +
		`</cp:coreProperties>`
}

// appXML renders the extended properties (docProps/app.xml).
func (s docxSpec) appXML() string {
	words := 0
	for _, p := range s.Paragraphs {
		words += len(strings.Fields(p))
	}
	return fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" `+
		`xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">`+
		`<Application>Microsoft Office Word</Application><Pages>1</Pages><Words>%d</Words>`+
		`<Paragraphs>%d</Paragraphs><AppVersion>16.0000</AppVersion></Properties>`, words, len(s.Paragraphs))
}

// docxBytes zips the parts. Every entry carries the document's modified
// time, so the archive bytes depend only on the spec.
func docxBytes(s docxSpec) ([]byte, error) {
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypesXML},
		{"_rels/.rels", rootRelsXML},
		{"word/document.xml", s.documentXML()},
		{"docProps/core.xml", s.coreXML()},
		{"docProps/app.xml", s.appXML()},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: s.Modified.UTC()})
		if err != nil {
			return nil, fmt.Errorf("docx part %s: %w", p.name, err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			return nil, fmt.Errorf("docx part %s: %w", p.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("close docx archive: %w", err)
	}
	return buf.Bytes(), nil
}

// writeDOCX writes the Word file described by s to path.
func writeDOCX(path string, s docxSpec) error {
	b, err := docxBytes(s)
	if err != nil {
		return fmt.Errorf("build %s: %w", path, err)
	}
	return writeFile(path, b)
}
