package rights

import "github.com/consignhq/consign/detectors/internal/anchor"

// anchorSet finds where any of a set of words occurs in a chunk, in one
// pass that stops only at rare byte pairs keying the words (see package
// anchor). Ordinary prose stops rarely, so rights detectors cost little on
// text that has no rights signal.
type anchorSet struct{ set *anchor.Set }

// newAnchorSet keys words, which match in any case.
func newAnchorSet(words ...string) *anchorSet {
	return &anchorSet{set: anchor.New(words...)}
}

// withExact adds words that match only as written ("AP", "Reuters"):
// keyed on a capital letter, they stop the pass far less often than the
// same letters in any case would.
func (a *anchorSet) withExact(words ...string) *anchorSet {
	a.set.AddExact(words...)
	return a
}

// hits returns the offsets in chunk where a word starts, in order, each
// once.
func (a *anchorSet) hits(chunk []byte) []int { return a.set.Starts(chunk) }
