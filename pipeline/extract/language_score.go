package extract

import (
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/consignhq/consign/pipeline/extract/internal/ngram"
)

// languageValue is a language's confidence for one text.
type languageValue struct {
	lang  int // index in ngram.Languages
	value float64
}

// ownWordScripts are the scripts whose every character is a word.
var ownWordScripts = []*unicode.RangeTable{unicode.Han, unicode.Hangul, unicode.Hiragana, unicode.Katakana}

// words splits text into words as lingua does, with the regular expression
// \p{Han}|\p{Hangul}|\p{Hiragana}|\p{Katakana}|\p{L}+ : each Han, Hangul
// or kana character is a word of its own, other letters run together. It
// returns what that expression's FindAllString returns (a test holds the
// two to the same words) without the regular expression engine, which
// cost a fifth of language detection.
func words(text string) []string { return appendWords(nil, text) }

// appendWords appends the words of text to out.
func appendWords(out []string, text string) []string {
	props := runeProps()
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r < utf8.RuneSelf && !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'):
			i += n
		case r >= utf8.RuneSelf && isOwnWord(props, r):
			out = append(out, text[i:i+n])
			i += n
		case isLetter(props, r):
			end := i + n
			for end < len(text) {
				if c := text[end]; c < utf8.RuneSelf {
					// ASCII letters are exactly a-z and A-Z: no need to
					// decode or to look them up.
					if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
						end++
						continue
					}
					break
				}
				r, n := utf8.DecodeRuneInString(text[end:])
				if !isLetter(props, r) {
					break
				}
				end += n
			}
			out = append(out, text[i:end])
			i = end
		default:
			i += n
		}
	}
	return out
}

// minScoredLetters is the fewest letters lingua's trigram models judge.
const minScoredLetters = 3

// confidences reproduces lingua's ComputeLanguageConfidenceValues in low
// accuracy mode: the rules first, then the trigram models, backing off to
// the bigram and unigram models for trigrams a language lacks, and a
// softmax over the summed log-probabilities. It returns the languages
// with a confidence above zero, highest first, then in lingua's order;
// nil when no language is likely.
func (d *LanguageDetector) confidences(text string) []languageValue {
	return d.lowerConfidences(strings.ToLower(text))
}

// lowerConfidences is confidences of a text already in lower case, as
// strings.ToLower gives it (the sampler keeps its samples so).
func (d *LanguageDetector) lowerConfidences(text string) []languageValue {
	s := scoreScratches.Get().(*scoreScratch)
	defer s.release()
	s.words = appendWords(s.words[:0], text)
	words := s.words
	if len(words) == 0 {
		return nil
	}
	if l := d.ruleLanguage(words); l != unsure {
		if !d.has[l] {
			return nil
		}
		return []languageValue{{lang: l, value: 1}}
	}
	cands := d.candidates(words, &s.cands)
	if len(cands) == 1 {
		return []languageValue{{lang: cands[0], value: 1}}
	}
	letters := 0
	for _, w := range words {
		letters += utf8.RuneCountInString(w)
	}
	if letters < minScoredLetters {
		return nil
	}
	s.keys = trigrams(s.keys, words, &s.seen)
	return softmax(d.logLikelihoods(s, s.keys, cands))
}

// scoreScratch is the working space of confidences, reused from sample
// to sample: a scan judges a few samples of every file, and their words,
// trigrams and sums were a sixth of its allocations.
type scoreScratch struct {
	words []string
	keys  []uint64
	// sums are the running sums by language index, which is a byte.
	sums [256]float64
	// spare holds a trigram's scores when the detector's cache is full.
	spare keyScores
	seen  trigramSet
	cands []int
}

var scoreScratches = sync.Pool{New: func() any { return new(scoreScratch) }}

// release gives s back, without the words of its last text.
func (s *scoreScratch) release() {
	clear(s.words)
	scoreScratches.Put(s)
}

