package pii

import (
	"encoding/binary"
	"math/bits"
	"unicode"
	"unicode/utf8"

	"github.com/consignhq/consign/detectors"
)

// NameName names the person-name detector.
const NameName = "pii/name"

// Bounds of what is read as a name.
const (
	maxNameLen    = 64 // bytes of a whole name
	maxNameToken  = 30 // bytes of one word of it
	maxRunTokens  = 8  // capitalized words read as one run
	maxNameTokens = 4  // words of one name, initials and particles aside
)

// Name finds people's names in text. A name is a run of capitalized words
// (any script with case, accents, "O'Brien", "Jean-Pierre", particles such
// as "van der" or "de la", middle initials) that either pairs a listed
// given name with a listed surname ("Maria Schmidt"), or follows a context
// cue: an honorific or a kinship title ("Dr. Okonkwo", "Nonna Pina"), "my
// name is", a form's name field ("Name: ...", "name Chen Wei,"), a byline
// ("by Jane Doe", "Photo: ..."), a greeting ("Hi Maria,"), a letter's
// closing ("Best, Tom"), a speaker label ("Anna: ...") or, for a listed
// given name only, an introduction or a host ("it's Gary", "c'est
// Martine", "hier ist Uwe", "ask for Dave", "chez Claire", "bij Femke").
// A given name alone without a cue is never reported, nor a pair of words
// that are both common English words ("Will Power", "Rose Garden"), nor a
// pair followed by a place or company word ("Jackson Street", "Morgan
// University").
//
// The span covers the name's words only: honorifics and kinship titles
// ("Dr.", "Herr", "Mme", "Tante") and a possessive "'s" stay outside it;
// particles and initials inside the name are part of it.
type Name struct{ textOnly }

var _ detectors.TextDetector = (*Name)(nil)

// NewName returns the person-name detector.
func NewName(detectors.Config) detectors.Detector { return &Name{} }

// Name implements detectors.Detector.
func (*Name) Name() string { return NameName }

// MaxLen implements detectors.TextDetector.
func (*Name) MaxLen() int { return maxNameLen }

// Version is 2 since a name in a copyright field calls for review, not
// removal, and keys like pretty_name no longer cue a name; 3 since a
// place and its language ("Vienna German"), a placeholder ("Max
// Mustermann"), a mail or invoice label ("Von:", "IBAN:") and a street
// named after someone ("rue Victor Hugo") are no names; 4 since known
// places of several words ("Rio de Janeiro", "Costa Rica") are none
// either; 5 since a given name said once after an introduction or a host
// ("it's Gary", "c'est Martine", "hier ist Uwe", "ask for Dave", "chez
// Claire", "bij Femke") and a form's name field without its colon are
// names, and kinship titles ("Nonna", "Tante", "Oma") stay outside the
// span; 6 since a form's stand-ins for a name not given ("Unknown",
// "Unnamed", "TBD") are none, a media file's field labels ("Artist:",
// "Album:", "Genre:") and HTTP headers ("Cookie:") are no speakers, and the person keys among them
// ("Artist:", "Composer:", "Director:") cue the name after them, a
// speaker's label is one name to its colon ("Karim Benali :"), and a dash
// after a sentence's end signs with the name that ends the line ("…? —
// Gavin").
func (*Name) Version() string { return "6" }

// nameStartByte marks bytes that may start a capitalized word: ASCII
// capitals and the lead bytes of multi-byte UTF-8 sequences.
var nameStartByte = func() (t [256]bool) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := 0xC0; c < 0x100; c++ {
		t[c] = true
	}
	return t
}()

// nextNameStart returns the index of the first byte at or after from that
// may start a capitalized word, or len(b). Like nextDigit it tests sixteen
// bytes at a time: a byte qualifies when it is in 'A'..'Z' or has its high
// bit set (UTF-8 sequences, whose lead bytes are then picked out).
func nextNameStart(b []byte, i int) int {
	if i >= len(b) {
		return len(b)
	}
	rest := b[i:]
	for len(rest) >= 16 {
		lo, hi := nameStartBytes(binary.LittleEndian.Uint64(rest)), nameStartBytes(binary.LittleEndian.Uint64(rest[8:]))
		if lo|hi != 0 {
			if k := firstNameStart(rest, lo, 0); k >= 0 {
				return len(b) - len(rest) + k
			}
			if k := firstNameStart(rest, hi, 8); k >= 0 {
				return len(b) - len(rest) + k
			}
		}
		rest = rest[16:]
	}
	for len(rest) >= 8 {
		if k := firstNameStart(rest, nameStartBytes(binary.LittleEndian.Uint64(rest)), 0); k >= 0 {
			return len(b) - len(rest) + k
		}
		rest = rest[8:]
	}
	i = len(b) - len(rest)
	for ; i < len(b); i++ {
		if nameStartByte[b[i]] {
			return i
		}
	}
	return len(b)
}

