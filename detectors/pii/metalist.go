package pii

import (
	"context"
	"strings"
	"unicode"

	"github.com/consignhq/consign/detectors"
)

// fieldListDetector reports the values of a list of metadata fields that
// are personal data by what they are (an owner's name, a serial number),
// whatever they say. The exported detectors built on it differ in the
// fields they read and how they read a value.
type fieldListDetector struct {
	name string
	rule fieldRule
	// match tells the fields to read by name.
	match func(field string) bool
	// values gives the values a field holds worth reporting, normalized;
	// none when the field is empty or a filler value.
	values func(field, value string) []string
}

// Name implements detectors.Detector.
func (d *fieldListDetector) Name() string { return d.name }

// Applies implements detectors.Detector.
func (d *fieldListDetector) Applies(item *detectors.Item) bool { return hasAnyField(item, d.match) }

// Detect implements detectors.Detector.
func (d *fieldListDetector) Detect(ctx context.Context, item *detectors.Item) ([]detectors.Finding, error) {
	var out []detectors.Finding
	for _, f := range item.Fields {
		if !d.match(f.Name) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return out, err
		}
		for _, v := range d.values(f.Name, f.Value) {
			out = append(out, d.rule.finding(item, d.name, f.Name, v))
		}
	}
	return out, nil
}

// localName is the last component of a field name: "SerialNumber" of
// "xmp:aux:SerialNumber", "PersonName" of a struct path.
func localName(field string) string {
	if i := strings.LastIndexAny(field, ":/"); i >= 0 {
		return field[i+1:]
	}
	return field
}

// hasLetter reports whether s holds a letter of any script.
func hasLetter(s string) bool {
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}

// isCameraField reports whether a field comes from camera metadata: EXIF,
// XMP, GoPro's GPMF in JPEG ("gopro:"), or a maker note ("makernote:",
// "canon-makernote:" or however its reader names it). A "SerialNumber" in a document's custom properties
// could be anything.
func isCameraField(field string) bool {
	ns, _, _ := strings.Cut(field, ":")
	return ns == "exif" || ns == "xmp" || ns == "gopro" || strings.Contains(strings.ToLower(ns), "maker")
}