// trigrams returns the distinct trigrams of the words, packed by
// ngram.Key and sorted, in keys' storage. seen, which may be nil, is
// scratch space: dropping repeats as they come rather than after sorting
// them sorts a fifth as many keys, and the sort was a third of judging a
// sample.
func trigrams(keys []uint64, words []string, seen *trigramSet) []uint64 {
	keys = keys[:0]
	size := 0
	for _, w := range words {
		size += len(w) // bytes, at least as many as trigrams
	}
	if seen == nil {
		seen = new(trigramSet)
	}
	seen.reset(size)
	for _, w := range words {
		var a, b rune
		n := 0
		for _, r := range w {
			if n >= 2 {
				if k := ngram.Key3(a, b, r); seen.add(k) {
					keys = append(keys, k)
				}
			}
			a, b, n = b, r, n+1
		}
	}
	slices.Sort(keys)
	return keys
}

// trigramSet is an open-addressed set of trigram keys, emptied in
// constant time by moving to a new generation.
type trigramSet struct {
	slots []struct {
		key uint64
		gen uint32
	}
	mask uint64
	gen  uint32
}

// reset empties the set and makes room for n keys at half load.
func (t *trigramSet) reset(n int) {
	size := 64
	for size < 2*n {
		size <<= 1
	}
	if len(t.slots) < size {
		t.slots = make([]struct {
			key uint64
			gen uint32
		}, size)
		t.gen = 0
	}
	t.mask = uint64(size - 1)
	if t.gen++; t.gen == 0 { // wrapped: stale generations would read as current
		clear(t.slots)
		t.gen = 1
	}
}

// add adds k and reports whether it was new.
func (t *trigramSet) add(k uint64) bool {
	for h := (k * 0x9e3779b97f4a7c15 >> 32) & t.mask; ; h = (h + 1) & t.mask {
		sl := &t.slots[h]
		if sl.gen != t.gen {
			sl.key, sl.gen = k, t.gen
			return true
		}
		if sl.key == k {
			return false
		}
	}
}

// logLikelihoods sums, for each candidate, the log-probability of each
// trigram under its model, or of the trigram's first two letters, or of
// its first letter, whichever its models hold first. Like lingua, it
// leaves out languages whose models hold none of them. Each sum adds the
// trigrams in the order of keys, so the same text gives the same sums to
// the last bit.
func (d *LanguageDetector) logLikelihoods(s *scoreScratch, keys []uint64, cands []int) []languageValue {
	for _, l := range cands {
		s.sums[uint8(l)] = 0
	}
	for _, key := range keys {
		k := d.scores.get(d.table, key, &s.spare)
		for _, l := range cands {
			s.sums[uint8(l)] += k.logp[uint8(l)]
		}
	}
	out := make([]languageValue, 0, len(cands))
	for _, l := range cands {
		if v := s.sums[uint8(l)]; v < 0 {
			out = append(out, languageValue{lang: l, value: v})
		}
	}
	return out
}

// softmax turns summed log-probabilities into confidences that add up to
// one, in place. lingua computes the same in arbitrary precision because
// exp of a long text's sum underflows a float64; subtracting the largest
// sum first keeps every term in range instead.
func softmax(sums []languageValue) []languageValue {
	if len(sums) == 0 {
		return nil
	}
	top := math.Inf(-1)
	for _, s := range sums {
		top = max(top, s.value)
	}
	var total float64
	for i, s := range sums {
		e := math.Exp(s.value - top)
		total += e
		sums[i].value = e
	}
	kept := sums[:0]
	for _, v := range sums {
		if v.value /= total; v.value > 0 {
			kept = append(kept, v)
		}
	}
	// Languages are distinct, so the order is total and any sort gives it.
	slices.SortFunc(kept, func(a, b languageValue) int {
		if a.value != b.value {
			if a.value > b.value {
				return -1
			}
			return 1
		}
		return a.lang - b.lang
	})
	return kept
}
