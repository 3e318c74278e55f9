package rights

import (
	"context"
	"path"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// StockName names the stock and agency material detector.
const StockName = Prefix + "stock"

// agencyFields are the fields where a picture's supplier is named.
var agencyFields = map[string]bool{
	"exif:Copyright": true, "exif:Artist": true, "xmp:dc:rights": true, "xmp:dc:creator": true,
	"xmp:photoshop:Credit": true, "xmp:photoshop:Source": true, "iptc:Credit": true,
	"iptc:Source": true, "iptc:CopyrightNotice": true, "iptc:By-line": true,
	"xmp:xmpRights:UsageTerms": true, "xmp:xmpRights:WebStatement": true,
	"xmp:plus:Licensor/plus:LicensorName": true, "xmp:plus:CopyrightOwner/plus:CopyrightOwnerName": true,
	"xmp:plus:ImageSupplier/plus:ImageSupplierName": true, "xmp:xmpRights:Owner": true,
}

// maxCreditLine is the longest line read as a credit or watermark: such
// lines are short, and prose that mentions an agency is not one.
const maxCreditLine = 80

// stockAnchors are every way the agencies are written, for the one-pass
// filter.
var stockAnchors = func() *anchorSet {
	var words []string
	for _, a := range agencyNames {
		if !a.agency.ambiguous {
			words = append(words, a.text)
		}
	}
	// Ambiguous names count in text only in capitals (see creditLine).
	return newAnchorSet(words...).withExact("AP", "AFP", "REUTERS", "Reuters")
}()

// Stock reports stock library and news agency material: agencies named
// in credit, source, copyright and usage fields, in file names as the
// libraries name their downloads ("shutterstock_123456789.jpg"), and in
// credit or watermark lines of text. The initials AP and AFP and the name
// Reuters count in text only in a credit ("AP Photo", "© Reuters",
// "Photo: AFP").
type Stock struct{}

var _ detectors.TextDetector = Stock{}

// NewStock returns the stock and agency detector.
func NewStock(detectors.Config) detectors.Detector { return Stock{} }

// Name implements detectors.Detector.
func (Stock) Name() string { return StockName }

// Applies implements detectors.Detector.
func (Stock) Applies(*detectors.Item) bool { return true }

// MaxLen implements detectors.TextDetector.
func (Stock) MaxLen() int { return maxCreditLine }

// FindKey implements detectors.FindKeyer: Find reads nothing of the item.
func (Stock) FindKey(*detectors.Item) string { return "" }

// Detect implements detectors.Detector: file names, and field values the
// text pass does not already report (a bare "AP" in a credit field).
func (Stock) Detect(_ context.Context, item *detectors.Item) ([]detectors.Finding, error) {
	var out []detectors.Finding
	if name := agencyIn(path.Base(item.Path), false); name != "" {
		s := signal{detectors.CategoryThirdParty, KindStockAgency, detectors.SeverityHigh, 0.7, name, detectors.ActionExclude}
		out = append(out, finding(StockName, item, "path", path.Base(item.Path), s))
	}
	for _, f := range item.Fields {
		if !agencyFields[f.Name] {
			continue
		}
		for _, v := range splitValues(f.Value) {
			if len(Stock{}.Find(item, []byte(v))) > 0 {
				continue
			}
			if name := agencyIn(v, true); name != "" {
				s := signal{detectors.CategoryThirdParty, KindStockAgency, detectors.SeverityHigh, 0.9, name, detectors.ActionExclude}
				out = append(out, finding(StockName, item, f.Name, v, s))
			}
		}
	}
	return out, nil
}

// Find implements detectors.TextDetector.
func (Stock) Find(item *detectors.Item, chunk []byte) []detectors.Match {
	var out []detectors.Match
	for _, h := range stockAnchors.hitsIn(item, chunk) {
		a, n := agencyAt(chunk, h)
		if a == nil {
			continue
		}
		ls, le := lineAround(chunk, h, maxCreditLine)
		if !creditLine(chunk, ls, le, h, h+n, a) {
			continue
		}
		out = append(out, detectors.Match{
			Start: h, End: h + n, Value: strings.ToLower(a.name),
			Category: detectors.CategoryThirdParty, Kind: KindStockAgency, Severity: detectors.SeverityHigh,
			Confidence: 0.8, Detail: a.name, Action: detectors.ActionExclude,
		})
	}
	return out
}

// agencyNames are the agencies' names as written in text, with the
// agency each names.
var agencyNames = func() []agencyName {
	var out []agencyName
	for i := range agencies {
		for _, w := range agencies[i].words {
			out = append(out, agencyName{strings.Join(w, " "), &agencies[i]})
		}
	}
	return out
}()

type agencyName struct {
	text   string
	agency *agency
}

// agencyAt returns the agency whose name stands as words at chunk[h:],
// and the name's length.
func agencyAt(chunk []byte, h int) (*agency, int) {
	if wordBefore(chunk, h) {
		return nil, 0
	}
	var best *agency
	n := 0
	for _, a := range agencyNames {
		if len(a.text) > n && hasPrefixFold(chunk[h:], a.text) && !wordAt(chunk, h+len(a.text)) {
			best, n = a.agency, len(a.text)
		}
	}
	return best, n
}

// creditCues say that a line credits a picture.
var creditCues = []string{"©", "(c)", "photo", "image", "credit", "source", "courtesy", "via", "stock", "copyright"}

// creditLine reports whether the agency at chunk[s:e] is credited on its
// line [ls, le): an unambiguous agency on a short line, or beside a
// credit cue; an ambiguous one beside a cue or in a credit's punctuation
// ("(AP)", "REUTERS/Jane Doe", "AFP/Getty").
func creditLine(chunk []byte, ls, le, s, e int, a *agency) bool {
	lower := strings.ToLower(string(chunk[ls:le]))
	near := strings.ToLower(string(chunk[max(ls, s-16):s]) + " " + string(chunk[e:min(le, e+12)]))
	cued := false
	for _, c := range creditCues {
		if strings.Contains(near, c) {
			cued = true
			break
		}
	}
	if !a.ambiguous {
		full := (ls == 0 || chunk[ls-1] == '\n' || chunk[ls-1] == '\r') && (le == len(chunk) || chunk[le] == '\n' || chunk[le] == '\r')
		return cued || full && len(strings.TrimSpace(lower)) <= maxCreditLine
	}
	// Initials count in capitals only: "ap" and "afp" are words and file
	// extensions too.
	first := string(chunk[s:e])
	if i := strings.IndexByte(first, ' '); i > 0 {
		first = first[:i]
	}
	upper := a.name == "Reuters" || strings.ToUpper(first) == first
	before := strings.TrimRight(string(chunk[max(ls, s-2):s]), " ")
	after := string(chunk[e:min(le, e+1)])
	punct := strings.HasSuffix(before, "(") && after == ")" || strings.HasSuffix(before, "/") || after == "/"
	return upper && (cued || punct)
}

// Version implements the pipeline's versioned detector: "2" is the first
// version whose Detect (file names, agency fields) a scan runs, so that
// records cached without those findings are made again.
func (Stock) Version() string { return "2" }
