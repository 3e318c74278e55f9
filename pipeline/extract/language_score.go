package extract

import (
	"math"
	"slices"
	"sort"
	"strings"
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
func words(text string) []string {
	var out []string
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r < utf8.RuneSelf && !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'):
			i += n
		case r >= utf8.RuneSelf && unicode.IsOneOf(ownWordScripts, r):
			out = append(out, text[i:i+n])
			i += n
		case unicode.IsLetter(r):
			end := i + n
			for end < len(text) {
				r, n := utf8.DecodeRuneInString(text[end:])
				if !unicode.IsLetter(r) {
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
	words := words(strings.ToLower(text))
	if len(words) == 0 {
		return nil
	}
	if l := d.ruleLanguage(words); l != unsure {
		if !d.has[l] {
			return nil
		}
		return []languageValue{{lang: l, value: 1}}
	}
	cands := d.candidates(words)
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
	return softmax(d.logLikelihoods(trigrams(words), cands))
}

// trigrams are the distinct trigrams of the words, packed by ngram.Key.
func trigrams(words []string) []uint64 {
	var keys []uint64
	var runes []rune
	for _, w := range words {
		runes = append(runes[:0], []rune(w)...)
		for i := 0; i+3 <= len(runes); i++ {
			keys = append(keys, ngram.Key(runes[i], runes[i+1], runes[i+2]))
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// logLikelihoods sums, for each candidate, the log-probability of each
// trigram under its model, or of the trigram's first two letters, or of
// its first letter, whichever its models hold first. Like lingua, it
// leaves out languages whose models hold none of them.
func (d *LanguageDetector) logLikelihoods(keys []uint64, cands []int) []languageValue {
	n := len(ngram.Languages)
	sums := make([]float64, n)
	logp := make([]float64, n)
	stamp := make([]int, n)
	isCand := make([]bool, n)
	for _, l := range cands {
		isCand[l] = true
	}
	for i, key := range keys {
		gen := i + 1
		// The highest order a language has counts: trigrams first, and
		// the lower orders only while a candidate still lacks a value.
		missing := len(cands)
		for order := 3; order >= 1 && missing > 0; order-- {
			p := d.table.Lookup(order, key>>(21*(3-order)))
			for j := range p.Len() {
				if l := p.Lang(j); isCand[l] && stamp[l] != gen {
					stamp[l], logp[l] = gen, p.LogP(j)
					missing--
				}
			}
		}
		for _, l := range cands {
			if stamp[l] == gen {
				sums[l] += logp[l]
			}
		}
	}
	var out []languageValue
	for _, l := range cands {
		if sums[l] < 0 {
			out = append(out, languageValue{lang: l, value: sums[l]})
		}
	}
	return out
}

// softmax turns summed log-probabilities into confidences that add up to
// one. lingua computes the same in arbitrary precision because exp of a
// long text's sum underflows a float64; subtracting the largest sum first
// keeps every term in range instead.
func softmax(sums []languageValue) []languageValue {
	if len(sums) == 0 {
		return nil
	}
	top := math.Inf(-1)
	for _, s := range sums {
		top = max(top, s.value)
	}
	var total float64
	out := make([]languageValue, 0, len(sums))
	for _, s := range sums {
		e := math.Exp(s.value - top)
		total += e
		out = append(out, languageValue{lang: s.lang, value: e})
	}
	kept := out[:0]
	for _, v := range out {
		if v.value /= total; v.value > 0 {
			kept = append(kept, v)
		}
	}
	sort.Slice(kept, func(i, j int) bool {
		if kept[i].value != kept[j].value {
			return kept[i].value > kept[j].value
		}
		return kept[i].lang < kept[j].lang
	})
	return kept
}
