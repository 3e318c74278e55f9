package pdf

import "sort"

// cmapIndex finds the mapping of a code in a cmap as cmap.Decode did by
// walking its entries in order, the first that matches winning. (Change
// from upstream ledongthuc/pdf.)
type cmapIndex struct {
	// chars maps a code to the replacement of its first bfchar entry.
	chars map[string]string
	// ranges[n-1] holds the bfrange entries of n-byte codes: sorted by
	// their low end when no two overlap (so that one at most holds a
	// code), else in the map's order, at most maxOverlappingRanges.
	ranges [4][]*bfrange
	sorted [4]bool
}

// maxOverlappingRanges bounds the ranges of one code length walked for
// each code when some overlap, which only a hand-made map does.
const maxOverlappingRanges = 4096

func newCMapIndex(m *cmap) *cmapIndex {
	x := &cmapIndex{chars: make(map[string]string, len(m.bfchar))}
	for _, c := range m.bfchar {
		if _, ok := x.chars[c.orig]; !ok {
			x.chars[c.orig] = c.repl
		}
	}
	for i := range m.bfrange {
		r := &m.bfrange[i]
		if n := len(r.lo); n >= 1 && n <= 4 && r.lo <= r.hi {
			x.ranges[n-1] = append(x.ranges[n-1], r)
		}
	}
	for n, rs := range x.ranges {
		sorted := append([]*bfrange(nil), rs...)
		sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].lo < sorted[j].lo })
		disjoint := true
		for i := 1; i < len(sorted) && disjoint; i++ {
			disjoint = sorted[i].lo > sorted[i-1].hi
		}
		if disjoint {
			x.ranges[n], x.sorted[n] = sorted, true
		} else if len(rs) > maxOverlappingRanges {
			x.ranges[n] = rs[:maxOverlappingRanges]
		}
	}
	return x
}

// findRange returns the first range of the map that holds code, or nil.
func (x *cmapIndex) findRange(code string) *bfrange {
	n := len(code)
	if n < 1 || n > 4 {
		return nil
	}
	rs := x.ranges[n-1]
	if x.sorted[n-1] {
		i := sort.Search(len(rs), func(i int) bool { return rs[i].lo > code }) - 1
		if i >= 0 && code <= rs[i].hi {
			return rs[i]
		}
		return nil
	}
	for _, r := range rs {
		if r.lo <= code && code <= r.hi {
			return r
		}
	}
	return nil
}
