package pii

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestWordFlags(t *testing.T) {
	w := newWordFlags(0) // starts small, so the table grows
	want := map[string]uint8{}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 20000 {
		word := fmt.Sprintf("w%x", r.IntN(8000))
		if i%997 == 0 {
			word = strings.Repeat("long", 70) + word // past a slot's length field
		}
		f := uint8(1) << r.IntN(8)
		w.or([]byte(word), f)
		want[word] |= f
	}
	w.or(nil, nameGiven)
	for _, tc := range []struct {
		name string
		word string
	}{
		{"absent", "absent"},
		{"empty", ""},
		{"prefix of a word", "w"},
		{"absent long", strings.Repeat("long", 70)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := w.getString(tc.word); got != 0 {
				t.Errorf("flags of %q = %b, want none", tc.word, got)
			}
		})
	}
	if w.len() != len(want) {
		t.Fatalf("%d words, want %d", w.len(), len(want))
	}
	for word, f := range want {
		if got := w.get([]byte(word)); got != f {
			t.Fatalf("flags of %q = %b, want %b", word, got, f)
		}
	}
}

// TestNameListsAsMap holds the name index to the map of strings it
// replaced, built from the same lists and sets: every word, every flag.
func TestNameListsAsMap(t *testing.T) {
	want := map[string]uint8{}
	for _, l := range nameListFiles {
		words, err := readNameList(l.file)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range words {
			want[w] |= l.flag
		}
	}
	for w := range brandWords.all() {
		want[w] |= nameCommon
	}
	for w := range honorifics.all() {
		want[w] |= nameHonorific
	}
	for w := range placeWords.all() {
		want[w] |= namePlaceWord
	}
	for w := range placePrefixes.all() {
		want[w] |= namePlacePrefix
	}
	m := nameLists()
	if m.len() != len(want) {
		t.Fatalf("index holds %d words, want %d", m.len(), len(want))
	}
	for w, f := range want {
		if got := m.getString(w); got != f {
			t.Fatalf("flags of %q = %b, want %b", w, got, f)
		}
	}
}
