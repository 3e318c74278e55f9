package pii

import (
	"slices"
	"testing"

	"github.com/consignhq/consign/detectors"
)

// sample is one rule-as-data case: a text and the normalized values a
// detector must report in it, in order (none for a false-positive sample).
type sample struct {
	name string
	text string
	want []string
}

// runSamples runs a table of samples through a detector and checks the
// values, the offsets and the fields every match must carry.
func runSamples(t *testing.T, d detectors.TextDetector, item *detectors.Item, samples []sample) {
	t.Helper()
	for _, s := range samples {
		t.Run(s.name, func(t *testing.T) {
			ms := d.Find(item, []byte(s.text))
			var got []string
			for _, m := range ms {
				got = append(got, m.Value)
				if m.Start < 0 || m.End > len(s.text) || m.Start >= m.End {
					t.Errorf("match %+v has offsets outside the text", m)
				}
				if m.Kind == "" || m.Severity == "" || m.Confidence <= 0 || m.Confidence > 1 {
					t.Errorf("match %+v lacks kind, severity or confidence", m)
				}
				if !slices.Contains(Kinds(), m.Kind) {
					t.Errorf("kind %q is not in Kinds(): a redaction policy naming it is refused", m.Kind)
				}
			}
			if !slices.Equal(got, s.want) {
				t.Errorf("Find(%q) = %q, want %q", s.text, got, s.want)
			}
		})
	}
}

// kinds returns the kinds of the matches a detector finds in text.
func kinds(d detectors.TextDetector, text string) []string {
	var ks []string
	for _, m := range d.Find(nil, []byte(text)) {
		ks = append(ks, m.Kind)
	}
	return ks
}
