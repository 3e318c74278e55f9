package extract

import (
	"context"
	"errors"
	"strings"
)

// ODF reads OpenDocument files (ODT, ODS, ODP): meta.xml and the visible
// text of content.xml and of the headers and footers in styles.xml, with
// the authors of annotations and tracked changes.
type ODF struct{}

var _ Extractor = (*ODF)(nil)

// NewODF returns the OpenDocument extractor.
func NewODF() Extractor { return &ODF{} }

// Name implements Extractor.
func (*ODF) Name() string { return "odf" }

// Applies implements Extractor.
func (*ODF) Applies(src *Source) bool {
	return strings.HasPrefix(src.MediaType, "application/vnd.oasis.opendocument.")
}

var odfRules = &textRules{
	text:      map[string]bool{"p": true, "h": true},
	skip:      map[string]bool{"tracked-changes": true, "creator": true, "date": true},
	lineAfter: map[string]bool{"p": true, "h": true},
	lineAt:    map[string]bool{"line-break": true},
	tabAt:     map[string]string{"tab": ""},
	spaceAt:   "s",
}

// odfTags maps meta.xml elements to curated tags. In ODF dc:creator is
// the last person to edit the file; meta:initial-creator is the author.
var odfTags = map[string]string{
	"meta:initial-creator": "author",
	"dc:creator":           "last_modified_by",
	"dc:title":             "title",
	"dc:subject":           "subject",
	"dc:description":       "description",
	"dc:language":          "language_tag",
	"meta:generator":       "software",
}

// Extract implements Extractor.
func (*ODF) Extract(ctx context.Context, src *Source, res *Result) error {
	za, err := openZip(src)
	if err != nil {
		return err
	}
	if err := za.limitErr(); err != nil {
		res.Errorf("%w", err)
	}
	prefix := odfPrefix(src.MediaType)
	readODFMeta(za, prefix, res)
	annotations := newAuthorCollector(res, prefix+":annotation.author")
	revisions := newAuthorCollector(res, prefix+":revision.author")
	hook := func(tr *xmlTextReader) {
		tr.capture = map[string]bool{"creator": true}
		tr.onCapture = func(parent, text string) {
			switch parent {
			case "annotation":
				annotations.add(text)
			case "change-info":
				revisions.add(text)
			}
		}
	}
	var errs []error
	for _, name := range []string{"content.xml", "styles.xml"} {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if za.has(name) {
			errs = append(errs, emitXMLPart(za, name, odfRules, res, hook))
		}
	}
	return errors.Join(errs...)
}

func odfPrefix(mediaType string) string {
	switch {
	case strings.Contains(mediaType, ".text"):
		return "odt"
	case strings.Contains(mediaType, ".spreadsheet"):
		return "ods"
	case strings.Contains(mediaType, ".presentation"):
		return "odp"
	}
	return "odf"
}

func readODFMeta(za *zipArchive, prefix string, res *Result) {
	var keywords []string
	tags := map[string]string{}
	readMetaPart(za, "meta.xml", res, func(e *xmlElement) {
		if e.Depth != 2 {
			return
		}
		switch e.Name {
		case "meta:keyword":
			keywords = append(keywords, e.Text)
		case "meta:user-defined":
			res.AddField(prefix+":meta:user-defined:"+e.attr("name"), e.Text)
			return
		case "meta:document-statistic":
			for _, a := range e.Attrs {
				res.AddField(prefix+":meta:"+a.Name.Local, a.Value)
			}
			tags["pages"] = e.attr("page-count")
			tags["word_count"] = e.attr("word-count")
			return
		case "meta:creation-date":
			addW3CDate(res, e.Text, prefix+":meta:creation-date", RankEmbedded)
		}
		res.AddField(prefix+":"+e.Name, e.Text)
		if tag, ok := odfTags[e.Name]; ok && tags[tag] == "" {
			tags[tag] = e.Text
		}
	})
	if len(keywords) > 0 {
		tags["keywords"] = strings.Join(keywords, ", ")
	}
	// Tags go in a fixed order so the author is the initial creator even
	// when meta.xml lists dc:creator first.
	for _, k := range []string{"author", "last_modified_by", "title", "subject", "description",
		"keywords", "language_tag", "software", "pages", "word_count"} {
		res.SetTag(k, tags[k])
	}
	if _, ok := res.Tags["author"]; !ok {
		res.SetTag("author", tags["last_modified_by"])
	}
}
