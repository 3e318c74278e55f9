package pipeline

import (
	"testing"

	"github.com/consignhq/consign/detectors"
)

func TestSetDefaultAction(t *testing.T) {
	meta := func(field string) detectors.Location {
		return detectors.Location{In: detectors.InMetadata, Field: field}
	}
	for _, tc := range []struct {
		name string
		f    detectors.Finding
		want string
	}{
		{"email in text", detectors.Finding{Category: detectors.CategoryPII, Kind: "email", Location: detectors.Location{In: detectors.InContent}}, detectors.ActionMask},
		{"name in a comment field", detectors.Finding{Category: detectors.CategoryPII, Kind: "person_name", Location: meta("exif:UserComment")}, detectors.ActionRemove},
		{"name in a copyright notice", detectors.Finding{Category: detectors.CategoryPII, Kind: "person_name", Location: meta("exif:Copyright")}, detectors.ActionReview},
		{"name in an audio copyright", detectors.Finding{Category: detectors.CategoryPII, Kind: "person_name", Location: meta("id3:TCOP")}, detectors.ActionReview},
		{"email in a copyright notice", detectors.Finding{Category: detectors.CategoryPII, Kind: "email", Location: meta("exif:Copyright")}, detectors.ActionRemove},
		{"secret in metadata", detectors.Finding{Category: detectors.CategorySecret, Kind: "private_key", Location: meta("xmp:dc:rights")}, detectors.ActionRemove},
		{"rights", detectors.Finding{Category: detectors.CategoryRights, Kind: "copyright_notice", Location: meta("exif:Copyright")}, detectors.ActionReview},
		{"detector's own", detectors.Finding{Category: detectors.CategoryPII, Kind: "person_name", Location: meta("exif:Copyright"), Action: detectors.ActionExclude}, detectors.ActionExclude},
		{"self", detectors.Finding{Category: detectors.CategoryPII, Kind: detectors.KindSelf, Location: meta("exif:Copyright")}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := tc.f
			setDefaultAction(&f)
			if f.Action != tc.want {
				t.Errorf("action %q, want %q", f.Action, tc.want)
			}
		})
	}
}
