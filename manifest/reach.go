package manifest

import (
	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest/redact"
	"github.com/consignhq/consign/pipeline/extract"
)

// PackRedaction is how pack keeps one finding's value out of the copy of a
// file it bundles, when the redaction policy says mask or remove: both keep
// the value out, a metadata field by stripping it and a text range by
// masking it, whichever fits the finding.
type PackRedaction struct {
	// Strip names the metadata pack removes from the copy.
	Strip redact.Strip
	// Mask says pack masks the finding's byte range in the copy.
	Mask bool
}

// RedactionInFile says how pack carries out a mask or a remove of f in a
// file of mediaType, and false when it cannot: a value in the text of a
// PDF (pack masks the content of plain text files and the text of web
// pages and Office, OpenDocument, RTF and EPUB files, at the finding's offsets), or in
// metadata of a format pack does not rewrite, or that it does not strip.
// pack plans its copies by it, and scan's text summary counts such a file
// to review rather than to redact, so that the two agree.
func RedactionInFile(f *detectors.Finding, mediaType string) (PackRedaction, bool) {
	if strip, ok := stripFor(f); ok && redact.StripsKinds(mediaType) {
		return PackRedaction{Strip: strip}, true
	}
	if f.Location.In == detectors.InMetadata && redact.FieldSupported(mediaType, f.Location.Field) {
		// Any other value found in a field the redactor can take out
		// (a name in an author field or a description, a phone number
		// in a custom property) goes with its field.
		return PackRedaction{Strip: redact.Strip{Fields: []string{f.Location.Field}}}, true
	}
	if f.Location.End <= f.Location.Start {
		return PackRedaction{}, false
	}
	if f.Location.In == detectors.InContent && extract.ContentIsText(mediaType) {
		return PackRedaction{Mask: true}, true
	}
	if f.Location.In == detectors.InText && redact.TextSupported(mediaType, f.Location.Part) {
		// A Word document's body, a slide, an e-book's chapter, a web
		// page: the characters the finding covers are masked where the
		// part holds them.
		r := redact.Range{Start: f.Location.Start, End: f.Location.End}
		return PackRedaction{Strip: redact.Strip{Text: map[string][]redact.Range{f.Location.Part: {r}}}}, true
	}
	return PackRedaction{}, false
}

// stripFor says which metadata redaction removes a finding's field.
func stripFor(f *detectors.Finding) (redact.Strip, bool) {
	if f.Location.In != detectors.InMetadata {
		return redact.Strip{}, false
	}
	switch f.Kind {
	case "gps_location":
		return redact.Strip{GPS: true}, true
	case "device_serial":
		return redact.Strip{Serials: true}, true
	case "owner_name":
		return redact.Strip{Owner: true}, true
	}
	return redact.Strip{}, false
}
