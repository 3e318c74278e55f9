package extract

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/consignhq/consign/pipeline/extract/internal/fastxml"
)

// PartText is the visible text of one XML part of an Office Open XML or
// OpenDocument file, exactly as a scan reads it (the offsets of a
// finding made "in" text of that part point into Text), with where each
// piece of it lies in the part's bytes.
type PartText struct {
	Text []byte
	// Runs are the pieces of Text taken from the part's character data,
	// in order; the rest of Text (line breaks after paragraphs, tabs,
	// spaces standing for layout elements) has no bytes of its own.
	Runs []TextRun
}

// TextRun is a piece of one character-data token of a part as it
// appears in the text: Text[At:At+Len] is the token decoded (entities
// replaced, line ends made "\n") from its byte Skip on, and
// part[RawStart:RawEnd] the bytes the whole token was read from. Skip is
// 0, and the run the whole token, but in an HTML page, whose white space
// is collapsed: there a token gives a run for each stretch of text
// between the spaces it loses. In XML the bytes may begin with comments
// or processing instructions the reader passed over on its way to the
// token, and a CDATA section keeps its markers.
//
// In an RTF document, whose text is not character data but bytes of a
// code page, escapes and control words, a run is either plain ASCII,
// which stands for itself, or (Unit) one character and the bytes of the
// construct that gave it, with UC, the \ucN count of fallback characters
// that follow a \uN escape in its group.
type TextRun struct {
	At, Len, Skip    int
	RawStart, RawEnd int64
	Unit             bool
	UC               int
}

// maxPartTextRuns bounds the runs ReadPartText keeps: a part of a few
// MiB has tens of thousands.
const maxPartTextRuns = 4 << 20

// PartTextRead reports whether a scan reads the visible text of the part
// called name (as a finding's location names it: "word/document.xml",
// "ppt/slides/slide2.xml", "content.xml", "OEBPS/chapter1.xhtml", and
// "" for a web page's text) of a file of mediaType.
func PartTextRead(mediaType, name string) bool {
	return partTextRules(mediaType, name) != nil || epubDocument(mediaType, name) || htmlPage(mediaType, name) || rtfBody(mediaType, name)
}

// ReadPartText reads the text of the part called name, whose bytes are
// data, as a scan of a file of mediaType reads it; the part must be one
// PartTextRead accepts. A part the scan could read only in part gives
// the text up to the error with it.
func ReadPartText(mediaType, name string, data []byte) (PartText, error) {
	// next reads on, and gives the text it read, the runs of it noted
	// (their At counted from the start of that text) and the error that
	// ends the part.
	var next func() ([]byte, *[]TextRun, error)
	switch rules := partTextRules(mediaType, name); {
	case rules != nil:
		tr := newXMLTextReader(bytes.NewReader(data), rules)
		defer tr.release()
		tr.record = true
		next = func() ([]byte, *[]TextRun, error) { tr.step(); return tr.buf, &tr.runs, tr.err }
	case epubDocument(mediaType, name):
		h := newEPUBTextReader(bytes.NewReader(data))
		h.record = true
		next = func() ([]byte, *[]TextRun, error) { h.step(); return h.buf, &h.runs, h.err }
	case rtfBody(mediaType, name):
		counted := &countingReader{r: bytes.NewReader(data)}
		t := newRTFTextReader(counted)
		t.counted = counted
		next = func() ([]byte, *[]TextRun, error) { t.buf = t.buf[:0]; t.step(); return t.buf, &t.runs, t.err }
	case htmlPage(mediaType, name):
		if htmlEncoding(data[:min(len(data), HeadSize)]) != nil {
			// The tokens' offsets would be the decoder's, not the page's.
			return PartText{}, fmt.Errorf("the page is not in UTF-8")
		}
		h := newHTMLText(context.Background(), bytes.NewReader(data))
		h.record = true
		next = func() ([]byte, *[]TextRun, error) {
			h.pending = h.pending[:0]
			if !h.done {
				h.step()
			}
			err := h.err
			if !h.done {
				err = nil
			}
			return h.pending, &h.runs, err
		}
	default:
		return PartText{}, fmt.Errorf("%s: a scan does not read text from this part of a %s file", name, mediaType)
	}
	var pt PartText
	for {
		text, runs, err := next()
		base := len(pt.Text)
		if len(pt.Runs)+len(*runs) > maxPartTextRuns {
			return pt, fmt.Errorf("text of %s: over %d runs of text", name, maxPartTextRuns)
		}
		for _, r := range *runs {
			r.At += base
			pt.Runs = append(pt.Runs, r)
		}
		*runs = (*runs)[:0]
		pt.Text = append(pt.Text, text...)
		if err == io.EOF {
			return pt, nil
		}
		if err != nil {
			return pt, fmt.Errorf("text of %s: %w", name, err)
		}
	}
}

// rtfBody reports whether name is how a scan names the text of an RTF
// document of mediaType.
func rtfBody(mediaType, name string) bool {
	return name == "body" && (mediaType == "text/rtf" || mediaType == "application/rtf")
}

// htmlPage reports whether name is how a scan names the text of a web
// page of mediaType: the page has one text, whose part is "".
func htmlPage(mediaType, name string) bool {
	return name == "" && (mediaType == "text/html" || mediaType == "application/xhtml+xml")
}

// epubDocument reports whether name is a document an EPUB's spine can
// list, whose text the scan reads as XHTML.
func epubDocument(mediaType, name string) bool {
	switch path.Ext(name) {
	case ".xhtml", ".html", ".htm", ".xht", ".xml":
		return mediaType == "application/epub+zip" && !strings.HasPrefix(name, "META-INF/")
	}
	return false
}

// partTextRules gives the rules the extractor of mediaType reads the
// part called name with, nil when it reads no text there.
func partTextRules(mediaType, name string) *textRules {
	dir, base := path.Split(name)
	if !strings.HasSuffix(base, ".xml") {
		return nil
	}
	starts := func(prefixes ...string) bool {
		for _, p := range prefixes {
			if strings.HasPrefix(base, p) {
				return true
			}
		}
		return false
	}
	switch mediaType {
	case "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
		if dir == "word/" && (base == "document.xml" || base == "comments.xml" || starts("header", "footer", "footnotes", "endnotes")) {
			return docxRules
		}
	case "application/vnd.openxmlformats-officedocument.presentationml.presentation":
		// Slides are read in the presentation's order, wherever its
		// relationships put them.
		if strings.HasPrefix(dir, "ppt/") && starts("slide", "notesSlide", "comment") && !starts("slideLayout", "slideMaster", "commentAuthors") {
			return pptxRules
		}
	case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
		if dir == "xl/" && (base == "sharedStrings.xml" || starts("comments")) {
			return xlsxRules
		}
	case "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.spreadsheet",
		"application/vnd.oasis.opendocument.presentation":
		if name == "content.xml" || name == "styles.xml" {
			return odfRules
		}
	}
	return nil
}

// XMLReference reads the entity or character reference at the start of
// b (at most 16 bytes of it are looked at) as the XML readers here decode
// it: its length and the text it stands for, false when b does not start
// with one of the five predefined entities or a character reference.
func XMLReference(b []byte) (int, []byte, bool) {
	return fastxml.Reference(b[:min(len(b), 16)])
}
