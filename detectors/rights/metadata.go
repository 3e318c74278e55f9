package rights

import (
	"context"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// MetadataName names the detector of ownership fields.
const MetadataName = Prefix + "metadata"

// creatorFields name who made the work, and how sure a name that is not
// the creator's makes us that the work is someone else's: an image's
// artist or credit line is a claim, a document's author field is often a
// machine's account name.
var creatorFields = map[string]bool{
	"exif:Artist": true, "exif:XPAuthor": true, "xmp:dc:creator": true,
	"iptc:By-line": true, "xmp:photoshop:Credit": true, "iptc:Credit": true,
	"xmp:photoshop:Source": true, "iptc:Source": true,
	"xmp:plus:ImageCreator/plus:ImageCreatorName": true,
}

// authorFieldSuffixes end the names of document author fields.
var authorFieldSuffixes = []string{":dc:creator", ":meta:initial-creator", "pdf:Author", "rtf:author", "html:meta:author"}

// defaultAuthors are what software writes when nobody said who wrote
// a document.
var defaultAuthors = map[string]bool{
	"user": true, "admin": true, "administrator": true, "microsoft office user": true,
	"windows user": true, "owner": true, "unknown": true, "author": true, "default": true,
}

// Metadata reports the ownership statements of metadata fields: copyright
// holders and creators, each compared with the creator's identity. Values
// that hold a written notice ("© 2021 …") are left to the copyright
// detector, which reads field values too, and agency credits to the stock
// detector.
type Metadata struct {
	match *Matcher
}

var _ detectors.Detector = (*Metadata)(nil)

// NewMetadata returns the ownership field detector for cfg's creator.
func NewMetadata(cfg detectors.Config) detectors.Detector {
	return &Metadata{match: NewMatcher(cfg.Identity)}
}

// Name implements detectors.Detector.
func (*Metadata) Name() string { return MetadataName }

// Applies implements detectors.Detector.
func (*Metadata) Applies(item *detectors.Item) bool { return len(item.Fields) > 0 }

// Detect implements detectors.Detector.
func (m *Metadata) Detect(_ context.Context, item *detectors.Item) ([]detectors.Finding, error) {
	var out []detectors.Finding
	for _, f := range item.Fields {
		kind, weak := fieldRole(f.Name)
		if kind == "" {
			continue
		}
		for _, v := range splitValues(f.Value) {
			if noticeIn(v) || agencyIn(v, true) != "" {
				continue
			}
			if NamesNobody(v, cameraModel(item), kind == KindCopyrightNotice) {
				continue // a label, the writer speaking of themselves, or a camera's default
			}
			if isSourceField(f.Name) && DescribesOrigin(v) {
				continue // the medium the picture came from
			}
			verdict := m.match.Classify(v)
			if weak && (defaultAuthors[strings.ToLower(v)] || verdict == detectors.OwnerUnknown) {
				continue
			}
			detail := v
			if kind == KindCopyrightNotice {
				detail = noticeDetail("", v)
			}
			s := ownerSignal(verdict, kind, detail)
			if weak && s.action == detectors.ActionExclude {
				s.severity, s.action, s.confidence = detectors.SeverityMedium, detectors.ActionReview, 0.5
			}
			out = append(out, finding(MetadataName, item, f.Name, v, s))
		}
	}
	return out, nil
}

// fieldRole says what a field names: a copyright holder or a creator,
// and whether the claim is weak (document author fields).
func fieldRole(name string) (kind string, weak bool) {
	switch {
	case detectors.IsCopyrightField(name):
		return KindCopyrightNotice, false
	case creatorFields[name]:
		return KindThirdPartyArtist, false
	}
	for _, s := range authorFieldSuffixes {
		if strings.HasSuffix(name, s) {
			return KindThirdPartyArtist, true
		}
	}
	return "", false
}

// maxValues bounds the values read from one field.
const maxValues = 32

// splitValues splits the "; "-joined values of a repeated property.
func splitValues(v string) []string {
	var out []string
	for _, s := range strings.SplitN(v, "; ", maxValues) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// noticeIn reports whether the copyright detector finds a notice in v.
func noticeIn(v string) bool {
	b := []byte(v)
	for _, h := range copyrightAnchors.hits(b) {
		ls, le := lineAround(b, h, maxNoticeLine)
		if _, ok := parseNotice(b[ls:le]); ok {
			return true
		}
	}
	return false
}

// Version implements the pipeline's versioned detector: "2" drops field
// labels, first-person notes and camera default copyrights, so findings
// cached by version 1 are made again; "3" drops stand-ins for no value
// ("unknown", "n/a") in creator and copyright fields; "4" reads an RTF
// document's copyright; "5" drops Source values that describe the
// medium ("DIGITAL"), shrugs ("Who knows?") and test values named after
// their standard ("WRONG-IPTC-Copyright").
func (*Metadata) Version() string { return "5" }
