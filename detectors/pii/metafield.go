package pii

import (
	"strings"
	"unicode"

	"github.com/consignhq/consign/detectors"
)

// Actions a metadata finding proposes.
const (
	actionRemove = "remove" // strip the field from the file
	actionReview = "review" // a person decides
)

// fieldRule is what a metadata detector reports for one field.
type fieldRule struct {
	kind       string
	severity   string
	confidence float64
	action     string
}

// finding builds the finding for value, found in field, that the Sealer
// completes with ids and hashes. The excerpt is the masked value.
func (r fieldRule) finding(item *detectors.Item, detector, field, value string) detectors.Finding {
	return detectors.Finding{
		Path:       item.Path,
		Detector:   detector,
		Category:   detectors.CategoryPII,
		Kind:       r.kind,
		Severity:   r.severity,
		Confidence: r.confidence,
		Location:   detectors.Location{In: detectors.InMetadata, Field: field},
		Excerpt:    detectors.MaskValue(r.kind, value),
		Value:      value,
		Action:     r.action,
	}
}

// hasAnyField reports whether item has a field that match accepts: the
// cheap test behind the metadata detectors' Applies.
func hasAnyField(item *detectors.Item, match func(name string) bool) bool {
	for _, f := range item.Fields {
		if match(f.Name) {
			return true
		}
	}
	return false
}

// splitJoined splits a field value into the values it holds: extractors
// join the items of an XMP array or a repeated IPTC dataset with "; ".
// Each value is normalized by normalizeText and empty ones are dropped.
func splitJoined(v string) []string {
	var out []string
	for _, s := range strings.Split(v, "; ") {
		if s = normalizeText(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// normalizeText trims a value and collapses its white space, so that the
// same name written twice hashes alike.
func normalizeText(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// emptyValues are what writers put in a field when they have
// nothing to say, compared in lower case without punctuation or spaces.
var emptyValues = map[string]bool{
	"": true, "unknown": true, "none": true, "na": true, "null": true, "nil": true,
	"notavailable": true, "notset": true, "default": true, "undefined": true,
	"user": true, "owner": true, "administrator": true, "admin": true,
	"microsoftofficeuser": true, "authorname": true, "author": true, "yourname": true,
	"name": true, "serialnumber": true, "test": true, "noname": true, "anonymous": true,
	"me": true, "creator": true, "photographer": true, "writer": true, "writers": true,
	"region": true, "face": true, "person": true,
}

// saysNothing reports whether a value says nothing about anyone: a
// filler word, no letter or digit at all, or one character repeated
// ("0000000000", "-----", "    ").
func saysNothing(v string) bool {
	var b strings.Builder
	for _, r := range strings.ToLower(v) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	key := b.String()
	if emptyValues[key] {
		return true
	}
	first := []rune(key)[0]
	return strings.Trim(key, string(first)) == ""
}
