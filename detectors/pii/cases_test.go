package pii

import (
	"slices"
	"testing"

	"github.com/consignhq/consign/detectors"
)

// detectorCase is one rule sample: the text, and the matched spans as
// they appear in it (none for a false-positive sample).
type detectorCase struct {
	name string
	text string
	want []string
}

func runCases(t *testing.T, d detectors.TextDetector, cases []detectorCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, m := range d.Find(&detectors.Item{Path: "t.txt"}, []byte(tc.text)) {
				got = append(got, tc.text[m.Start:m.End])
				if !slices.Contains(Kinds(), m.Kind) {
					t.Errorf("kind %q is not in Kinds(): a redaction policy naming it is refused", m.Kind)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("Find(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

// fuzzDetector checks the property every detector keeps on any input: no
// panic, and matches that lie inside the chunk, not empty, not longer than
// MaxLen, with a kind and a severity.
func fuzzDetector(f *testing.F, d detectors.TextDetector, cases []detectorCase) {
	for _, tc := range cases {
		f.Add([]byte(tc.text))
	}
	f.Fuzz(func(t *testing.T, chunk []byte) {
		for _, m := range d.Find(&detectors.Item{}, chunk) {
			if m.Start < 0 || m.Start >= m.End || m.End > len(chunk) {
				t.Fatalf("match [%d,%d) outside chunk of %d bytes", m.Start, m.End, len(chunk))
			}
			if m.End-m.Start > d.MaxLen() {
				t.Fatalf("match of %d bytes exceeds MaxLen %d", m.End-m.Start, d.MaxLen())
			}
			if m.Kind == "" || m.Severity == "" || m.Value == "" {
				t.Fatalf("incomplete match %+v", m)
			}
		}
	})
}
