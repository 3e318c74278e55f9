package pii

import (
	"strings"
	"sync"
)

// wordSet is the set of the space-separated words of a list, built the
// first time it is asked. Some thirty lists are package variables; built
// in package init, every consign command would pay for them at start-up,
// --version and verify included.
type wordSet struct {
	words string
	once  sync.Once
	m     map[string]bool
}

// newWordSet returns the set of the space-separated words of s.
func newWordSet(s string) *wordSet { return &wordSet{words: s} }

// all returns the set, building it on the first call. The keys are pieces
// of the list, not copies.
func (s *wordSet) all() map[string]bool {
	s.once.Do(s.build)
	return s.m
}

func (s *wordSet) build() {
	words := strings.Fields(s.words)
	s.m = make(map[string]bool, len(words))
	for _, w := range words {
		s.m[w] = true
	}
}

// has reports whether w is in the set. The lookup does not copy w.
func (s *wordSet) has(w []byte) bool { return s.all()[string(w)] }

// hasToken reports whether the word of b that t spans is in the set,
// compared in lower case.
func (s *wordSet) hasToken(b []byte, t nameTok) bool {
	var w lowWord
	w.set(b[t.s:t.e])
	return s.has(w.bytes())
}
