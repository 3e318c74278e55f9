package extract

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestRuneProps holds every entry of the table to the unicode package's
// answers, and the look-ups beyond it too.
func TestRuneProps(t *testing.T) {
	props := runeProps()
	for r := rune(0); r < bmpRunes+0x1000; r++ {
		if got, want := isLetter(props, r), unicode.IsLetter(r); got != want {
			t.Fatalf("%U: letter %v, unicode says %v", r, got, want)
		}
		if got, want := isSpace(props, r), unicode.IsSpace(r); got != want {
			t.Fatalf("%U: space %v, unicode says %v", r, got, want)
		}
		if got, want := toLower(props, r), unicode.ToLower(r); got != want {
			t.Fatalf("%U: lower case %U, unicode says %U", r, got, want)
		}
		if got, want := isOwnWord(props, r), unicode.IsOneOf(ownWordScripts, r); got != want {
			t.Fatalf("%U: a word of its own %v, unicode says %v", r, got, want)
		}
		want := -1
		for i, s := range scripts {
			if unicode.Is(s.table, r) {
				want = i
				break
			}
		}
		if got := runeScript(props, r); got != want {
			t.Fatalf("%U: script %d, unicode says %d", r, got, want)
		}
		if r >= bmpRunes {
			continue
		}
		p := props[r]
		if got, want := p&propLower != 0, unicode.IsLower(r); got != want {
			t.Fatalf("%U: lower %v, unicode says %v", r, got, want)
		}
		if got, want := p&propUpper != 0, unicode.IsUpper(r); got != want {
			t.Fatalf("%U: upper %v, unicode says %v", r, got, want)
		}
	}
}

// TestScriptsDisjoint checks that no rune is in two of the rules'
// scripts: the look-ups by a rune's script (wordScript,
// singleScriptLanguage) rely on it.
func TestScriptsDisjoint(t *testing.T) {
	owner := make([]int8, unicode.MaxRune+1)
	for i, s := range scripts {
		each := func(lo, hi, stride uint32) {
			for r := lo; r <= hi; r += stride {
				if owner[r] != 0 {
					t.Fatalf("%U is in scripts %d and %d", r, owner[r]-1, i)
				}
				owner[r] = int8(i + 1)
			}
		}
		for _, rg := range s.table.R16 {
			each(uint32(rg.Lo), uint32(rg.Hi), uint32(rg.Stride))
		}
		for _, rg := range s.table.R32 {
			each(rg.Lo, rg.Hi, rg.Stride)
		}
	}
}

// TestWordScript holds wordScript to the search of the scripts in order
// for a word every one of whose runes is in it.
func TestWordScript(t *testing.T) {
	props := runeProps()
	allIn := func(w string, tab *unicode.RangeTable) bool {
		for _, r := range w {
			if !unicode.Is(tab, r) {
				return false
			}
		}
		return w != ""
	}
	words := []string{"", "word", "café", "straße", "слово", "λόγος", "كلمة", "漢字", "かな", "カナ", "한국어", "ქართ", "𠀀𠀁",
		"cafеé" /* a Cyrillic е among Latin letters */, "a\xffb", "日本ご", "ग्रन्थ", "ภาษา"}
	for _, w := range words {
		want := -1
		for i, s := range scripts {
			if allIn(w, s.table) {
				want = i
				break
			}
		}
		if got := wordScript(props, w); got != want {
			t.Errorf("wordScript(%q) = %d, want %d", w, got, want)
		}
	}
}

// TestAppendLower holds appendLower to strings.ToLower.
func TestAppendLower(t *testing.T) {
	for _, s := range []string{"", "plain", "MiXeD Case", "ÉCOLE Straße İstanbul ΣΟΦΊΑ", "KELVIN \u212a, Ⱥ", "bad \xff\xfe bytes \xe2\x82", "\uFFFD kept", "日本語 한국어"} {
		if got, want := string(appendLower([]byte("x"), []byte(s))), "x"+strings.ToLower(s); got != want {
			t.Errorf("appendLower(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzAppendLower(f *testing.F) {
	for _, s := range []string{"Hello", "ÉCOLE", "\xff", "İ", "\u212a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendLower(nil, []byte(s))), strings.ToLower(s); got != want {
			t.Fatalf("appendLower(%q) = %q, want %q", s, got, want)
		}
		if utf8.ValidString(s) && !utf8.ValidString(string(appendLower(nil, []byte(s)))) {
			t.Fatalf("appendLower(%q) is not UTF-8", s)
		}
	})
}