// nameStartBytes sets the high bit of each byte of x that is a capital,
// exactly, and of every byte of a multi-byte sequence, of which only lead
// bytes may start a word.
func nameStartBytes(x uint64) uint64 {
	low := x &^ swarHigh
	above := low + swarOnes*(127-'@')
	below := swarOnes*(127+'[') - low
	return (above&below | x) & swarHigh
}

// firstNameStart returns the index in b of the first byte flagged in m
// (for the eight bytes from off) that may start a word, or -1.
func firstNameStart(b []byte, m uint64, off int) int {
	for ; m != 0; m &= m - 1 {
		if k := off + bits.TrailingZeros64(m)/8; nameStartByte[b[k]] {
			return k
		}
	}
	return -1
}

// nameTok is one capitalized word of a run.
type nameTok struct {
	s, e     int // e includes an initial's dot
	flags    uint8
	initial  bool // one letter, as in "J." or "J"
	particle bool // lowercase particles stand before it: "van Beethoven"
	skip     bool // an honorific, a camel-case or all-capitals word: never part of a name
	caps     bool // all capitals, which only a speaker label makes a name
}

// Find implements detectors.TextDetector. It looks only at words that
// start with a capital letter and decides from list lookups.
func (*Name) Find(_ *detectors.Item, chunk []byte) []detectors.Match {
	var out []detectors.Match
	var toks [maxRunTokens]nameTok
	var lists *nameCache
	for i := 0; i < len(chunk); {
		i = nextNameStart(chunk, i)
		if i >= len(chunk) {
			break
		}
		if !upperAt(chunk, i) || (i > 0 && letterBefore(chunk, i)) {
			i = wordEnd(chunk, i)
			continue
		}
		n, end := readNameRun(chunk, i, toks[:])
		if n > 0 {
			// A list of names goes on from the one before ("Anna, Ben
			// and Carla"). A list longer than a chunk's overlap may lose
			// its tail where a chunk starts inside it: a rare, small miss.
			prev := -1
			if len(out) > 0 {
				prev = out[len(out)-1].End
			}
			if n == 1 && !mayStandAlone(chunk, toks[0], end, prev) {
				i = max(end, i+1)
				continue
			}
			if lists == nil {
				lists = nameCaches.Get().(*nameCache)
				defer lists.release()
			}
			for k := range toks[:n] {
				t := &toks[k]
				t.flags = lists.lookup(chunk[t.s:wordEndOf(chunk, *t)])
				t.skip = t.skip || t.flags&nameHonorific != 0
			}
			out = appendNames(out, chunk, toks[:n], end, prev)
		}
		i = max(end, i+1)
	}
	return out
}

// readNameRun reads the capitalized words from p that one space (and
// maybe lowercase particles) separate, into toks; it returns how many it
// read and where the run ends.
func readNameRun(b []byte, p int, toks []nameTok) (int, int) {
	n, particle := 0, false
	for n < len(toks) {
		e, caps, camel := readNameWord(b, p)
		if e-p > maxNameToken || e == p {
			return n, wordEnd(b, p)
		}
		t := nameTok{s: p, e: e, particle: particle}
		word := b[p:e]
		t.initial = len(word) == 1 || (len(word) <= 4 && utf8.RuneCount(word) == 1)
		t.caps = caps && !t.initial
		t.skip = t.caps || camel
		q := e
		if q < len(b) && b[q] == '.' {
			hon := !t.initial && honorificWord(word)
			t.skip = t.skip || hon
			if !t.initial && !hon {
				toks[n] = t
				return n + 1, q
			}
			if t.initial {
				t.e = q + 1
			}
			q++
		}
		toks[n] = t
		n++
		if q+1 >= len(b) || b[q] != ' ' {
			return n, q
		}
		q++
		particle = false
		for k := 0; k < 2; k++ {
			w := q
			for w < len(b) && w-q <= 5 && isLower(b[w]) {
				w++
			}
			if w == q || w-q > 5 || w >= len(b) || b[w] != ' ' || !isNameParticle(b[q:w]) {
				break
			}
			q = w + 1
			particle = true
		}
		if q >= len(b) || !upperAt(b, q) {
			return n, q
		}
		p = q
	}
	return n, p
}

