package extract

import (
	"sync/atomic"

	"github.com/consignhq/consign/pipeline/extract/internal/ngram"
)

// keyScores is what one trigram is worth to each language: the
// log-probability of the trigram, or else of its first two letters, or
// else of its first letter, whichever the language's models hold first
// (the back-off logLikelihoods sums), and which languages hold any of
// them. A language that holds none of them has a log-probability of 0,
// which leaves a sum unchanged, so a sum can add every candidate's value
// without a test (a sum starts at +0 and never becomes -0).
type keyScores struct {
	key  uint64
	has  [(len(ngram.Languages) + 63) / 64]uint64 // bit l: language l holds one
	logp [len(ngram.Languages)]float64
}

// holds reports whether language l's models hold the trigram or a prefix.
func (k *keyScores) holds(l int) bool { return k.has[l>>6]&(1<<(l&63)) != 0 }

// fill computes k for the trigram key from the table, for every language.
func (k *keyScores) fill(t *ngram.Table, key uint64) { k.fillFrom(t, key, 3) }

// fillFrom computes k for key, an n-gram of top runes, from the models
// of top runes down.
func (k *keyScores) fillFrom(t *ngram.Table, key uint64, top int) {
	k.key, k.has, k.logp = key, [len(k.has)]uint64{}, [len(k.logp)]float64{}
	left := len(ngram.Languages)
	for order := top; order >= 1 && left > 0; order-- {
		p := t.Lookup(order, key>>(21*(top-order)))
		for j := range p.Len() {
			if l := p.Lang(j); !k.holds(l) {
				k.has[l>>6] |= 1 << (l & 63)
				k.logp[l] = p.LogP(j)
				left--
			}
		}
	}
}

// scoreCache keeps the keyScores of the trigrams a detector has met, so
// that a trigram costs one look-up however often samples hold it. Reading
// a trigram's score walks the postings of up to three n-gram orders, some
// 150 languages' entries in all, and was two thirds of language detection;
// text is made of a few thousand frequent trigrams, which the cache holds
// after the first files. A hit gives the very values the walk would, so
// the answers do not change.
//
// It is an open-addressed table of atomic pointers, safe for concurrent
// use without a lock: an entry is written in full before it is published,
// and never changes or leaves. Once it holds scoreCacheMax entries (about
// 2.5 MiB) it takes no more, and other trigrams are read from the table
// each time.
//
// A trigram read from the table starts from the scores of its first two
// letters, which the cache keeps too (at most prefixCacheMax, some 0.6
// MiB): a language the trigram model lacks backs off to those letters'
// bigram, or else the first letter, and so the bigram and unigram
// models are read once for each pair of letters, not for each trigram.
// In a catalog of many languages a scan meets more trigrams than the
// cache keeps (the shared corpus some 8,500), and those two look-ups
// were half of reading one.
type scoreCache struct {
	slots [scoreCacheSlots]atomic.Pointer[keyScores]
	n     atomic.Int32
	// prefixes are the scores of trigrams' first two letters, from the
	// bigram and unigram models: kept the same way, keyed by the bigram.
	prefixes [prefixCacheSlots]atomic.Pointer[keyScores]
	np       atomic.Int32
}

const (
	prefixCacheBits  = 11
	prefixCacheSlots = 1 << prefixCacheBits
	prefixCacheMax   = prefixCacheSlots / 2
)

// fill computes the scores of the trigram key into k: the trigram
// model's, over the scores of its first two letters, kept or computed.
// It gives what k.fill gives: a language the trigram model lacks takes
// its value from the bigram model, or else the unigram model, as the
// prefix's scores hold them.
func (c *scoreCache) fill(t *ngram.Table, key uint64, k *keyScores) {
	pre := c.prefix(t, key>>21)
	if pre == nil {
		k.fill(t, key)
		return
	}
	k.key, k.has, k.logp = key, pre.has, pre.logp
	var tri [len(k.has)]uint64
	p := t.Lookup(3, key)
	for j := range p.Len() {
		l := p.Lang(j)
		if tri[l>>6]&(1<<(l&63)) != 0 {
			continue
		}
		tri[l>>6] |= 1 << (l & 63)
		k.has[l>>6] |= 1 << (l & 63)
		k.logp[l] = p.LogP(j)
	}
}

// prefix returns the kept scores of the bigram key, computing and
// keeping them if there is room; nil when there is none.
func (c *scoreCache) prefix(t *ngram.Table, key uint64) *keyScores {
	e, free := probe(c.prefixes[:], prefixCacheBits, key)
	if e != nil {
		return e
	}
	if free < 0 || c.np.Load() >= prefixCacheMax {
		return nil
	}
	k := new(keyScores)
	k.fillFrom(t, key, 2)
	keep(c.prefixes[:], free, &c.np, k)
	return k
}

// probe looks key up in a table of 1<<bits slots: its entry, or else the
// first empty slot of its probe sequence, -1 when there is none.
func probe(slots []atomic.Pointer[keyScores], bits int, key uint64) (*keyScores, int) {
	mask := len(slots) - 1
	h := int((key * 0x9e3779b97f4a7c15) >> (64 - bits))
	for i := range scoreCacheProbe {
		e := slots[(h+i)&mask].Load()
		if e == nil {
			return nil, (h + i) & mask
		}
		if e.key == key {
			return e, -1
		}
	}
	return nil, -1
}

// keep publishes k in slot free and counts it in n. Another goroutine may
// have taken the slot meanwhile: k is still right, only not kept.
func keep(slots []atomic.Pointer[keyScores], free int, n *atomic.Int32, k *keyScores) {
	if slots[free].CompareAndSwap(nil, k) {
		n.Add(1)
	}
}

const (
	scoreCacheBits  = 13
	scoreCacheSlots = 1 << scoreCacheBits
	scoreCacheMax   = scoreCacheSlots / 2
	scoreCacheProbe = 8 // slots tried from a key's own before giving up
)

// get returns key's scores, from the cache or else computed; when the
// cache cannot keep them they are computed into spare, which the caller
// owns.
func (c *scoreCache) get(t *ngram.Table, key uint64, spare *keyScores) *keyScores {
	e, free := probe(c.slots[:], scoreCacheBits, key)
	if e != nil {
		return e
	}
	if free < 0 || c.n.Load() >= scoreCacheMax {
		c.fill(t, key, spare)
		return spare
	}
	k := new(keyScores)
	c.fill(t, key, k)
	keep(c.slots[:], free, &c.n, k)
	return k
}
