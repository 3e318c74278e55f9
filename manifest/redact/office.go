package redact

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/consignhq/consign/pipeline/extract"
)

// officeMediaTypes are the Office Open XML and OpenDocument files whose
// properties (and, in Office Open XML, comment authors) Strip.Fields can
// remove.
var officeMediaTypes = map[string]bool{
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document":   true,
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":         true,
	"application/vnd.openxmlformats-officedocument.presentationml.presentation": true,
	"application/vnd.oasis.opendocument.text":                                   true,
	"application/vnd.oasis.opendocument.spreadsheet":                            true,
	"application/vnd.oasis.opendocument.presentation":                           true,
}

func isOffice(mediaType string) bool { return officeMediaTypes[mediaType] }

// isZipDocument reports whether mediaType is a document in a ZIP
// archive whose parts the redactor edits: an Office document or an EPUB
// book (whose text alone it masks).
func isZipDocument(mediaType string) bool { return isOffice(mediaType) || mediaType == epubType }

// maxOfficePart bounds a part the redactor inflates to edit: metadata
// parts are a few KiB, a comments part rarely past a MiB.
const maxOfficePart = 16 << 20

// officeTarget is where a field of an Office document lives: the part
// (or, with parts set, the parts it accepts) and what in it holds the
// value.
type officeTarget struct {
	part  string              // "docProps/core.xml"; "" when the field is not one the redactor handles
	parts func(string) bool   // when set, the parts that hold the field (part then names them)
	how   officeEdit          //
	depth int                 // the depth of the elements to remove (the root is 1)
	name  string              // the element's field name, or the user-defined property's name
	attrs map[string][]string // blankAuthors: element -> the attributes that name a person
}

// officeEdit is what the redactor does to a field's value.
type officeEdit int

const (
	removeChild    officeEdit = iota // take out each element so named at the depth (core, app and meta properties)
	removeProperty                   // take out the custom or user-defined property of that name
	blankAuthors                     // empty the author (and initials) attributes or elements
	blankCreators                    // empty the dc:creator of each element named name (ODF annotations and tracked changes)
)

// officeField says where the field called name (as pipeline/extract
// names it: "docx:dc:creator", "xlsx:app:Company", "pptx:custom:Client",
// "docx:comment.author", "odt:meta:initial-creator",
// "ods:meta:user-defined:Client") lives in an Office document.
func officeField(name string) officeTarget {
	doc, rest, ok := strings.Cut(name, ":")
	if !ok || rest == "" {
		return officeTarget{}
	}
	switch doc {
	case "odt", "ods", "odp", "odf":
		body := func(n string) bool { return n == "content.xml" || n == "styles.xml" }
		switch rest {
		case "annotation.author":
			return officeTarget{part: "content.xml", parts: body, how: blankCreators, name: "annotation"}
		case "revision.author":
			return officeTarget{part: "content.xml", parts: body, how: blankCreators, name: "change-info"}
		}
		if p, ok := strings.CutPrefix(rest, "meta:user-defined:"); ok && p != "" {
			return officeTarget{part: "meta.xml", how: removeProperty, depth: 3, name: p}
		}
		if strings.HasSuffix(rest, "-count") {
			return officeTarget{} // document statistics (meta:word-count), numbers
		}
		if strings.Contains(rest, ":") && !strings.HasPrefix(rest, "meta:user-defined") {
			return officeTarget{part: "meta.xml", how: removeChild, depth: 3, name: rest}
		}
	case "docx", "xlsx", "pptx":
		if p, ok := strings.CutPrefix(rest, "app:"); ok && p != "" {
			return officeTarget{part: "docProps/app.xml", how: removeChild, depth: 2, name: p}
		}
		if p, ok := strings.CutPrefix(rest, "custom:"); ok && p != "" {
			return officeTarget{part: "docProps/custom.xml", how: removeProperty, depth: 2, name: p}
		}
		switch {
		case rest == "comment.author" && doc == "docx":
			// The comments, and the list of commenters with their
			// accounts (an address, often) in people.xml.
			return officeTarget{part: "word/comments.xml", how: blankAuthors,
				parts: func(n string) bool { return n == "word/comments.xml" || n == "word/people.xml" },
				attrs: map[string][]string{"comment": {"author", "initials"}, "person": {"author"}, "presenceInfo": {"userId"}}}
		case rest == "comment.author" && doc == "xlsx":
			return officeTarget{part: "xl/comments*.xml", parts: inDir("xl", "comments"), how: blankAuthors}
		case rest == "comment.author":
			return officeTarget{part: "ppt/commentAuthors.xml", how: blankAuthors, attrs: map[string][]string{"cmAuthor": {"name", "initials"}}}
		case rest == "revision.author" && doc == "docx":
			// Tracked changes in the body, its headers, footers and
			// notes, where the extractor reads them, and the changes of
			// formatting beside them.
			attrs := map[string][]string{}
			for _, e := range []string{"ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange",
				"tblPrChange", "tblGridChange", "trPrChange", "tcPrChange", "numberingChange", "cellIns", "cellDel", "cellMerge"} {
				attrs[e] = []string{"author"}
			}
			body := inDir("word", "header", "footer", "footnotes", "endnotes")
			return officeTarget{part: "word/document.xml", how: blankAuthors, attrs: attrs,
				parts: func(n string) bool { return n == "word/document.xml" || body(n) }}
		case strings.Contains(rest, "."):
			return officeTarget{}
		}
		if strings.Contains(rest, ":") {
			return officeTarget{part: "docProps/core.xml", how: removeChild, depth: 2, name: rest}
		}
	}
	return officeTarget{}
}

