package pii

import (
	"strings"
	"unicode"

	"github.com/consignhq/consign/detectors"
)

// AuthorName names the document author detector.
const AuthorName = "pii/author"

// authorFields are the fields that name who wrote or last edited a file,
// by exact name.
var authorFields = map[string]bool{
	"exif:Artist": true, "exif:XPAuthor": true,
	"xmp:pdf:Author": true, "xmp:photoshop:CaptionWriter": true,
	"iptc:By-line": true, "iptc:Writer-Editor": true,
	"pdf:Author": true,
	"mp4:©aut":   true, "mp4:com.apple.quicktime.author": true,
	"rtf:author": true, "rtf:operator": true, "mobi:Author": true, "mobi:Contributor": true,
	"mkv:ARTIST": true, "mkv:DIRECTOR": true, "mkv:WRITTEN_BY": true,
	"frontmatter:author": true,
	"html:meta:author":   true, "html:meta:dcterms.creator": true, "html:meta:dc.creator": true,
	"html:meta:citation_author": true, "html:meta:article:author": true, "html:meta:dcterms.contributor": true,
}

// authorSuffixes name the same properties in every format that has them:
// Dublin Core creator and contributor (XMP, OOXML, ODF, EPUB), OOXML's
// last-modified-by and ODF's initial creator.
var authorSuffixes = []string{":dc:creator", ":dc:contributor", ":cp:lastModifiedBy", ":meta:initial-creator"}

func isAuthorField(field string) bool {
	if authorFields[field] {
		return true
	}
	for _, s := range authorSuffixes {
		if strings.HasSuffix(field, s) {
			return true
		}
	}
	return false
}

// Author reports the people a document or photo names as its author or
// last editor: DOCX/XLSX/PPTX creator and last-modified-by, ODF creators,
// PDF Author, EPUB creators and contributors, RTF author and operator,
// HTML meta authors, front matter authors, EXIF Artist, XMP dc:creator,
// IPTC By-line and Writer-Editor, QuickTime author. A co-author's or an employer's
// colleague's name travels with the file unless it is removed; the
// creator's own name becomes kind "self" when the Sealer applies their
// identity. An audio file's artist (ID3, Vorbis, MP4) is not reported: it
// is the work's credit, which the creator means to publish.
type Author struct{ fieldListDetector }

var _ detectors.Detector = (*Author)(nil)

// NewAuthor returns the document author detector.
func NewAuthor(detectors.Config) detectors.Detector {
	return &Author{fieldListDetector{
		name:   AuthorName,
		rule:   fieldRule{kind: "person_name", severity: detectors.SeverityLow, confidence: 0.8, action: actionReview},
		match:  isAuthorField,
		values: authorValues,
	}}
}

// authorValues returns the names in an author field. Links to an author
// page (article:author often is one) name a page, not a person.
func authorValues(field, v string) []string {
	var out []string
	for _, s := range nameValues(field, v) {
		if !strings.Contains(s, "://") && !strings.HasPrefix(strings.ToLower(s), "www.") && !namesNobody(s) && !namesNoPerson(s) {
			out = append(out, s)
		}
	}
	return out
}

// authorLabels are the labels of author fields, and fillers the words a
// template puts before them ("Another Creator", "Test Author").
var (
	authorLabels  = map[string]bool{"author": true, "authors": true, "creator": true, "writer": true, "editor": true, "photographer": true, "artist": true, "name": true}
	authorFillers = map[string]bool{"a": true, "an": true, "the": true, "another": true, "test": true, "sample": true, "example": true, "your": true, "some": true, "unknown": true,
		"exif": true, "iptc": true, "xmp": true, "id3": true, "dummy": true, "placeholder": true, "default": true, "template": true}
	firstPerson = map[string]bool{"i": true, "i'm": true, "im": true, "me": true, "my": true, "myself": true}
)

// maxLabelWords bounds a template label: longer values are kept.
const maxLabelWords = 4

// namesNobody reports whether an author value is a note by whoever
// filled the field in ("I wrote it", "Me too"), which is the creator, or
// a label with filler words ("Another Creator"), which is no one.
func namesNobody(v string) bool {
	ws := strings.FieldsFunc(strings.ToLower(strings.ReplaceAll(v, "’", "'")), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
	if len(ws) == 0 {
		return false
	}
	if firstPerson[ws[0]] {
		return true
	}
	if len(ws) > maxLabelWords {
		return false
	}
	label := false
	for _, w := range ws {
		switch {
		case authorLabels[w]:
			label = true
		case !authorFillers[w] && !lettersAndDigits(w):
			return false
		}
	}
	return label
}

// Version implements the pipeline's versioned detector: "2" drops
// first-person notes and template labels; "3" drops organisations,
// generic accounts ("Cisco Employee", "Windows User"), label-and-value
// templates ("Author: Jeff") and test placeholders, so cached findings
// are made again.
func (*Author) Version() string { return "3" }
