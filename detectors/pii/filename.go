package pii

import (
	"context"
	"path"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// FilenameName names the detector of personal data in file names.
const FilenameName = "pii/filename"

// FilenameField is the Location.Field of findings in a file's path.
const FilenameField = "path"

// Filename finds email addresses and phone numbers in the names of a
// file and of the folders above it ("invoices/jane@doe.com/2021.pdf",
// "call_020_7946_0958.m4a"). File names travel with a dataset into every
// listing and manifest, so they leak as readily as metadata; the fix is a
// rename, which a person decides.
//
// It runs the email and phone text detectors over each path component,
// with the file's extension cut off (so "jane@doe.com.pdf" does not end
// in the domain "com.pdf") and, for phones, underscores read as spaces,
// the way people separate words in file names. A phone number must be
// written with a "+" or separators: a bare run of digits in a file name
// is a counter, an upload id or a time stamp far more often than a
// number someone dials (DSC01234.JPG, IMG_20210603_142210.jpg).
type Filename struct {
	email detectors.TextDetector
	phone detectors.TextDetector
}

var _ detectors.Detector = (*Filename)(nil)

// NewFilename returns the file name detector; phone numbers without a
// country code are read in cfg.PhoneRegion, as in text.
func NewFilename(cfg detectors.Config) detectors.Detector {
	return &Filename{email: &Email{}, phone: NewPhone(cfg.PhoneRegion)}
}

// Name implements detectors.Detector.
func (*Filename) Name() string { return FilenameName }

// Applies implements detectors.Detector: only names with an '@' or
// enough digits for a phone number can hold either.
func (*Filename) Applies(item *detectors.Item) bool {
	digits := 0
	for i := 0; i < len(item.Path); i++ {
		c := item.Path[i]
		if c == '@' {
			return true
		}
		if isDigit(c) {
			digits++
		}
	}
	return digits >= minFilenamePhoneDigits
}

// minFilenamePhoneDigits is the fewest digits of a phone number anywhere.
const minFilenamePhoneDigits = 7

// Detect implements detectors.Detector.
func (d *Filename) Detect(ctx context.Context, item *detectors.Item) ([]detectors.Finding, error) {
	var out []detectors.Finding
	parts := strings.Split(item.Path, "/")
	for i, part := range parts {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		name := part
		if i == len(parts)-1 {
			name = trimExtension(part)
		}
		if name == "" {
			continue
		}
		raw := []byte(part)
		for _, m := range d.email.Find(item, []byte(name)) {
			out = append(out, d.finding(item, raw, m))
		}
		spaced := []byte(strings.ReplaceAll(name, "_", " "))
		for _, m := range d.phone.Find(item, spaced) {
			if isFormattedPhone(name[m.Start:m.End]) {
				out = append(out, d.finding(item, raw, m))
			}
		}
	}
	return out, nil
}

// finding turns a match in a path component into a finding; the match's
// offsets hold in the component as written, which only lost its tail.
func (d *Filename) finding(item *detectors.Item, component []byte, m detectors.Match) detectors.Finding {
	return detectors.Finding{
		Path:       item.Path,
		Detector:   FilenameName,
		Category:   detectors.CategoryPII,
		Kind:       m.Kind,
		Severity:   m.Severity,
		Confidence: m.Confidence,
		Location:   detectors.Location{In: detectors.InMetadata, Field: FilenameField},
		Excerpt:    detectors.Excerpt(component, m.Start, m.End, m.Kind),
		Value:      m.Value,
		Action:     actionReview,
	}
}

// maxExtensionLen bounds what counts as an extension: "photo.jpeg" has
// one, "Mr. Smith and Ms. Jones" does not.
const maxExtensionLen = 5

// trimExtension cuts a short alphanumeric extension off a file name.
func trimExtension(name string) string {
	ext := path.Ext(name)
	if len(ext) < 2 || len(ext) > maxExtensionLen+1 {
		return name
	}
	for i := 1; i < len(ext); i++ {
		if !isAlnum(ext[i]) {
			return name
		}
	}
	return name[:len(name)-len(ext)]
}

// isFormattedPhone reports whether a phone number in a file name is
// written as one: with a leading "+" or with separators between digits.
func isFormattedPhone(raw string) bool {
	if strings.HasPrefix(raw, "+") {
		return true
	}
	for i := 0; i < len(raw); i++ {
		if !isDigit(raw[i]) {
			return true
		}
	}
	return false
}
