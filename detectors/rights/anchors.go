package rights

import (
	"bytes"
	"strings"
)

// anchorSet finds where any of a set of words occurs in a chunk, ignoring
// case, in one pass: each word is keyed by its rarest byte, the pass
// stops only at bytes that key some word, and there compares the words
// around it. Ordinary prose stops rarely, so rights detectors cost little
// on text that has no rights signal.
type anchorSet struct {
	keyed [256][]keyedWord
	stop  [256]uint8 // 1 for key bytes
}

// keyedWord is a word and the offset of its key byte.
type keyedWord struct {
	word  []byte
	off   int
	exact bool // matches only as written
}

// letterFrequency orders letters from most to least frequent in the
// languages consign reads; later is rarer.
const letterFrequency = "etaoinsrhldcumfpgwybvkxjqz"

// rarity scores how seldom c occurs in prose: higher is rarer.
func rarity(c byte) int {
	switch {
	case c >= 0xC0:
		return 100 // a lead byte: a non-ASCII sign
	case c >= 0x80:
		return 10
	case c >= '0' && c <= '9':
		return 20
	case c == '\n' || c == '\r':
		return 5
	case c == ' ' || c == '.' || c == ',' || c == '-' || c == '\'' || c == '/' || c == ':':
		return 0
	}
	if i := strings.IndexByte(letterFrequency, c|0x20); i >= 0 {
		return i
	}
	return 40 // other punctuation: ( & < [ …
}

// newAnchorSet keys words, which match in any case.
func newAnchorSet(words ...string) *anchorSet {
	a := &anchorSet{}
	for _, w := range words {
		off := 0
		for i := 1; i < len(w); i++ {
			if rarity(w[i]) > rarity(w[off]) {
				off = i
			}
		}
		k := keyedWord{word: []byte(w), off: off}
		for _, c := range caseForms(w[off]) {
			a.keyed[c] = append(a.keyed[c], k)
			a.stop[c] = 1
		}
	}
	return a
}

// withExact adds words that match only as written ("AP", "Reuters"):
// keyed on a capital letter, they stop the pass far less often than the
// same letters in any case would.
func (a *anchorSet) withExact(words ...string) *anchorSet {
	for _, w := range words {
		off := 0
		score := func(c byte) int {
			if c >= 'A' && c <= 'Z' {
				return 30
			}
			return rarity(c)
		}
		for i := 1; i < len(w); i++ {
			if score(w[i]) > score(w[off]) {
				off = i
			}
		}
		c := w[off]
		a.keyed[c] = append(a.keyed[c], keyedWord{word: []byte(w), off: off, exact: true})
		a.stop[c] = 1
	}
	return a
}

func caseForms(c byte) []byte {
	if l := c | 0x20; l >= 'a' && l <= 'z' {
		return []byte{l, l &^ 0x20}
	}
	return []byte{c}
}

// hits returns the offsets in chunk where a word starts, in order, each
// once.
func (a *anchorSet) hits(chunk []byte) []int {
	var out []int
	last := -1
	stop := &a.stop
	for i := 0; i < len(chunk); i++ {
		// Skip eight bytes at a time while none is a key byte.
		for i+8 <= len(chunk) {
			w := chunk[i : i+8 : i+8]
			if stop[w[0]]|stop[w[1]]|stop[w[2]]|stop[w[3]]|stop[w[4]]|stop[w[5]]|stop[w[6]]|stop[w[7]] != 0 {
				break
			}
			i += 8
		}
		if i >= len(chunk) || stop[chunk[i]] == 0 {
			continue
		}
		for _, k := range a.keyed[chunk[i]] {
			s := i - k.off
			e := s + len(k.word)
			if s <= last || s < 0 || e > len(chunk) || !sameFold(chunk[s], k.word[0]) || !sameFold(chunk[e-1], k.word[len(k.word)-1]) {
				continue
			}
			if k.exact && !bytes.Equal(chunk[s:e], k.word) || !k.exact && !bytes.EqualFold(chunk[s:e], k.word) {
				continue
			}
			out = append(out, s)
			last = s
			break
		}
	}
	return out
}

// sameFold compares two bytes as ASCII letters in any case; other bytes
// must be equal.
func sameFold(a, b byte) bool {
	if a == b {
		return true
	}
	l := a | 0x20
	return l == b|0x20 && l >= 'a' && l <= 'z'
}
