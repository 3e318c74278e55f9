package rights

import (
	"bytes"
	"context"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// QuotationName names the detector of quoted passages.
const QuotationName = Prefix + "quotation"

// Sizes of what counts as a quotation worth a look: a short quote is fair
// comment; a long passage of someone else's words is their text.
const (
	minQuoteLen    = 150
	maxQuoteLen    = 2048
	attributionGap = 40
)

// quoteAnchors open a Markdown or HTML block quote, or a typographic
// quotation.
var quoteAnchors = newAnchorSet("\n>", "<blockquote", "“", "«", "„")

// attributionCues follow or close a quotation that names its author.
var attributionCues = []string{"— ", "– ", "-- ", "―", "~ ", "<cite", "said", "wrote", "writes", "says"}

// Quotation reports block quotes and long quotations that name their
// author: someone else's words, which the creator should look at before
// selling the text.
type Quotation struct{}

var _ detectors.TextDetector = (*Quotation)(nil)

// NewQuotation returns the quotation detector.
func NewQuotation(detectors.Config) detectors.Detector { return &Quotation{} }

// Name implements detectors.Detector.
func (*Quotation) Name() string { return QuotationName }

// MaxLen implements detectors.TextDetector.
func (*Quotation) MaxLen() int { return maxQuoteLen }

// FindKey implements detectors.FindKeyer: Find reads nothing of the item.
func (*Quotation) FindKey(*detectors.Item) string { return "" }

// Applies implements detectors.Detector.
func (*Quotation) Applies(*detectors.Item) bool { return true }

// Detect implements detectors.Detector: the block quotes the HTML
// extractor lists (field "html:embed:blockquote"), whose markup the
// visible text no longer shows.
func (*Quotation) Detect(_ context.Context, item *detectors.Item) ([]detectors.Finding, error) {
	var out []detectors.Finding
	for _, f := range item.Fields {
		if f.Name == "html:embed:blockquote" {
			s := signal{detectors.CategoryThirdParty, KindQuotation, detectors.SeverityLow, 0.6, "blockquote", detectors.ActionReview}
			out = append(out, finding(QuotationName, item, f.Name, f.Value, s))
		}
	}
	return out, nil
}

// Find implements detectors.TextDetector.
func (*Quotation) Find(item *detectors.Item, chunk []byte) []detectors.Match {
	var out []detectors.Match
	done := -1
	hits := quoteAnchors.hitsIn(item, chunk)
	if len(chunk) > 0 && chunk[0] == '>' {
		hits = append([]int{-1}, hits...)
	}
	for _, h := range hits {
		if h < done {
			continue
		}
		var s, e int
		var detail string
		switch {
		case h < 0 || chunk[h] == '\n':
			s = h + 1
			e = blockQuoteEnd(chunk, s)
			detail = "blockquote"
			if e-s < minQuoteLen && !attributed(chunk[s:e]) {
				continue
			}
		case chunk[h] == '<':
			s = h
			close := indexFoldFrom(chunk, h, "</blockquote>", maxQuoteLen)
			if close < 0 {
				continue
			}
			e = close + len("</blockquote>")
			detail = "blockquote"
		default:
			s = h
			e = quotationEnd(chunk, h)
			if e < 0 || e-s < minQuoteLen || !attributed(chunk[e:min(len(chunk), e+attributionGap)]) {
				continue
			}
			detail = "quotation"
		}
		e = min(e, s+maxQuoteLen)
		done = e
		out = append(out, detectors.Match{
			Start: s, End: e, Value: strings.ToLower(strings.Join(strings.Fields(string(chunk[s:min(e, s+200)])), " ")),
			Category: detectors.CategoryThirdParty, Kind: KindQuotation, Severity: detectors.SeverityLow,
			Confidence: 0.6, Detail: detail, Action: detectors.ActionReview,
		})
	}
	return out
}

// blockQuoteEnd returns the end of the Markdown block quote whose first
// line starts at s: the lines that start with '>'.
func blockQuoteEnd(chunk []byte, s int) int {
	e := s
	for e < len(chunk) && chunk[e] == '>' && e-s < maxQuoteLen {
		nl := bytes.IndexByte(chunk[e:], '\n')
		if nl < 0 {
			return len(chunk)
		}
		e += nl + 1
	}
	for e > s && (chunk[e-1] == '\n' || chunk[e-1] == '\r') {
		e--
	}
	return e
}

// quotationEnd returns the end of the typographic quotation opened at h,
// or -1 when it does not close within maxQuoteLen.
func quotationEnd(chunk []byte, h int) int {
	var closer string
	switch {
	case bytes.HasPrefix(chunk[h:], []byte("“")):
		closer = "”"
	case bytes.HasPrefix(chunk[h:], []byte("«")):
		closer = "»"
	default: // „ closes with “ in German
		closer = "“"
	}
	end := min(len(chunk), h+maxQuoteLen)
	i := bytes.Index(chunk[h+2:end], []byte(closer))
	if i < 0 {
		return -1
	}
	return h + 2 + i + len(closer)
}

// attributed reports whether b names who said it.
func attributed(b []byte) bool {
	low := strings.ToLower(string(b))
	for _, c := range attributionCues {
		if strings.Contains(low, c) {
			return true
		}
	}
	return false
}

// indexFoldFrom finds s (lower case) in chunk[from:from+limit] ignoring
// case, as an offset into chunk, or -1.
func indexFoldFrom(chunk []byte, from int, s string, limit int) int {
	i := indexFold(chunk[from:min(len(chunk), from+limit)], s)
	if i < 0 {
		return -1
	}
	return from + i
}

// Version implements the pipeline's versioned detector: "2" is the first
// version whose Detect (the block quotes of web pages) a scan runs, so
// that records cached without those findings are made again.
func (*Quotation) Version() string { return "2" }
