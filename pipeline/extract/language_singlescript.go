package extract

import "unicode"

// The scripts only one language writes (Greek, Hangul, Thai...) name a
// word's language outright. The rules ask which of them a letter is in
// for every letter beyond ASCII, so the detector answers the common
// letters from a table.

// singleScriptLanguage is the detector's language that alone writes r's
// script (Greek, Hangul, Thai...), or unsure.
func (d *LanguageDetector) singleScriptLanguage(r rune) int {
	if r >= 0 && int(r) < len(d.singleScriptOf) {
		return int(d.singleScriptOf[r])
	}
	if uint32(r) < bmpRunes {
		// The scripts are disjoint: r's is the only one that can hold it.
		if i := runeScript(runeProps(), r); i >= 0 {
			return d.singleOfScript[i]
		}
		return unsure
	}
	return d.findSingleScript(r)
}

// singleOfScript returns, by index in scripts, the language of single
// that alone writes the script, or unsure.
func singleOfScript(single []struct{ script, lang int }) []int {
	t := make([]int, len(scripts))
	for i := range t {
		t[i] = unsure
	}
	for _, s := range single {
		t[s.script] = s.lang
	}
	return t
}

// singleScriptRunes is how many runes from zero singleScriptOf answers
// for: the letters of the Latin, Greek, Cyrillic, Armenian, Hebrew and
// Arabic blocks, which most non-ASCII words are made of.
const singleScriptRunes = 0x800

// singleScriptTable is findSingleScript for the first singleScriptRunes
// runes, filled from the scripts' ranges rather than by a search for each
// rune, which cost a millisecond of every scan's start.
func singleScriptTable(single []struct{ script, lang int }) []int8 {
	t := make([]int8, singleScriptRunes)
	for i := range t {
		t[i] = unsure
	}
	// Backwards, so that where scripts overlapped the first would win, as
	// in findSingleScript.
	for k := len(single) - 1; k >= 0; k-- {
		s := single[k]
		tab := scripts[s.script].table
		set := func(lo, hi, stride uint32) {
			for r := lo; r <= hi && r < singleScriptRunes; r += stride {
				t[r] = int8(s.lang)
			}
		}
		for _, rg := range tab.R16 {
			set(uint32(rg.Lo), uint32(rg.Hi), uint32(rg.Stride))
		}
		for _, rg := range tab.R32 {
			set(rg.Lo, rg.Hi, rg.Stride)
		}
	}
	return t
}

// findSingleScript is singleScriptLanguage searching the scripts' tables.
func (d *LanguageDetector) findSingleScript(r rune) int {
	for _, s := range d.singleScripts {
		if unicode.Is(scripts[s.script].table, r) {
			return s.lang
		}
	}
	return unsure
}
