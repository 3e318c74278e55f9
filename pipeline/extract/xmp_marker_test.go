package extract

import (
	"bytes"
	"testing"
)

// containsAnyMarker is containsXMPMarker as the markers' definition
// reads: each searched for in turn.
func containsAnyMarker(b []byte) bool {
	for _, m := range xmpOpenMarkers {
		if bytes.Contains(b, m) {
			return true
		}
	}
	return false
}

func TestContainsXMPMarker(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"", false},
		{"<x:xmpmeta", true},
		{"<x:xapmeta xmlns:x=\"adobe:ns:meta/\">", true},
		{"text <x:x <x:xmp <x:xmpmeta>", true},
		{"<x:x<x:xapmeta", true},
		{"<x:xmpmet", false},
		{"<x:xmpmetb <x:xapmetb", false},
		{"<x:XMPMETA", false},
		{"<x:x", false},
		{xmpPacket, true},
	} {
		if got := containsXMPMarker([]byte(c.in)); got != c.want || got != containsAnyMarker([]byte(c.in)) {
			t.Errorf("containsXMPMarker(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// FuzzContainsXMPMarker holds the one-pass search to searching for each
// marker in turn.
func FuzzContainsXMPMarker(f *testing.F) {
	for _, s := range []string{"<x:xmpmeta", "a<x:x<x:xapmeta>", "<x:xmpmet", xmpPacket} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := containsXMPMarker(b), containsAnyMarker(b); got != want {
			t.Fatalf("containsXMPMarker(%q) = %v, want %v", b, got, want)
		}
	})
}
