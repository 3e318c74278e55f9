package pii

import (
	"bytes"
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
)

// TestNameAddressDOBAcrossChunks plants a name, an address and a date of
// birth, with their cues, across the chunk boundaries of a small-chunk
// scan, and checks each is found exactly once with the same span.
func TestNameAddressDOBAcrossChunks(t *testing.T) {
	dets := []detectors.TextDetector{&Name{}, &Address{}, &DOB{}}
	values := []struct{ text, want, kind string }{
		{"Dear Mr. Smith,", "Smith", "person_name"},
		{"we met Maria Schmidt there", "Maria Schmidt", "person_name"},
		{"10 Downing Street, London SW1A 2AA", "10 Downing Street, London SW1A 2AA", "street_address"},
		{"DOB: 14/03/1985", "14/03/1985", "date_of_birth"},
	}
	const chunk = 1000
	for _, v := range values {
		off := strings.Index(v.text, v.want)
		for at := chunk - len(v.text) - 2; at <= chunk+2; at++ {
			text := []byte(strings.Repeat("lorem ipsum dolor sit amet\n", 2*chunk/27+2))
			copy(text[at-1:], " "+v.text+" ")
			s := detectors.NewTextScanner(dets, &detectors.Item{Path: "p.txt"}, detectors.ScanOptions{
				Fingerprinter: detectors.NewFingerprinter(make([]byte, detectors.KeySize)),
				ChunkSize:     chunk,
			})
			if err := s.Scan("", detectors.InContent, bytes.NewReader(text)); err != nil {
				t.Fatal(err)
			}
			var got []detectors.Finding
			for _, f := range s.Findings() {
				if f.Kind == v.kind {
					got = append(got, f)
				}
			}
			start := int64(at + off)
			if len(got) != 1 || got[0].Location.Start != start || got[0].Location.End != start+int64(len(v.want)) {
				t.Fatalf("%q at %d: got %+v", v.want, at, got)
			}
		}
	}
}
