package extract

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"
)

var (
	docxRules = &textRules{
		text:      map[string]bool{"t": true},
		lineAfter: map[string]bool{"p": true},
		lineAt:    map[string]bool{"br": true, "cr": true},
		tabAt:     map[string]string{"tab": "r", "ptab": "r"},
	}
	pptxRules = &textRules{
		text:      map[string]bool{"t": true},
		lineAfter: map[string]bool{"p": true},
		lineAt:    map[string]bool{"br": true},
	}
	xlsxRules = &textRules{
		text:      map[string]bool{"t": true},
		skip:      map[string]bool{"rPh": true},
		lineAfter: map[string]bool{"si": true, "comment": true},
	}
)

// emitXMLPart streams the text of one XML part to the sink. hook, when
// set, configures the reader to record metadata on the way (comment
// authors); the part is then read to its end even without a sink.
func emitXMLPart(za *zipArchive, name string, rules *textRules, res *Result, hook func(*xmlTextReader)) error {
	if res.Sink == nil && hook == nil {
		return nil
	}
	rc, err := za.open(name, maxZipEntrySize)
	if err != nil {
		return err
	}
	defer rc.Close()
	tr := newXMLTextReader(rc, rules)
	defer tr.release()
	if hook != nil {
		hook(tr)
	}
	if err := res.EmitText(name, tr); err != nil {
		return fmt.Errorf("text of %s: %w", name, err)
	}
	if hook != nil {
		if _, err := io.Copy(io.Discard, tr); err != nil {
			return fmt.Errorf("text of %s: %w", name, err)
		}
	}
	if tr.err != nil && tr.err != io.EOF {
		return fmt.Errorf("text of %s: %w", name, tr.err)
	}
	return nil
}

// authorCollector records each distinct value of an author attribute once.
type authorCollector struct {
	res   *Result
	field string
	seen  map[string]bool
	elems map[string]bool
}

func newAuthorCollector(res *Result, field string, elems ...string) *authorCollector {
	c := &authorCollector{res: res, field: field, seen: map[string]bool{}, elems: map[string]bool{}}
	for _, e := range elems {
		c.elems[e] = true
	}
	return c
}

func (c *authorCollector) add(v string) {
	v = strings.TrimSpace(v)
	if v == "" || c.seen[v] || len(c.seen) >= 1000 {
		return
	}
	c.seen[v] = true
	c.res.AddField(c.field, v)
}

// hook makes a text reader report author attributes to c.
func (c *authorCollector) hook(tr *xmlTextReader) { tr.onStart = c.onStart }

func (c *authorCollector) onStart(t xml.StartElement) {
	if !c.elems[t.Name.Local] {
		return
	}
	for _, a := range t.Attr {
		if a.Name.Local == "author" {
			c.add(a.Value)
		}
	}
}

// partsMatching lists entries under dir whose base name starts with one
// of the prefixes and ends in .xml, ordered by prefix, then by the number
// in the name (header2 before header10).
func partsMatching(za *zipArchive, dir string, prefixes ...string) []string {
	var out []string
	for _, p := range prefixes {
		var group []string
		for _, n := range za.names() {
			base := path.Base(n)
			if path.Dir(n) == dir && strings.HasPrefix(base, p) && strings.HasSuffix(base, ".xml") {
				if _, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(base, p), ".xml")); err == nil || base == p+".xml" {
					group = append(group, n)
				}
			}
		}
		sort.Slice(group, func(i, j int) bool { return partNumber(group[i]) < partNumber(group[j]) })
		out = append(out, group...)
	}
	return out
}

// partNumber is the trailing number of a part name ("slide12.xml" -> 12).
func partNumber(name string) int {
	base := strings.TrimSuffix(path.Base(name), ".xml")
	i := len(base)
	for i > 0 && base[i-1] >= '0' && base[i-1] <= '9' {
		i--
	}
	n, _ := strconv.Atoi(base[i:])
	return n
}

func emitDOCXText(ctx context.Context, za *zipArchive, res *Result) error {
	revisions := newAuthorCollector(res, "docx:revision.author", "ins", "del", "moveFrom", "moveTo")
	comments := newAuthorCollector(res, "docx:comment.author", "comment")
	parts := append([]string{"word/document.xml"},
		partsMatching(za, "word", "header", "footer", "footnotes", "endnotes")...)
	var errs []error
	for _, name := range parts {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		errs = append(errs, emitXMLPart(za, name, docxRules, res, revisions.hook))
	}
	if za.has("word/comments.xml") {
		errs = append(errs, emitXMLPart(za, "word/comments.xml", docxRules, res, comments.hook))
	}
	// Word lists every commenter again, with their account, in
	// people.xml.
	readMetaPart(za, "word/people.xml", res, func(e *xmlElement) {
		if e.Name == "person" {
			comments.add(e.attr("author"))
		}
	})
	return errors.Join(errs...)
}

func emitPPTXText(ctx context.Context, za *zipArchive, res *Result) error {
	var errs []error
	slides := pptxSlideOrder(za, res)
	notes := partsMatching(za, "ppt/notesSlides", "notesSlide")
	for _, name := range append(slides, notes...) {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		errs = append(errs, emitXMLPart(za, name, pptxRules, res, nil))
	}
	authors := newAuthorCollector(res, "pptx:comment.author")
	readMetaPart(za, "ppt/commentAuthors.xml", res, func(e *xmlElement) {
		if strings.HasSuffix(e.Name, "cmAuthor") {
			authors.add(e.attr("name"))
		}
	})
	for _, name := range partsMatching(za, "ppt/comments", "comment") {
		errs = append(errs, emitXMLPart(za, name, pptxRules, res, nil))
	}
	return errors.Join(errs...)
}

// pptxSlideOrder lists slides in presentation order (the sldIdLst of
// presentation.xml through its relationships), falling back on the
// numbers in the part names when the package does not say.
func pptxSlideOrder(za *zipArchive, res *Result) []string {
	targets := map[string]string{}
	readMetaPart(za, "ppt/_rels/presentation.xml.rels", res, func(e *xmlElement) {
		if e.Name == "Relationship" && strings.HasSuffix(e.attr("Type"), "/slide") {
			target := e.attr("Target")
			if !strings.HasPrefix(target, "/") {
				target = path.Join("ppt", target)
			}
			targets[e.attr("Id")] = cleanZipName(target)
		}
	})
	var order []string
	seen := map[string]bool{}
	readMetaPart(za, "ppt/presentation.xml", res, func(e *xmlElement) {
		if e.Name != "sldId" {
			return
		}
		for _, a := range e.Attrs {
			if a.Name.Local == "id" && a.Name.Space != "" {
				if t, ok := targets[a.Value]; ok && za.has(t) && !seen[t] {
					seen[t] = true
					order = append(order, t)
				}
			}
		}
	})
	if len(order) == 0 {
		return partsMatching(za, "ppt/slides", "slide")
	}
	return order
}

func emitXLSXText(ctx context.Context, za *zipArchive, res *Result) error {
	var errs []error
	if za.has("xl/sharedStrings.xml") {
		errs = append(errs, emitXMLPart(za, "xl/sharedStrings.xml", xlsxRules, res, nil))
	}
	authors := newAuthorCollector(res, "xlsx:comment.author")
	for _, name := range partsMatching(za, "xl", "comments") {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		readMetaPart(za, name, res, func(e *xmlElement) {
			if e.Name == "author" {
				authors.add(e.Text)
			}
		})
		errs = append(errs, emitXMLPart(za, name, xlsxRules, res, nil))
	}
	return errors.Join(errs...)
}