// matches reports whether the part called name (cleaned) is t's.
func (t officeTarget) matches(name string) bool {
	if t.parts != nil {
		return t.parts(name)
	}
	return name == t.part
}

// inDir accepts the parts in dir whose names start with one of prefixes
// and end in ".xml" ("word/header2.xml"), as the extractor lists them.
func inDir(dir string, prefixes ...string) func(string) bool {
	return func(name string) bool {
		base, ok := strings.CutPrefix(name, dir+"/")
		if !ok || strings.Contains(base, "/") || !strings.HasSuffix(base, ".xml") {
			return false
		}
		for _, p := range prefixes {
			if strings.HasPrefix(base, p) {
				return true
			}
		}
		return false
	}
}

// redactOffice removes the fields s names from the document properties
// of an Office document (docProps/core.xml, app.xml and custom.xml, and
// comment authors, in Office Open XML; meta.xml in OpenDocument), and
// masks the ranges of text s.Text names in the parts that hold them.
// The parts are edited in memory and recompressed; every
// other entry is copied as it is stored, compressed bytes and all. Fields
// of other kinds (positions, serials) do not occur in these parts.
func redactOffice(j *job) error {
	zr, err := extract.OpenZipDirectory(j.r, j.size)
	if err != nil {
		return err
	}
	var targets []officeTarget
	var fields []string
	for _, f := range j.strip.Fields {
		if t := officeField(f); t.part != "" {
			targets = append(targets, t)
			fields = append(fields, f)
		}
	}
	edited := map[*zip.File][]byte{}
	for _, f := range zr.File {
		name := cleanPartName(f.Name)
		var mine []int
		for i, t := range targets {
			if t.matches(name) {
				mine = append(mine, i)
			}
		}
		ranges := j.strip.Text[name]
		if len(mine) == 0 && len(ranges) == 0 {
			continue
		}
		data, err := readPart(f)
		if err != nil {
			return err
		}
		// The text first: the fields' edits move the bytes the text's
		// runs were read from.
		changed := false
		if len(ranges) > 0 {
			if data, changed, err = maskPartText(j.mediaType, name, data, ranges, &j.rep); err != nil {
				return fmt.Errorf("zip entry %s: %w", f.Name, err)
			}
		}
		for _, i := range mine {
			out, n, err := editOfficePart(data, targets[i])
			if err != nil {
				return fmt.Errorf("zip entry %s: %w", f.Name, err)
			}
			if n > 0 {
				data, changed = out, true
				j.rep.applied(fields[i] + " removed")
			}
		}
		if changed {
			edited[f] = data
		}
	}
	if len(edited) == 0 {
		return nil
	}
	j.rewrite = func(dst io.Writer) error { return writeZip(dst, zr, edited) }
	return nil
}

