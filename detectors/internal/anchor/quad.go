package anchor

// A word of seven bytes or more is keyed by rare windows of four of its
// bytes rather than by pairs. The pass reads a window at every fourth
// offset, so a word is keyed by four windows in a row: one of them starts
// at such an offset wherever the word stands. Four bytes of a word are far
// rarer in prose than any two of them ("copyright" stops the pass only
// where "opyr", "pyri", "yrig" or "righ" stand, where its pairs would stop
// it at every "ri" and "gh"), and hashing a window costs little more than
// looking up two pairs: the pass runs on through ordinary prose instead of
// verifying every few words.

const (
	// quadStride is the distance between the windows the pass reads.
	quadStride = 4
	// quadWordLen is the shortest word keyed by windows: four windows in
	// a row take seven bytes.
	quadWordLen = quadStride + 3
)

// quadHash maps a four-byte window, folded to lower case, to a bit of the
// quad set. The fold (setting bit 5 of every byte) makes both cases of a
// letter one window; it merges some punctuation too, which verify sorts
// out.
func quadHash(q uint32) uint16 {
	return uint16(((q | 0x20202020) * 0x9E3779B1) >> 16)
}

// quadStops reports whether the window q may key a word.
func (s *Set) quadStops(q uint32) bool { return s.quadBits(q) != 0 }

// quadBits is 1 when the window q may key a word, else 0: the pass ORs
// the lookups of eight bytes and branches once.
func (s *Set) quadBits(q uint32) uint8 {
	h := quadHash(q)
	return uint8(s.quad[h>>6] >> (h & 63) & 1)
}

// addQuad keys word id by the windows of its rarest quadWordLen bytes.
func (s *Set) addQuad(id int, w string, exact bool) {
	t, tf := 0, 0.0
	for k := 0; k+quadWordLen <= len(w); k++ {
		f := 0.0
		for off := k; off < k+quadStride; off++ {
			f += quadFreq(w[off:off+4], exact)
		}
		if k == 0 || f < tf {
			t, tf = k, f
		}
	}
	if s.quadBucket == nil {
		s.quadBucket = make(map[uint16]uint16)
	}
	for off := t; off < t+quadStride; off++ {
		q := uint32(w[off]) | uint32(w[off+1])<<8 | uint32(w[off+2])<<16 | uint32(w[off+3])<<24
		h := quadHash(q)
		b, ok := s.quadBucket[h]
		if !ok {
			s.quad[h>>6] |= 1 << (h & 63)
			b = uint16(len(s.keyed))
			s.quadBucket[h] = b
			s.keyed = append(s.keyed, nil)
		}
		s.keyed[b] = append(s.keyed[b], key{word: id, off: off})
	}
}

// quadFreq estimates the share of prose bytes that start the window q,
// each byte following on the one before as pairs do.
func quadFreq(q string, exact bool) float64 {
	f := pairFreq(q[0], q[1], exact)
	for k := 1; k+1 < len(q); k++ {
		f *= pairFreq(q[k], q[k+1], exact) / byteFreq(q[k], exact)
	}
	return f
}
