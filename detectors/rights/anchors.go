package rights

import (
	"sync"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/detectors/internal/anchor"
)

// anchorSet finds where any of a set of words occurs in a chunk, in one
// pass that stops only at rare byte pairs keying the words (see package
// anchor). Ordinary prose stops rarely, so rights detectors cost little on
// text that has no rights signal; and the text detectors of this package
// share one pass over each chunk a scan hands them (hitsIn).
type anchorSet struct {
	id  int
	set *anchor.Set
}

// allAnchors lists the words of every anchorSet, with the set's id, in
// the order the sets were made; the package's sets are all made when it
// is initialised, before any search.
var (
	allAnchors []anchorWord
	anchorSets int
)

type anchorWord struct {
	word  string
	exact bool
	set   int
}

var (
	combinedOnce sync.Once
	combined     *anchor.Set
	combinedSet  []int // the anchorSet id of each word of combined
)

// combinedAnchors returns one set of the words of every anchorSet.
func combinedAnchors() *anchor.Set {
	combinedOnce.Do(func() {
		combined = anchor.New()
		for _, w := range allAnchors {
			if w.exact {
				combined.AddExact(w.word)
			} else {
				combined.Add(w.word)
			}
			combinedSet = append(combinedSet, w.set)
		}
	})
	return combined
}

// newAnchorSet keys words, which match in any case.
func newAnchorSet(words ...string) *anchorSet {
	a := &anchorSet{id: anchorSets, set: anchor.New(words...)}
	anchorSets++
	for _, w := range words {
		allAnchors = append(allAnchors, anchorWord{word: w, set: a.id})
	}
	return a
}

// withExact adds words that match only as written ("AP", "Reuters"):
// keyed on a capital letter, they stop the pass far less often than the
// same letters in any case would.
func (a *anchorSet) withExact(words ...string) *anchorSet {
	a.set.AddExact(words...)
	for _, w := range words {
		allAnchors = append(allAnchors, anchorWord{word: w, exact: true, set: a.id})
	}
	return a
}

// hits returns the offsets in chunk where a word starts, in order, each
// once.
func (a *anchorSet) hits(chunk []byte) []int { return a.set.Starts(chunk) }

// combinedKey names the pass over a chunk by combinedAnchors.
type combinedKey struct{}

// hitsIn is hits for a chunk a scan hands item's detectors: one pass over
// it finds the words of every set.
func (a *anchorSet) hitsIn(item *detectors.Item, chunk []byte) []int {
	if item == nil {
		return a.hits(chunk)
	}
	all := detectors.Shared(item, combinedKey{}, chunk, func(c []byte) []anchor.Hit {
		return combinedAnchors().Hits(c, nil)
	})
	var out []int
	for _, h := range all {
		if combinedSet[h.Word] == a.id && (len(out) == 0 || out[len(out)-1] != h.Start) {
			out = append(out, h.Start)
		}
	}
	return out
}
