package detectors

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// countKey keys the shared count of 'x' bytes.
type countKey struct{}

// sharingDetector reports every 'x', from a pass it shares with its
// siblings; passes counts the passes made.
type sharingDetector struct {
	name   string
	passes *int
}

func (d sharingDetector) Name() string                                   { return d.name }
func (sharingDetector) Applies(*Item) bool                               { return true }
func (sharingDetector) Detect(context.Context, *Item) ([]Finding, error) { return nil, nil }
func (sharingDetector) MaxLen() int                                      { return 1 }
func (d sharingDetector) Find(item *Item, chunk []byte) []Match {
	xs := Shared(item, countKey{}, chunk, func(c []byte) []int {
		*d.passes++
		var out []int
		for i, b := range c {
			if b == 'x' {
				out = append(out, i)
			}
		}
		return out
	})
	var out []Match
	for _, i := range xs {
		out = append(out, Match{Start: i, End: i + 1, Kind: d.name})
	}
	return out
}

func TestSharedOncePerChunk(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		chunkSize int
	}{
		{"one chunk", "ax bx cx", 0},
		{"many chunks", strings.Repeat("abcdefghijklmnopqrstuvwx", 2000), 4096},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			passes := 0
			dets := []TextDetector{sharingDetector{"a", &passes}, sharingDetector{"b", &passes}}
			item := &Item{Path: "t.txt"}
			s := NewTextScanner(dets, item, ScanOptions{Fingerprinter: NewFingerprinter(make([]byte, KeySize)), ChunkSize: tt.chunkSize, MaxFindings: 1 << 20})
			if err := s.Scan("", InContent, strings.NewReader(tt.text)); err != nil {
				t.Fatal(err)
			}
			want := 2 * strings.Count(tt.text, "x")
			if got := len(s.Findings()); got != want {
				t.Errorf("%d findings, want %d", got, want)
			}
			for i, f := range s.Findings() {
				if tt.text[f.Location.Start] != 'x' {
					t.Fatalf("finding %d at %d is not an x", i, f.Location.Start)
				}
			}
			chunks := 1 + len(tt.text)/max(s.opts.ChunkSize, 1)
			if passes > chunks {
				t.Errorf("%d passes over %d chunks: the detectors did not share them", passes, chunks)
			}
			if item.memo != nil {
				t.Error("the item keeps the scan's memo after the scan")
			}
		})
	}
}

func TestSharedOutsideScan(t *testing.T) {
	passes := 0
	d := sharingDetector{"a", &passes}
	item := &Item{}
	for _, text := range []string{"x", "xx", "axbx"} {
		if got, want := len(d.Find(item, []byte(text))), bytes.Count([]byte(text), []byte("x")); got != want {
			t.Errorf("Find(%q) = %d matches, want %d", text, got, want)
		}
	}
	if passes != 3 {
		t.Errorf("%d passes outside a scan, want one per call", passes)
	}
}
