package pii

import (
	"strings"

	"github.com/consignhq/consign/detectors"
)

// OwnerName names the camera owner detector.
const OwnerName = "pii/owner"

// ownerFields are the local names of the fields a camera's owner setting
// is written to: EXIF 2.3 CameraOwnerName, Adobe's OwnerName (EXIF tag
// 0xFDE8), XMP aux:OwnerName, and maker-note OwnerName.
var ownerFields = map[string]bool{"CameraOwnerName": true, "OwnerName": true}

// Owner reports the owner name a camera stamps into every photo. The
// owner is often not the creator selling the file (a borrowed camera, a
// studio's body), and when it is, the Sealer marks it as theirs.
type Owner struct{ fieldListDetector }

var _ detectors.Detector = (*Owner)(nil)

// NewOwner returns the camera owner detector.
func NewOwner(detectors.Config) detectors.Detector {
	return &Owner{fieldListDetector{
		name: OwnerName,
		rule: fieldRule{kind: "owner_name", severity: detectors.SeverityMedium, confidence: 0.95, action: actionRemove},
		match: func(field string) bool {
			return isCameraField(field) && ownerFields[localName(field)]
		},
		values: nameValues,
	}}
}

// nameValues returns the names a field holds: the items of a joined list,
// without filler values ("Unknown", "Owner", "Region 1", which some tools
// name untagged faces) and values with no letter.
func nameValues(_, v string) []string {
	var out []string
	for _, s := range splitJoined(v) {
		if hasLetter(s) && !saysNothing(strings.TrimRight(s, "0123456789 ")) {
			out = append(out, s)
		}
	}
	return out
}
