package pii

// How far from a value a context word may stand and still describe it.
const (
	cueBefore = 48
	cueAfter  = 24
)

// cueSet is a list of lower-case context words ("ssn", "social security").
// A word must stand alone: the bytes on either side of it are not ASCII
// letters, so "sin" does not match "using". A trailing '*' lifts that rule
// on the right, so "steuer*" matches "Steuernummer".
type cueSet []string

// near reports whether one of the words occurs shortly before s or shortly
// after e, case-insensitively.
func (cs cueSet) near(b []byte, s, e int) bool {
	lo := max(0, s-cueBefore)
	hi := min(len(b), e+cueAfter)
	return cs.in(b[lo:s]) || cs.in(b[e:hi])
}

// in reports whether one of the words occurs in w.
func (cs cueSet) in(w []byte) bool {
	for _, c := range cs {
		prefix := len(c) > 0 && c[len(c)-1] == '*'
		if prefix {
			c = c[:len(c)-1]
		}
		for i := 0; i+len(c) <= len(w); i++ {
			if !foldEqual(w[i:i+len(c)], c) {
				continue
			}
			if i > 0 && isLetter(w[i-1]) {
				continue
			}
			if end := i + len(c); !prefix && end < len(w) && isLetter(w[end]) {
				continue
			}
			return true
		}
	}
	return false
}

// foldEqual compares ASCII case-insensitively; cue words are lower case.
func foldEqual(w []byte, lower string) bool {
	for i := range len(lower) {
		if toLower(w[i]) != lower[i] {
			return false
		}
	}
	return true
}
