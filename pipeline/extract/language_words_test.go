package extract

import (
	"regexp"
	"slices"
	"testing"
)

// wordPattern is lingua's word expression, which words must match.
var wordPattern = regexp.MustCompile(`\p{Han}|\p{Hangul}|\p{Hiragana}|\p{Katakana}|\p{L}+`)

func TestWordsMatchLinguaPattern(t *testing.T) {
	tests := []struct{ name, text string }{
		{"ascii", "Hello, world! It's 42 o'clock."},
		{"accents", "déjà vu, naïve façade — straße"},
		{"han runs are single words", "漢字かなカナ한국어"},
		{"latin then han", "abc漢字def"},
		{"han then latin", "漢abc"},
		{"hangul tone mark", "가\u302e나"},
		{"cyrillic and greek", "привет мир, γειά σου"},
		{"digits and marks", "a1b2 c\u0301d e_f"},
		{"invalid utf-8", "ab\xffcd \xe6\xbc"},
		{"empty", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := words(tt.text), wordPattern.FindAllString(tt.text, -1); !slices.Equal(got, want) {
				t.Errorf("words(%q) = %q, the pattern finds %q", tt.text, got, want)
			}
		})
	}
}

// FuzzWords: words splits any text as lingua's expression does.
func FuzzWords(f *testing.F) {
	for _, seed := range []string{"Hello wörld", "漢字かなabc", "가\u302e나", "a\xffb"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := words(text), wordPattern.FindAllString(text, -1); !slices.Equal(got, want) {
			t.Fatalf("words(%q) = %q, the pattern finds %q", text, got, want)
		}
	})
}
