package extract_test

import (
	"slices"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/detectors/pii"
)

// TestSampleMetadataFindings runs the default extractors and the metadata
// detectors over the project's own samples, whose metadata the tests that
// made them chose: what each extractor emits must reach its detector.
func TestSampleMetadataFindings(t *testing.T) {
	gps, serial := pii.NewGPS(detectors.Config{}), pii.NewDeviceSerial(detectors.Config{})
	author := pii.NewAuthor(detectors.Config{})
	photoGPS := []string{"48.858370,2.294481"}
	photoSerials := []string{"012345678901", "LS998877"}
	tests := []struct {
		sample string
		det    detectors.Detector
		want   []string
	}{
		{"photo.jpg", gps, photoGPS},
		{"photo.tif", gps, photoGPS},
		{"photo.png", gps, photoGPS},
		{"photo.webp", gps, photoGPS},
		{"photo.heic", gps, photoGPS},
		{"photo.jpg", serial, photoSerials},
		{"photo.heic", serial, photoSerials},
		{"video.mov", gps, []string{"48.858300,2.294400"}},
		{"video.mp4", gps, []string{"48.858292,2.294388"}},
		{"ride.fit", gps, []string{"48.858400,2.294500"}},
		{"ride.fit", serial, []string{"3312345678"}},
		{"doc.docx", author, []string{"Jane Creator", "Editor Bob"}},
		{"doc.pdf", author, []string{"Jane Creator", "Jane Creator"}},
		{"tone.mp3", author, nil},
		{"tone.flac", author, nil},
	}
	for _, tt := range tests {
		t.Run(tt.sample+" "+tt.det.Name(), func(t *testing.T) {
			if got := corpusFindings(t, "testdata/samples", tt.sample, tt.det); !slices.Equal(got, tt.want) {
				t.Errorf("%s on %s = %q, want %q", tt.det.Name(), tt.sample, got, tt.want)
			}
		})
	}
}