// readNameWord reads a word starting at p: letters (and combining marks),
// with apostrophes and hyphens inside it. A possessive "'s" is left out.
// caps reports a word of two or more letters that are all capitals, camel
// one with a capital inside that no surname prefix explains ("FiftyThree",
// "iPhone"; not "McDonald", "O'Brien", "DiCaprio").
func readNameWord(b []byte, p int) (e int, caps, camel bool) {
	i, letters, upper, inner := p, 0, 0, -1
	for i < len(b) && i-p <= maxNameToken {
		c := b[i]
		if c-'a' < 26 {
			// Lower-case ASCII letters make most of a word: take their
			// run in a tight loop.
			j, lim := i+1, min(len(b), p+maxNameToken+1)
			for j < lim && b[j]-'a' < 26 {
				j++
			}
			letters += j - i
			i = j
			continue
		}
		if c < utf8.RuneSelf {
			if cls := asciiClass[c]; cls&(clsUpper|clsLower) != 0 {
				letters++
				if cls&clsUpper != 0 {
					upper++
					if letters > 1 && inner < 0 && b[i-1] != '\'' && b[i-1] != '-' {
						inner = i
					}
				}
				i++
				continue
			}
			if (c == '\'' || c == '-') && letters > 0 && i+1 < len(b) && letterAtByte(b, i+1) {
				i++
				continue
			}
			break
		}
		if c == 0xE2 && i+3 < len(b) && b[i+1] == 0x80 && b[i+2] == 0x99 && letters > 0 && letterAtByte(b, i+3) {
			i += 3 // ’
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if unicode.IsMark(r) {
			i += size
			continue
		}
		if !unicode.IsLetter(r) {
			break
		}
		letters++
		if unicode.IsUpper(r) {
			upper++
		}
		i += size
	}
	switch {
	case i-p > 2 && b[i-2] == '\'' && b[i-1] == 's':
		i -= 2
	case i-p > 4 && b[i-4] == 0xE2 && b[i-3] == 0x80 && b[i-2] == 0x99 && b[i-1] == 's':
		i -= 4
	}
	caps = letters > 1 && upper == letters
	return i, caps, !caps && inner > 0 && !surnamePrefixes.has(b[p:inner])
}

// surnamePrefixes may precede a capital inside a surname.
var surnamePrefixes = newWordSet("Mc Mac De Di Da Du La Le Van Von Fitz St")

// mayStandAlone reports whether a capitalized word alone, in a run of its
// own, can be a name: only a cue, a speaker label or a list of names can
// make it one. Most capitalized words are ruled out here, by their
// context alone, without a lookup in the name lists.
func mayStandAlone(b []byte, t nameTok, end, prev int) bool {
	if t.initial {
		return false
	}
	if colonAt(b, end) && lineStart(b, t.s) && !formLabel(b, end) {
		return true
	}
	return listGoesOn(b, prev, t.s) || nameCueAt(b, t.s) != cueNone
}

// wordEndOf is where the letters of t end, without an initial's dot.
func wordEndOf(b []byte, t nameTok) int {
	if t.e > t.s && b[t.e-1] == '.' {
		return t.e - 1
	}
	return t.e
}

// honorificWord reports an honorific ("Mr", "Dott"), compared lower-case.
func honorificWord(w []byte) bool {
	var lw lowWord
	lw.set(w)
	return lw.n > 0 && honorifics.has(lw.bytes())
}

// upperAt reports whether an upper-case letter starts at i.
func upperAt(b []byte, i int) bool {
	if b[i] < utf8.RuneSelf {
		return isUpper(b[i])
	}
	r, _ := utf8.DecodeRune(b[i:])
	return unicode.IsUpper(r)
}

// letterAtByte reports whether a letter starts at i.
func letterAtByte(b []byte, i int) bool {
	if b[i] < utf8.RuneSelf {
		return isLetter(b[i])
	}
	r, _ := utf8.DecodeRune(b[i:])
	return unicode.IsLetter(r)
}

// letterBefore reports whether the rune ending at i is a letter or digit,
// so that i is inside a word ("iPhone", "3D").
func letterBefore(b []byte, i int) bool {
	if b[i-1] < utf8.RuneSelf {
		return isAlnum(b[i-1])
	}
	r, _ := utf8.DecodeLastRune(b[:i])
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

// wordEnd returns the end of the word that contains i.
func wordEnd(b []byte, i int) int {
	_, size := utf8.DecodeRune(b[i:])
	i += size
	for i < len(b) && (isAlnum(b[i]) || b[i] >= utf8.RuneSelf) {
		i++
	}
	return i
}
