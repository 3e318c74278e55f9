package extract

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"time"

	"github.com/richardlehane/mscfb"
)

// OLE reads the document properties of the Office formats before 2007
// (Word .doc, Excel .xls, PowerPoint .ppt) and of the other files kept in
// an OLE compound file (Outlook .msg, Publisher, Visio): the
// SummaryInformation and DocumentSummaryInformation property sets. The
// compound file is read with github.com/richardlehane/mscfb, the
// property sets by ole_props.go. A writer's old documents name their
// author, the last person who saved them and the company there, as DOCX
// names them in docProps: the fields take the names of their DOCX
// successors ("doc:dc:creator" for a Word file's Author,
// "doc:cp:lastModifiedBy" for its LastAuthor, "doc:app:Company"), so the
// detectors that read a DOCX's read them too.
type OLE struct{}

var _ Extractor = OLE{}

// NewOLE returns the OLE property set extractor.
func NewOLE() Extractor { return OLE{} }

// Name implements Extractor.
func (OLE) Name() string { return "ole" }

// oleSignature starts every compound file.
var oleSignature = []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")

// Applies implements Extractor.
func (OLE) Applies(src *Source) bool { return bytes.HasPrefix(src.Head, oleSignature) }

// maxOLEPropertySet bounds a property set stream read into memory; a
// document's are a few kilobytes.
const maxOLEPropertySet = 1 << 20

// The format identifiers of the two property sets, as stored.
const (
	fmtidSummaryInformation    = "\xE0\x85\x9F\xF2\xF9\x4F\x68\x10\xAB\x91\x08\x00\x2B\x27\xB3\xD9"
	fmtidDocSummaryInformation = "\x02\xD5\xCD\xD5\x9C\x2E\x1B\x10\x93\x97\x08\x00\x2B\x2C\xF9\xAE"
)

// oleField is the DOCX field a property is, and the curated tag it
// feeds.
type oleField struct{ field, tag string }

// oleFields maps each set's property identifiers (MS-OLEPS 2.25) to
// their fields.
var oleFields = map[string]map[uint32]oleField{
	fmtidSummaryInformation: {
		0x02: {"dc:title", "title"}, 0x03: {"dc:subject", "subject"}, 0x04: {"dc:creator", "author"},
		0x05: {"cp:keywords", "keywords"}, 0x06: {"dc:description", "description"},
		0x07: {"app:Template", ""}, 0x08: {"cp:lastModifiedBy", "last_modified_by"},
		0x0C: {"dcterms:created", ""}, 0x0D: {"dcterms:modified", ""},
		0x0E: {"app:Pages", "pages"}, 0x0F: {"app:Words", "word_count"}, 0x12: {"app:Application", "software"},
	},
	fmtidDocSummaryInformation: {
		0x02: {"cp:category", ""}, 0x0E: {"app:Manager", ""}, 0x0F: {"app:Company", ""},
	},
}

// Extract implements Extractor.
func (OLE) Extract(ctx context.Context, src *Source, res *Result) error {
	doc, err := mscfb.New(src.R)
	if err != nil {
		return fmt.Errorf("read ole compound file: %w", err)
	}
	prefix := olePrefix(src.MediaType)
	for entry, err := doc.Next(); err == nil; entry, err = doc.Next() {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		// The names start with a control character (5), which Name
		// leaves out and Initial keeps.
		if !IsOLEPropertyStream(entry.Initial, entry.Name) {
			continue
		}
		if entry.Size > maxOLEPropertySet || entry.Size < 0 {
			res.Errorf("ole: %s stream of %d bytes is over the %d byte limit", entry.Name, entry.Size, maxOLEPropertySet)
			continue
		}
		stream, err := io.ReadAll(io.LimitReader(entry, entry.Size))
		if err != nil {
			res.Errorf("ole: read %s: %w", entry.Name, err)
			continue
		}
		sets, err := readPropertySets(stream)
		if err != nil {
			res.Errorf("ole: %s: %w", entry.Name, err)
		}
		for fmtid, props := range sets {
			for _, p := range props {
				if f, ok := oleFields[fmtid][p.id]; ok {
					recordOLEProperty(prefix, f, p, res)
				}
			}
		}
	}
	return nil
}

// olePrefix names the fields after the file's kind, as the DOCX, XLSX
// and PPTX extractor does.
func olePrefix(mediaType string) string {
	switch mediaType {
	case "application/msword":
		return "doc"
	case "application/vnd.ms-excel":
		return "xls"
	case "application/vnd.ms-powerpoint":
		return "ppt"
	}
	return "ole"
}

// recordOLEProperty records a text as its field and tag, a time (UTC)
// when it is from 1980 on, the creation time as the document's date.
func recordOLEProperty(prefix string, f oleField, p oleProperty, res *Result) {
	name := prefix + ":" + f.field
	if !p.time.IsZero() {
		if p.time.Year() < 1980 || p.time.Year() > 9999 {
			return
		}
		s := p.time.Format(time.RFC3339)
		res.AddField(name, s)
		if f.field == "dcterms:created" {
			addW3CDate(res, s, name, RankEmbedded)
		}
		return
	}
	res.AddField(name, p.text)
	if f.tag != "" {
		res.SetTag(f.tag, p.text)
	}
}
