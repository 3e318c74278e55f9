package anchor

import (
	"fmt"
	"sync"

	"github.com/consignhq/consign/detectors"
)

// The text detectors of every package look for their keywords in one
// pass over each chunk a scan hands them: each package registers its
// words in the shared set when it is initialised, and the first detector
// to ask for a chunk's hits makes the pass for all of them (SharedHits).
// A pass costs the same whatever the number of words, so two packages
// with a pass each would read every chunk twice for nothing.

var shared struct {
	mu    sync.Mutex
	words []sharedWord
	set   *Set
}

type sharedWord struct {
	text  string
	exact bool
}

// Register adds words to the shared set, matching in any ASCII case or,
// when exact, only as written, and returns the index in the shared set of
// the first: the words are numbered in order, and a Hit's Word is that
// index. Packages register from their variable initialisers; Register
// panics once the set has been built by a pass.
func Register(exact bool, words ...string) int {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.set != nil {
		panic(fmt.Sprintf("anchor: Register(%q) after the shared set was built", words))
	}
	first := len(shared.words)
	for _, w := range words {
		shared.words = append(shared.words, sharedWord{text: w, exact: exact})
	}
	return first
}

// SharedSet returns the set of every registered word, built on first use.
func SharedSet() *Set {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.set == nil {
		s := New()
		for _, w := range shared.words {
			if w.exact {
				s.AddExact(w.text)
			} else {
				s.Add(w.text)
			}
		}
		shared.set = s
	}
	return shared.set
}

// sharedKey names the shared pass among a chunk's shared results.
type sharedKey struct{}

// SharedHits returns the hits of the shared set in the chunk a scan hands
// item's detectors, making the pass once per chunk for all of them; for
// other bytes, or without an item, it makes the pass every time.
func SharedHits(item *detectors.Item, chunk []byte) []Hit {
	if item == nil {
		return SharedSet().Hits(chunk, nil)
	}
	return detectors.Shared(item, sharedKey{}, chunk, func(c []byte) []Hit {
		return SharedSet().Hits(c, nil)
	})
}
