// Package anchor finds where any of a set of words occurs in text, in one
// pass that stops only at the rare pairs of bytes or four-byte windows
// keying the words. The text detectors use it as the cheap keyword
// prefilter that runs before anything slower, so prose without any of the
// words costs little.
package anchor

import (
	"encoding/binary"
	"slices"
)

// Set is a set of words to look for. Words added by New match in any
// ASCII case; those added by AddExact only as written. A Set is read-only
// once built and safe for concurrent use.
type Set struct {
	// stop is 1 for the byte pairs (first byte low, second high) that
	// key some short word, and bucket the index of their keys in keyed.
	// The pass reads the pair at every even offset: each word is keyed by
	// both pairs of its rarest three bytes, one of which starts at an even
	// offset wherever the word stands. (A byte, not a bool: the pass ORs
	// eight lookups and branches once.)
	stop   [1 << 16]uint8
	bucket [1 << 16]uint16
	keyed  [][]key
	words  []word
	// quad (a bit set over window hashes) and quadBucket do the same for
	// the longer words, keyed by four-byte windows instead (see quad.go).
	quad       [1 << 16 / 64]uint64
	quadBucket map[uint16]uint16
}

type word struct {
	text  []byte
	exact bool
}

// key places a word relative to a pair: the word starts off bytes before
// the pair's first byte (off is -1 for a pair ending at the word's first
// byte).
type key struct {
	word int
	off  int
}

// Hit is a place where a word stands: Word indexes the words in the order
// New and AddExact were given them.
type Hit struct {
	Start, Word int
}

// New returns a set of words that match in any ASCII case.
func New(words ...string) *Set {
	s := &Set{}
	for _, w := range words {
		s.add(w, false)
	}
	return s
}

// Add adds words that match in any ASCII case.
func (s *Set) Add(words ...string) *Set {
	for _, w := range words {
		s.add(w, false)
	}
	return s
}

// AddExact adds words that match only as written ("AP", "Reuters"): keyed
// on capitals, they stop the pass far less often than in any case.
func (s *Set) AddExact(words ...string) *Set {
	for _, w := range words {
		s.add(w, true)
	}
	return s
}

// Len is the number of words in the set.
func (s *Set) Len() int { return len(s.words) }

// Word returns the i-th word as given.
func (s *Set) Word(i int) string { return string(s.words[i].text) }

func (s *Set) add(w string, exact bool) {
	if w == "" {
		return
	}
	id := len(s.words)
	s.words = append(s.words, word{text: []byte(w), exact: exact})
	if len(w) >= quadWordLen {
		s.addQuad(id, w, exact)
		return
	}
	forms := func(c byte) []byte {
		if l := c | 0x20; !exact && l >= 'a' && l <= 'z' {
			return []byte{l, l &^ 0x20}
		}
		return []byte{c}
	}
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	pair := func(a, b []byte, off int) {
		for _, x := range a {
			for _, y := range b {
				p := uint16(x) | uint16(y)<<8
				if s.stop[p] == 0 {
					s.stop[p] = 1
					s.bucket[p] = uint16(len(s.keyed))
					s.keyed = append(s.keyed, nil)
				}
				s.keyed[s.bucket[p]] = append(s.keyed[s.bucket[p]], key{word: id, off: off})
			}
		}
	}
	// Key the word by its rarest byte, which stops the pass in either
	// pair it falls in, or by its rarest three bytes, whose two pairs
	// stop it, whichever stops it less often.
	c := 0
	for k := range len(w) {
		if byteFreq(w[k], exact) < byteFreq(w[c], exact) {
			c = k
		}
	}
	t, tf := -1, byteFreq(w[c], exact)
	for k := 0; k+2 < len(w); k++ {
		if f := (pairFreq(w[k], w[k+1], exact) + pairFreq(w[k+1], w[k+2], exact)) / 2; f < tf {
			t, tf = k, f
		}
	}
	if t < 0 {
		pair(all, forms(w[c]), c-1)
		pair(forms(w[c]), all, c)
		return
	}
	pair(forms(w[t]), forms(w[t+1]), t)
	pair(forms(w[t+1]), forms(w[t+2]), t+1)
}

// Hits appends to dst every place in chunk where a word stands, ordered
// by start and then by word, and returns it.
func (s *Set) Hits(chunk []byte, dst []Hit) []Hit {
	from := len(dst)
	stop := &s.stop
	for i := 0; ; {
		// Skip eight bytes at a time while none of their pairs or
		// windows keys a word (a shrinking slice spares a bounds check
		// per eight bytes).
		rest := chunk[i:]
		for len(rest) >= 8 {
			x := binary.LittleEndian.Uint64(rest)
			if stop[uint16(x)]|stop[uint16(x>>16)]|stop[uint16(x>>32)]|stop[uint16(x>>48)]|
				s.quadBits(uint32(x))|s.quadBits(uint32(x>>32)) != 0 {
				break
			}
			rest = rest[8:]
		}
		i = len(chunk) - len(rest)
		end := min(i+8, len(chunk)-1)
		if i >= end {
			break
		}
		for ; i < end; i += 2 {
			if p := uint16(chunk[i]) | uint16(chunk[i+1])<<8; stop[p] != 0 {
				dst = s.verify(chunk, i, s.bucket[p], dst)
			}
			if i%quadStride == 0 && i+4 <= len(chunk) {
				if q := binary.LittleEndian.Uint32(chunk[i:]); s.quadStops(q) {
					dst = s.verify(chunk, i, s.quadBucket[quadHash(q)], dst)
				}
			}
		}
	}
	if n := len(chunk); n%2 == 1 {
		// The last byte starts no pair; a word keyed by a pair it starts
		// with any second byte (a short word's) may still stand there.
		if p := uint16(chunk[n-1]); stop[p] != 0 {
			dst = s.verify(chunk, n-1, s.bucket[p], dst)
		}
	}
	found := dst[from:]
	if !slices.IsSortedFunc(found, compareHits) {
		slices.SortFunc(found, compareHits)
	}
	return dst
}

func compareHits(a, b Hit) int {
	if a.Start != b.Start {
		return a.Start - b.Start
	}
	return a.Word - b.Word
}

// verify appends the words of the bucket keyed by the pair at chunk[i]
// that stand there.
func (s *Set) verify(chunk []byte, i int, bucket uint16, dst []Hit) []Hit {
	for _, k := range s.keyed[bucket] {
		w := &s.words[k.word]
		start := i - k.off
		if start < 0 || start+len(w.text) > len(chunk) {
			continue
		}
		if at := chunk[start : start+len(w.text)]; w.exact && string(at) == string(w.text) || !w.exact && equalFold(at, w.text) {
			dst = append(dst, Hit{Start: start, Word: k.word})
		}
	}
	return dst
}

// Starts returns the offsets in chunk where some word starts, in order,
// each once.
func (s *Set) Starts(chunk []byte) []int {
	var out []int
	for _, h := range s.Hits(chunk, nil) {
		if len(out) == 0 || out[len(out)-1] != h.Start {
			out = append(out, h.Start)
		}
	}
	return out
}

// equalFold compares a and b, of equal length, as ASCII in any case;
// other bytes must be equal.
func equalFold(a, b []byte) bool {
	for i := range a {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if l := x | 0x20; l != y|0x20 || l < 'a' || l > 'z' {
			return false
		}
	}
	return true
}
