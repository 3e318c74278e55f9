package extract

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/consignhq/consign/pipeline/extract/internal/ngram"
)

func TestLanguageConfidences(t *testing.T) {
	d := testDetector(t)
	enFr, err := NewLanguageDetector([]string{"en", "fr"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		d    *LanguageDetector
		text string
		want string // the top language; "" for none
	}{
		{"no letters", d, "12 345, 678!", ""},
		{"too few letters", d, "ab", ""},
		{"greek script names greek", d, "Καλημέρα κόσμε", "el"},
		{"hangul names korean", d, "안녕하세요 세계", "ko"},
		{"kana names japanese", d, "こんにちは", "ja"},
		{"japanese outside the list", enFr, "こんにちは", ""},
		{"eszett names german", d, "straße", "de"},
		{"trigrams decide", d, languageParagraphs["nl"], "nl"},
		{"list narrows the choice", enFr, languageParagraphs["en"], "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.d.confidences(tt.text)
			top := ""
			if len(got) > 0 {
				top = languageCode(got[0].lang)
			}
			if top != tt.want {
				t.Fatalf("top language %q, want %q (%+v)", top, tt.want, got)
			}
		})
	}
}

func FuzzLanguageConfidences(f *testing.F) {
	for _, p := range languageParagraphs {
		f.Add(p[:len(p)/2])
	}
	f.Add("Ìì ẸẹỌọ ЈјЉљ straße 漢字 かな")
	d, err := NewLanguageDetector(nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4*sampleSize {
			text = text[:4*sampleSize]
		}
		values := d.confidences(text)
		var sum float64
		for i, v := range values {
			if v.value <= 0 || v.value > 1 || math.IsNaN(v.value) {
				t.Fatalf("confidence %g of %s", v.value, languageCode(v.lang))
			}
			if i > 0 && values[i-1].value < v.value {
				t.Fatal("confidences out of order")
			}
			sum += v.value
		}
		if len(values) > 0 && math.Abs(sum-1) > 1e-9 {
			t.Fatalf("confidences sum to %g for %q", sum, strings.ToValidUTF8(text, "?"))
		}
	})
}

// TestTrigrams: the trigrams are those of each word's runes taken three
// at a time, distinct and sorted, as lingua counts them.
func TestTrigrams(t *testing.T) {
	tests := []struct{ name, text string }{
		{"prose", languageParagraphs["de"]},
		{"short words", "a ab abc abcd"},
		{"accents and scripts", "déjà straße привет 漢字"},
		{"invalid utf-8", "ab\xffcd \xe6\xbcxyz"},
		{"empty", ""},
		{"longer than a sample", strings.Repeat(languageParagraphs["fr"]+" "+languageParagraphs["pl"]+" ", 20)},
		{"short after long", "abc abd"},
	}
	// One set for every case, as a scan reuses it sample after sample.
	var seen trigramSet
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws := words(strings.ToLower(tt.text))
			var want []uint64
			for _, w := range ws {
				r := []rune(w)
				for i := 0; i+3 <= len(r); i++ {
					want = append(want, ngram.Key(r[i], r[i+1], r[i+2]))
				}
			}
			slices.Sort(want)
			want = slices.Compact(want)
			if got := trigrams(nil, ws, nil); !slices.Equal(got, want) {
				t.Fatalf("trigrams %x, want %x", got, want)
			}
			if got := trigrams(nil, ws, &seen); !slices.Equal(got, want) {
				t.Fatalf("trigrams with a reused set %x, want %x", got, want)
			}
		})
	}
}

// TestSingleScriptTable holds the look-up by the rune table's script to
// the search it stands for, for detectors of every language and of a
// few.
func TestSingleScriptTable(t *testing.T) {
	for _, codes := range [][]string{nil, {"en", "el", "ru", "hy", "he"}, {"fr", "de"}} {
		name := strings.Join(codes, ",")
		if name == "" {
			name = "all"
		}
		t.Run(name, func(t *testing.T) {
			d, err := NewLanguageDetector(codes)
			if err != nil {
				t.Fatal(err)
			}
			for r := rune(0); r < bmpRunes+0x100; r++ {
				if got, want := d.singleScriptLanguage(r), d.findSingleScript(r); got != want {
					t.Fatalf("rune %U: table says %d, search %d", r, got, want)
				}
			}
		})
	}
}
