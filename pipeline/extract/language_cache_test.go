package extract

import (
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/consignhq/consign/pipeline/extract/internal/ngram"
)

// walkLogLikelihoods is logLikelihoods without the cache: for each
// trigram, it walks the postings of each order until every candidate has
// a value. The cached sums must equal its sums to the last bit.
func walkLogLikelihoods(t *ngram.Table, keys []uint64, cands []int) map[int]float64 {
	sums := map[int]float64{}
	for _, key := range keys {
		got := map[int]float64{}
		for order := 3; order >= 1 && len(got) < len(cands); order-- {
			p := t.Lookup(order, key>>(21*(3-order)))
			for j := range p.Len() {
				l, logp := p.At(j)
				if _, ok := got[l]; !ok && containsInt(cands, l) {
					got[l] = logp
				}
			}
		}
		for _, l := range cands {
			if v, ok := got[l]; ok {
				sums[l] += v
			}
		}
	}
	for l, v := range sums {
		if v >= 0 {
			delete(sums, l)
		}
	}
	return sums
}

// cacheTexts are texts in several scripts, with trigrams no model holds.
func cacheTexts() []string {
	var texts []string
	for _, p := range languageParagraphs {
		texts = append(texts, p)
	}
	return append(texts, "Ìì ẸẹỌọ ЈјЉљ straße qqxzj zzqv", strings.Repeat("xyzzy plugh ", 20))
}

func TestLogLikelihoodsMatchWalk(t *testing.T) {
	d, err := NewLanguageDetector(nil)
	if err != nil {
		t.Fatal(err)
	}
	full, err := NewLanguageDetector(nil)
	if err != nil {
		t.Fatal(err)
	}
	full.scores.n.Store(scoreCacheMax) // takes nothing: every trigram is read over its prefix's scores
	bare, err := NewLanguageDetector(nil)
	if err != nil {
		t.Fatal(err)
	}
	bare.scores.n.Store(scoreCacheMax) // and no prefix either: every n-gram is read from the table
	bare.scores.np.Store(prefixCacheMax)
	for _, tc := range []struct {
		name string
		d    *LanguageDetector
	}{
		{"cold cache", d},
		{"warm cache", d},
		{"full cache", full},
		{"full cache and prefixes", bare},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, text := range cacheTexts() {
				ws := words(strings.ToLower(text))
				keys := trigrams(nil, ws, nil)
				cands := tc.d.candidates(ws, nil)
				s := new(scoreScratch)
				got := tc.d.logLikelihoods(s, keys, cands)
				want := walkLogLikelihoods(tc.d.table, keys, cands)
				if len(got) != len(want) {
					t.Fatalf("%.20q: %d languages, want %d", text, len(got), len(want))
				}
				for _, v := range got {
					if math.Float64bits(v.value) != math.Float64bits(want[v.lang]) {
						t.Fatalf("%.20q: %s sums to %v, want %v", text, languageCode(v.lang), v.value, want[v.lang])
					}
				}
			}
		})
	}
}

// TestScoreCacheConcurrent has goroutines fill one cache at once: under
// -race it fails if an entry is read before it is written, and every
// goroutine must get the sums one goroutine gets alone.
func TestScoreCacheConcurrent(t *testing.T) {
	d, err := NewLanguageDetector(nil)
	if err != nil {
		t.Fatal(err)
	}
	texts := cacheTexts()
	want := make([][]languageValue, len(texts))
	alone, err := NewLanguageDetector(nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, text := range texts {
		want[i] = alone.confidences(text)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(texts))
	for g := range 8 {
		wg.Go(func() {
			for i := range texts {
				i := (i + g) % len(texts)
				got := d.confidences(texts[i])
				if len(got) != len(want[i]) {
					errs <- texts[i][:20]
					continue
				}
				for j := range got {
					if got[j] != want[i][j] {
						errs <- texts[i][:20]
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("confidences of %q differ under concurrent use", e)
	}
}

// TestScoreCacheBounded checks the cache stops taking trigrams at its
// bound, however many distinct ones it meets.
func TestScoreCacheBounded(t *testing.T) {
	d, err := NewLanguageDetector(nil)
	if err != nil {
		t.Fatal(err)
	}
	var spare keyScores
	for i := range 4 * scoreCacheSlots {
		// 48² first two letters, more than the prefixes kept.
		key := ngram.Key('a'+rune(i%48), 'a'+rune(i/48%48), 'a'+rune(i/(48*48)%26))
		d.scores.get(d.table, key, &spare)
	}
	if n := d.scores.n.Load(); n > scoreCacheMax {
		t.Fatalf("cache holds %d trigrams, over its bound %d", n, scoreCacheMax)
	}
	if n := d.scores.np.Load(); n > prefixCacheMax {
		t.Fatalf("cache holds %d prefixes, over its bound %d", n, prefixCacheMax)
	}
}
