package extract

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// OOXML reads Office Open XML documents (DOCX, PPTX, XLSX): the package
// properties in docProps/, the visible text of the body, slides or
// shared strings, and the authors of comments and tracked changes, which
// the properties do not list.
type OOXML struct{}

var _ Extractor = (*OOXML)(nil)

// NewOOXML returns the Office Open XML extractor.
func NewOOXML() Extractor { return &OOXML{} }

// Name implements Extractor.
func (*OOXML) Name() string { return "ooxml" }

// Applies implements Extractor.
func (*OOXML) Applies(src *Source) bool {
	return strings.HasPrefix(src.MediaType, "application/vnd.openxmlformats-officedocument.")
}

// Extract implements Extractor.
func (*OOXML) Extract(ctx context.Context, src *Source, res *Result) error {
	za, err := openZip(src)
	if err != nil {
		return err
	}
	if err := za.limitErr(); err != nil {
		res.Errorf("%w", err)
	}
	prefix := ooxmlPrefix(za, src.MediaType)
	readOOXMLCore(za, prefix, res)
	readOOXMLApp(za, prefix, res)
	readOOXMLCustom(za, prefix, res)
	switch prefix {
	case "docx":
		return emitDOCXText(ctx, za, res)
	case "pptx":
		return emitPPTXText(ctx, za, res)
	case "xlsx":
		return emitXLSXText(ctx, za, res)
	}
	return nil
}

// ooxmlPrefix names the field namespace after the main part the package
// holds, falling back on the sniffed media type.
func ooxmlPrefix(za *zipArchive, mediaType string) string {
	switch {
	case za.has("word/document.xml"):
		return "docx"
	case za.has("ppt/presentation.xml"):
		return "pptx"
	case za.has("xl/workbook.xml"):
		return "xlsx"
	case strings.Contains(mediaType, "presentationml"):
		return "pptx"
	case strings.Contains(mediaType, "spreadsheetml"):
		return "xlsx"
	}
	return "docx"
}

// readMetaPart walks a small metadata part; a missing part is not an error.
func readMetaPart(za *zipArchive, name string, res *Result, fn func(e *xmlElement)) {
	rc, err := za.open(name, maxMetaPartSize)
	if errors.Is(err, errNoEntry) {
		return
	}
	if err != nil {
		res.Errorf("%w", err)
		return
	}
	defer rc.Close()
	if err := walkXMLElements(rc, fn); err != nil {
		res.Errorf("read %s: %w", name, err)
	}
}

// coreTags maps package core properties to curated tags.
var coreTags = map[string]string{
	"dc:creator":        "author",
	"cp:lastModifiedBy": "last_modified_by",
	"dc:title":          "title",
	"dc:subject":        "subject",
	"dc:description":    "description",
	"cp:keywords":       "keywords",
	"dc:language":       "language_tag",
}

func readOOXMLCore(za *zipArchive, prefix string, res *Result) {
	readMetaPart(za, "docProps/core.xml", res, func(e *xmlElement) {
		if e.Depth != 1 {
			return
		}
		res.AddField(prefix+":"+e.Name, e.Text)
		if tag, ok := coreTags[e.Name]; ok {
			res.SetTag(tag, e.Text)
		}
		if e.Name == "dcterms:created" {
			addW3CDate(res, e.Text, prefix+":dcterms:created", RankEmbedded)
		}
	})
}

// appTags maps extended (application) properties to curated tags.
var appTags = map[string]string{
	"Application": "software",
	"Pages":       "pages",
	"Slides":      "pages",
	"Words":       "word_count",
}

func readOOXMLApp(za *zipArchive, prefix string, res *Result) {
	readMetaPart(za, "docProps/app.xml", res, func(e *xmlElement) {
		if e.Depth != 1 {
			return
		}
		res.AddField(prefix+":app:"+e.Name, e.Text)
		if tag, ok := appTags[e.Name]; ok {
			res.SetTag(tag, e.Text)
		}
	})
}

// readOOXMLCustom keeps user-defined properties: templates and document
// management systems put client names, case numbers and owners there.
func readOOXMLCustom(za *zipArchive, prefix string, res *Result) {
	var value string
	readMetaPart(za, "docProps/custom.xml", res, func(e *xmlElement) {
		switch e.Depth {
		case 2:
			value = e.Text
		case 1:
			if name := e.attr("name"); name != "" {
				res.AddField(fmt.Sprintf("%s:custom:%s", prefix, name), value)
			}
			value = ""
		}
	})
}
