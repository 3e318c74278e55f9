package pii

import (
	"strings"

	"github.com/consignhq/consign/detectors"
)

// PeopleName names the people-in-image detector.
const PeopleName = "pii/people"

// peopleFields are the fields that name the people shown in an image:
// IPTC Extension PersonInImage (a list of names, or structs with a
// PersonName), the names of MWG face regions (xmp:mwg-rs:FaceName, which
// the XMP extractor derives from regions of type Face), and Microsoft
// Photo regions.
var peopleFields = map[string]bool{
	"xmp:Iptc4xmpExt:PersonInImage":                                true,
	"xmp:Iptc4xmpExt:PersonInImage/Iptc4xmpExt:PersonName":         true,
	"xmp:Iptc4xmpExt:PersonInImageWDetails/Iptc4xmpExt:PersonName": true,
	"xmp:mwg-rs:FaceName":                                          true,
	"xmp:MP:RegionInfo/MPRI:Regions/MPReg:PersonDisplayName":       true,
}

// peopleKeywordFields hold hierarchical keywords, where photo managers
// file the people they recognised under a "People" branch
// ("People|Ann Example" in Lightroom, "People/Ann Example" in digiKam).
var peopleKeywordFields = map[string]bool{
	"xmp:lr:hierarchicalSubject": true,
	"xmp:digiKam:TagsList":       true,
}

func isPeopleField(field string) bool {
	return peopleFields[field] || peopleKeywordFields[field]
}

// People reports the people tagged in a photo. Each tagged person is a
// finding: the creator must have their consent to sell the image for
// training, or remove the tag and review the image.
type People struct{ fieldListDetector }

var _ detectors.Detector = (*People)(nil)

// NewPeople returns the people-in-image detector.
func NewPeople(detectors.Config) detectors.Detector {
	return &People{fieldListDetector{
		name:   PeopleName,
		rule:   fieldRule{kind: "person_in_image", severity: detectors.SeverityMedium, confidence: 0.9, action: actionReview},
		match:  isPeopleField,
		values: peopleValues,
	}}
}

// peopleRoots are the keyword branches that hold people, in lower case.
var peopleRoots = map[string]bool{"people": true, "persons": true, "person": true, "faces": true}

func peopleValues(field, v string) []string {
	if !peopleKeywordFields[field] {
		return nameValues(field, v)
	}
	var out []string
	for _, kw := range splitJoined(v) {
		parts := strings.FieldsFunc(kw, func(r rune) bool { return r == '|' || r == '/' })
		if len(parts) < 2 || !peopleRoots[strings.ToLower(strings.TrimSpace(parts[0]))] {
			continue
		}
		// The leaf is the person; branches between are groups
		// ("People|Family|Ann Example").
		name := normalizeText(parts[len(parts)-1])
		if hasLetter(name) && !saysNothing(name) {
			out = append(out, name)
		}
	}
	return out
}
