package rights

import (
	"iter"
	"regexp"
	"sync"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/detectors/internal/anchor"
)

// anchorSet finds where any of a set of words occurs in a chunk, in one
// pass that stops only at rare byte pairs and windows keying the words
// (see package anchor). Ordinary prose stops rarely, so rights detectors
// cost little on text that has no rights signal; and the text detectors
// of this package and of the others share one pass over each chunk a scan
// hands them (hitsIn, anchor.SharedHits).
//
// The words are registered in the shared set when the package is
// initialised, but a's own set (a few hundred KiB of tables) is built on
// its first use: every consign command pays the package's initialisation,
// and most never look for a word.
type anchorSet struct {
	words, exact []string
	set          func() *anchor.Set
	// shared are the ranges of the set's words in the shared set.
	shared [][2]int
}

// newAnchorSet keys words, which match in any case.
func newAnchorSet(words ...string) *anchorSet {
	first := anchor.Register(false, words...)
	a := &anchorSet{words: words, shared: [][2]int{{first, first + len(words)}}}
	a.set = sync.OnceValue(func() *anchor.Set { return anchor.New(a.words...).AddExact(a.exact...) })
	return a
}

// withExact adds words that match only as written ("AP", "Reuters"):
// keyed on a capital letter, they stop the pass far less often than the
// same letters in any case would. It is called only from variable
// initialisers, before the set is built.
func (a *anchorSet) withExact(words ...string) *anchorSet {
	a.exact = append(a.exact, words...)
	first := anchor.Register(true, words...)
	a.shared = append(a.shared, [2]int{first, first + len(words)})
	return a
}

// hits returns the offsets in chunk where a word starts, in order, each
// once.
func (a *anchorSet) hits(chunk []byte) []int { return a.set().Starts(chunk) }

// hitsIn is hits for a chunk a scan hands item's detectors: one pass over
// it finds the words of every set.
func (a *anchorSet) hitsIn(item *detectors.Item, chunk []byte) []int {
	if item == nil {
		return a.hits(chunk)
	}
	var out []int
	for _, h := range anchor.SharedHits(item, chunk) {
		if a.owns(h.Word) && (len(out) == 0 || out[len(out)-1] != h.Start) {
			out = append(out, h.Start)
		}
	}
	return out
}

// owns reports whether the shared set's word w is one of a's.
func (a *anchorSet) owns(w int) bool {
	for _, r := range a.shared {
		if w >= r[0] && w < r[1] {
			return true
		}
	}
	return false
}

// lazyRegexp compiles expr on first use, for the same reason anchorSet
// builds its set late.
func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// hitLines yields the bounds of the line around each anchor in chunk, at
// most max bytes, once for each line however many anchors it holds.
func (a *anchorSet) hitLines(item *detectors.Item, chunk []byte, max int) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		done := -1
		for _, h := range a.hitsIn(item, chunk) {
			if h < done {
				continue
			}
			ls, le := lineAround(chunk, h, max)
			done = le
			if !yield(ls, le) {
				return
			}
		}
	}
}
