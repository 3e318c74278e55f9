package extract

// langCount is how many times the rules met a language (or unsure). A
// word or a sample points to a handful of languages at most, which a
// short list counts with no map to allocate.
type langCount struct{ lang, n int }

// tallyAdd counts one more of language l.
func tallyAdd(counts []langCount, l int) []langCount {
	for i := range counts {
		if counts[i].lang == l {
			counts[i].n++
			return counts
		}
	}
	return append(counts, langCount{lang: l, n: 1})
}

// tallied says whether counts holds language l.
func tallied(counts []langCount, l int) bool {
	for _, c := range counts {
		if c.lang == l {
			return true
		}
	}
	return false
}

// topTwo returns the two highest counts of two or more, the lower
// language index first among equal counts; lingua breaks ties
// arbitrarily, and the callers only compare the two counts.
func topTwo(counts []langCount) (first, second langCount) {
	ahead := func(a, b langCount) bool { return a.n > b.n || a.n == b.n && a.lang < b.lang }
	first, second = counts[0], counts[1]
	if ahead(second, first) {
		first, second = second, first
	}
	for _, c := range counts[2:] {
		switch {
		case ahead(c, first):
			first, second = c, first
		case ahead(c, second):
			second = c
		}
	}
	return first, second
}
