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

// in reports whether one of the words occurs in w. It goes word start by
// word start and compares only the words that begin with its letter: the
// lists run to a hundred words, and most of w's bytes start none.
func (cs cueSet) in(w []byte) bool {
	for i := range w {
		if i > 0 && isLetter(w[i-1]) {
			continue
		}
		first := toLower(w[i])
		for _, c := range cs {
			if c[0] == first && cueAt(w, i, c) {
				return true
			}
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
