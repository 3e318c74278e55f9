package main

import (
	"slices"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
)

// TestFindingsOf holds the grouping recordPack writes to the catalog,
// and planRedactions follows: every scanned file gets exactly its own
// findings, whatever order they come in, and a file without findings
// gets none.
func TestFindingsOf(t *testing.T) {
	recs := []*pipeline.Record{{Path: "a"}, {Path: "b"}, {Path: "c"}, {Path: "d"}}
	f := func(path string, start int64) detectors.Finding {
		return detectors.Finding{Path: path, ID: path + string(rune('0'+start)), Location: detectors.Location{Start: start}}
	}
	tests := []struct {
		name string
		all  []detectors.Finding
	}{
		{"none", nil},
		{"in the records' order", []detectors.Finding{f("a", 1), f("a", 2), f("c", 1)}},
		{"a file not scanned among them", []detectors.Finding{f("a", 1), f("b", 1), f("bb", 1), f("c", 1)}},
		{"out of order", []detectors.Finding{f("c", 1), f("a", 1), f("d", 1), f("a", 2)}},
		{"one file's apart", []detectors.Finding{f("a", 1), f("b", 1), f("a", 2)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// planRedactions finds them by index, the same way.
			at := findingIndexes(recs, tt.all)
			for i, rec := range recs {
				var want, got []int
				for k, x := range tt.all {
					if x.Path == rec.Path {
						want = append(want, k)
					}
				}
				got = append(got, at(i)...)
				if !slices.Equal(got, want) {
					t.Errorf("findingIndexes: %s: %v, want %v", rec.Path, got, want)
				}
			}
			got := findingsOf(recs, tt.all)
			for i, rec := range recs {
				var want []detectors.Finding
				for _, x := range tt.all {
					if x.Path == rec.Path {
						want = append(want, x)
					}
				}
				if !slices.Equal(got[i], want) || (got[i] == nil) != (want == nil) {
					t.Errorf("%s: %v, want %v", rec.Path, got[i], want)
				}
			}
		})
	}
}