// editOfficePart applies t to the XML part data and returns the new part
// and how many values went. The edits are made on the bytes, so the
// rest of the part keeps its exact form.
func editOfficePart(data []byte, t officeTarget) ([]byte, int, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var cuts []xmlCut
	var parents []string // local names of the open elements
	open := ""           // the element whose text is being cut, until it ends
	for {
		start := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, 0, fmt.Errorf("decode xml at offset %d: %w", start, err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			parent := ""
			if len(parents) > 0 {
				parent = parents[len(parents)-1]
			}
			parents = append(parents, e.Name.Local)
			depth := len(parents)
			end := d.InputOffset()
			switch {
			case t.how == removeChild && depth == t.depth && extract.MetaFieldName(e.Name) == t.name,
				t.how == removeProperty && depth == t.depth && (e.Name.Local == "property" || e.Name.Local == "user-defined") && attrNamed(e.Attr, "name") == t.name:
				if err := d.Skip(); err != nil {
					return nil, 0, fmt.Errorf("decode xml at offset %d: %w", start, err)
				}
				parents = parents[:depth-1]
				cuts = append(cuts, xmlCut{start, d.InputOffset()})
			case t.how == blankAuthors && e.Name.Local == "author" && depth >= 2,
				t.how == blankCreators && e.Name.Local == "creator" && parent == t.name:
				// xlsx: <authors><author>name</author>; ODF:
				// <office:annotation><dc:creator>name</dc:creator>.
				if open != "" {
					return nil, 0, fmt.Errorf("%s element inside another at offset %d", e.Name.Local, start)
				}
				open = e.Name.Local
				cuts = append(cuts, xmlCut{from: end, to: -1})
			case t.how == blankAuthors && t.attrs[e.Name.Local] != nil:
				c, err := attrValueCuts(data[start:end], start, e, t.attrs[e.Name.Local])
				if err != nil {
					return nil, 0, err
				}
				cuts = append(cuts, c...)
			}
		case xml.EndElement:
			if open != "" && e.Name.Local == open && cuts[len(cuts)-1].to == -1 {
				cuts[len(cuts)-1].to = start
				open = ""
			}
			if len(parents) > 0 {
				parents = parents[:len(parents)-1]
			}
		}
	}
	if open != "" {
		return nil, 0, fmt.Errorf("unterminated %s element", open)
	}
	n := 0
	for _, c := range cuts {
		if c.to > c.from {
			n++
		}
	}
	return cutXML(data, cuts), n, nil
}

// xmlCut is a byte range [from, to) of a part that the edit takes out.
type xmlCut struct{ from, to int64 }

func cutXML(data []byte, cuts []xmlCut) []byte {
	if len(cuts) == 0 {
		return data
	}
	out := make([]byte, 0, len(data))
	at := int64(0)
	for _, c := range cuts {
		out = append(out, data[at:c.from]...)
		at = c.to
	}
	return append(out, data[at:]...)
}

// attrValueCuts returns the values of the attributes of e called names
// (a comment's author and initials, a tracked change's author) in its
// raw start tag raw at offset off.
func attrValueCuts(raw []byte, off int64, e xml.StartElement, names []string) ([]xmlCut, error) {
	spans, err := attrSpans(raw)
	if err == nil && len(spans) != len(e.Attr) {
		err = fmt.Errorf("%d attributes where the parser saw %d", len(spans), len(e.Attr))
	}
	if err != nil {
		return nil, fmt.Errorf("element at offset %d: %w", off, err)
	}
	var cuts []xmlCut
	for i, a := range e.Attr {
		if a.Name.Space == "xmlns" || !slices.Contains(names, a.Name.Local) || a.Value == "" {
			continue
		}
		sp := raw[spans[i].from:spans[i].to]
		q := bytes.IndexAny(sp, `"'`)
		// attrSpans ends the span after the closing quote.
		cuts = append(cuts, xmlCut{off + spans[i].from + int64(q) + 1, off + spans[i].to - 1})
	}
	return cuts, nil
}

func attrNamed(attrs []xml.Attr, local string) string {
	for _, a := range attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}
