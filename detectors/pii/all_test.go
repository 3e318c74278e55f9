package pii

import (
	"testing"

	"github.com/consignhq/consign/detectors"
)

// metadataDetectors read only Item.Fields, in Detect; they have nothing
// to find in text, so they are not text detectors. (A text detector's
// Detect runs over the metadata too: pii/gps reads fields and text.)
var metadataDetectors = map[string]bool{
	DeviceSerialName: true, OwnerName: true, AuthorName: true, PeopleName: true,
	FilenameName: true,
}

// TestAllRegisterAsTextDetectors builds every preset from All and checks
// that each detector is registered under its name, and is a text detector
// unless it is one of the metadata detectors.
func TestAllRegisterAsTextDetectors(t *testing.T) {
	reg, err := detectors.NewRegistry(All())
	if err != nil {
		t.Fatal(err)
	}
	for _, preset := range []string{"minimal", "default", "strict"} {
		t.Run(preset, func(t *testing.T) {
			names, err := reg.Resolve([]string{preset})
			if err != nil {
				t.Fatal(err)
			}
			dets, err := reg.New(names, detectors.Config{PhoneRegion: "GB"})
			if err != nil {
				t.Fatal(err)
			}
			if len(dets) == 0 {
				t.Fatal("preset has no detectors")
			}
			for i, d := range dets {
				if d.Name() != names[i] {
					t.Errorf("detector %d is named %q, registered as %q", i, d.Name(), names[i])
				}
				if _, ok := d.(detectors.TextDetector); ok == metadataDetectors[d.Name()] {
					t.Errorf("%s: text detector %v, metadata detector %v", d.Name(), ok, metadataDetectors[d.Name()])
				}
			}
		})
	}
}
