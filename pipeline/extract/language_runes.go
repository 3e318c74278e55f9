package extract

import (
	"sync"
	"unicode"
)

// Language detection asks of every character beyond ASCII whether it is
// a letter, a space, upper or lower case, what its lower case is, which
// of lingua's scripts it is written in, and whether that script makes
// each character a word of its own. The unicode package answers each
// question with a search of a range table, and those searches were about
// a third of judging samples in many languages and scripts; runeProps
// answers them for the Basic Multilingual Plane from one table, and the
// rest of Unicode by the searches.

// runeProp is what language detection needs to know of one rune: the
// flags below, and in the high byte one more than the index in scripts
// of the script it is in, 0 for none of them.
type runeProp uint16

const (
	propLetter      runeProp = 1 << iota // unicode.IsLetter
	propLower                            // unicode.IsLower
	propUpper                            // unicode.IsUpper
	propSpace                            // unicode.IsSpace
	propOwnWord                          // in ownWordScripts: each character a word
	propCased                            // unicode.ToLower changes it
	propScriptShift = 8
)

// bmpRunes is how many runes the table holds: the Basic Multilingual
// Plane, where all the scripts lingua tells apart are, but for the rarer
// Han ideographs.
const bmpRunes = 1 << 16

// runeProps is the table, 128 KiB, built on first use: only language
// detection needs it. It is filled from the range tables' ranges rather
// than by asking about each rune, which would take tens of milliseconds;
// TestRuneProps holds every entry to the unicode package's answer.
var runeProps = sync.OnceValue(func() *[bmpRunes]runeProp {
	t := new([bmpRunes]runeProp)
	mark := func(tab *unicode.RangeTable, set func(p *runeProp)) {
		for _, rg := range tab.R16 {
			for r := uint32(rg.Lo); r <= uint32(rg.Hi); r += uint32(rg.Stride) {
				set(&t[r])
			}
		}
		for _, rg := range tab.R32 {
			for r := rg.Lo; r <= rg.Hi && r < bmpRunes; r += rg.Stride {
				set(&t[r])
			}
		}
	}
	flag := func(f runeProp) func(p *runeProp) { return func(p *runeProp) { *p |= f } }
	mark(unicode.Letter, flag(propLetter))
	mark(unicode.Lower, flag(propLower))
	mark(unicode.Upper, flag(propUpper))
	mark(unicode.White_Space, flag(propSpace))
	for _, tab := range ownWordScripts {
		mark(tab, flag(propOwnWord))
	}
	// unicode.ToLower changes only runes of its case ranges: 1,173 of
	// the 2,359 they hold in the plane.
	for _, cr := range unicode.CaseRanges {
		for r := cr.Lo; r <= cr.Hi && r < bmpRunes; r++ {
			if unicode.ToLower(rune(r)) != rune(r) {
				t[r] |= propCased
			}
		}
	}
	// Backwards, so that where scripts overlapped the first would win, as
	// in a search of scripts in order.
	for i := len(scripts) - 1; i >= 0; i-- {
		script := runeProp(i+1) << propScriptShift
		mark(scripts[i].table, func(p *runeProp) { *p = *p&(1<<propScriptShift-1) | script })
	}
	return t
})

// runeScript is the index in scripts of the script r is in, the first
// one that holds it; -1 for none.
func runeScript(props *[bmpRunes]runeProp, r rune) int {
	if uint32(r) < bmpRunes {
		return int(props[r]>>propScriptShift) - 1
	}
	for i, s := range scripts {
		if unicode.Is(s.table, r) {
			return i
		}
	}
	return -1
}

// isLetter is unicode.IsLetter.
func isLetter(props *[bmpRunes]runeProp, r rune) bool {
	if uint32(r) < bmpRunes {
		return props[r]&propLetter != 0
	}
	return unicode.IsLetter(r)
}

// isOwnWord is unicode.IsOneOf(ownWordScripts, r).
func isOwnWord(props *[bmpRunes]runeProp, r rune) bool {
	if uint32(r) < bmpRunes {
		return props[r]&propOwnWord != 0
	}
	return unicode.IsOneOf(ownWordScripts, r)
}

// isSpace is unicode.IsSpace.
func isSpace(props *[bmpRunes]runeProp, r rune) bool {
	if uint32(r) < bmpRunes {
		return props[r]&propSpace != 0
	}
	return unicode.IsSpace(r)
}

// toLower is unicode.ToLower.
func toLower(props *[bmpRunes]runeProp, r rune) rune {
	if uint32(r) < bmpRunes && props[r]&propCased == 0 {
		return r
	}
	return unicode.ToLower(r)
}

// letterCase is unicode.IsLetter of r and, for a letter, unicode.IsLower
// and unicode.IsUpper.
func letterCase(props *[bmpRunes]runeProp, r rune) (letter, lower, upper bool) {
	if uint32(r) < bmpRunes {
		p := props[r]
		letter = p&propLetter != 0
		return letter, letter && p&propLower != 0, letter && p&propUpper != 0
	}
	if !unicode.IsLetter(r) {
		return false, false, false
	}
	return true, unicode.IsLower(r), unicode.IsUpper(r)
}
