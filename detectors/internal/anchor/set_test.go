package anchor

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// naiveHits is the obvious search Hits must agree with.
func naiveHits(s *Set, chunk []byte) []Hit {
	var out []Hit
	for i := range chunk {
		for id, w := range s.words {
			if i+len(w.text) > len(chunk) {
				continue
			}
			at := chunk[i : i+len(w.text)]
			if w.exact && bytes.Equal(at, w.text) || !w.exact && equalFold(at, w.text) {
				out = append(out, Hit{Start: i, Word: id})
			}
		}
	}
	return out
}

func TestHits(t *testing.T) {
	set := New("spdx-license-identifier:", "cc0", "cc by", "©", "![", "\n>", "z").AddExact("AP", "Reuters")
	tests := []struct {
		name string
		text string
		want []Hit
	}{
		{"none", "the quiet river in the morning light", nil},
		{"any case", "SPDX-License-Identifier: MIT", []Hit{{0, 0}}},
		{"odd offset", " cc0 and CC BY", []Hit{{1, 1}, {9, 2}}},
		{"two-byte word at either parity", "![a] ![b]", []Hit{{0, 4}, {5, 4}}},
		{"non-ascii", "a © b ©", []Hit{{2, 3}, {7, 3}}},
		{"newline quote", "said\n> quoted", []Hit{{4, 5}}},
		{"one-byte word", "azbz", []Hit{{1, 6}, {3, 6}}},
		{"exact only as written", "AP Photo, ap, (AP) Reuters reuters", []Hit{{0, 7}, {15, 7}, {19, 8}}},
		{"at the very end", "text AP", []Hit{{5, 7}}},
		{"short chunk", "A", nil},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := set.Hits([]byte(tt.text), nil)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Hits(%q) = %v, want %v", tt.text, got, tt.want)
			}
			if naive := naiveHits(set, []byte(tt.text)); !slices.Equal(got, naive) {
				t.Errorf("Hits(%q) = %v, naive search %v", tt.text, got, naive)
			}
		})
	}
}

// TestHitsAgreeWithNaive runs random text dense in the words' bytes at
// every alignment.
func TestHitsAgreeWithNaive(t *testing.T) {
	set := New("permission is hereby granted", "cc0", "ccby", "alamy", "123rf", "©", "(c)", "\n>", "“").AddExact("AP", "AFP", "REUTERS")
	alphabet := []byte("aAcCpP0123rfRFyYb©(\n>“ ")
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		n := r.IntN(64)
		var b []byte
		for len(b) < n {
			if r.IntN(8) == 0 {
				b = append(b, set.words[r.IntN(len(set.words))].text...)
				continue
			}
			b = append(b, alphabet[r.IntN(len(alphabet))])
		}
		if got, want := set.Hits(b, nil), naiveHits(set, b); !slices.Equal(got, want) {
			t.Fatalf("Hits(%q) = %v, naive search %v", b, got, want)
		}
	}
}

// TestWindowKeyedWords puts words long enough to be keyed by four-byte
// windows at every offset modulo the windows' stride, in either case and
// cut short at the chunk's end.
func TestWindowKeyedWords(t *testing.T) {
	set := New("copyright", "rights reserved").AddExact("REUTERS")
	for _, w := range []string{"copyright", "COPYRIGHT", "All Rights Reserved", "REUTERS", "Reuters", "copyrigh"} {
		for pad := range 2 * quadStride {
			for _, tail := range []string{"", " and more text after it"} {
				b := []byte(strings.Repeat("x", pad) + " " + w + tail)
				if got, want := set.Hits(b, nil), naiveHits(set, b); !slices.Equal(got, want) {
					t.Errorf("Hits(%q) = %v, naive search %v", b, got, want)
				}
			}
		}
	}
}

func TestStarts(t *testing.T) {
	set := New("cc by", "cc by-sa", "by")
	if got, want := set.Starts([]byte("CC BY-SA, by")), []int{0, 3, 10}; !slices.Equal(got, want) {
		t.Errorf("Starts = %v, want %v", got, want)
	}
}

func FuzzHits(f *testing.F) {
	set := New("creative commons", "cc0", "©", "![").AddExact("AP")
	f.Add([]byte("Creative Commons CC0 © ![x] AP"))
	f.Fuzz(func(t *testing.T, b []byte) {
		got := set.Hits(b, nil)
		for _, h := range got {
			if h.Start < 0 || h.Start+len(set.words[h.Word].text) > len(b) {
				t.Fatalf("hit %v outside %d bytes", h, len(b))
			}
		}
		if want := naiveHits(set, b); !slices.Equal(got, want) {
			t.Fatalf("Hits(%q) = %v, naive search %v", b, got, want)
		}
	})
}

func BenchmarkHits(b *testing.B) {
	set := New("permission is hereby granted", "apache license", "creative commons", "cc0", "cc by")
	text := bytes.Repeat([]byte("We walked along the quiet river in the beautiful morning light, then.\n"), 4096)
	b.SetBytes(int64(len(text)))
	var dst []Hit
	for b.Loop() {
		dst = set.Hits(text, dst[:0])
	}
}
