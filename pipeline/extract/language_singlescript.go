package extract

import "unicode"

// The scripts only one language writes (Greek, Hangul, Thai...) name a
// word's language outright. The rules ask which of them a letter is in
// for every letter beyond ASCII, so the detector answers from the rune
// table's script and a list of the language of each script.

// singleScriptLanguage is the detector's language that alone writes r's
// script (Greek, Hangul, Thai...), or unsure.
func (d *LanguageDetector) singleScriptLanguage(r rune) int {
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

// findSingleScript is singleScriptLanguage searching the scripts' tables.
func (d *LanguageDetector) findSingleScript(r rune) int {
	for _, s := range d.singleScripts {
		if unicode.Is(scripts[s.script].table, r) {
			return s.lang
		}
	}
	return unsure
}
