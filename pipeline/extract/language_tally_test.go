package extract

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestTopTwo holds topTwo to sorting the counts, highest first and the
// lower language first among equals.
func TestTopTwo(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var counts []langCount
		for l := range 2 + r.IntN(8) {
			counts = append(counts, langCount{lang: l*3 - 1, n: r.IntN(4)})
		}
		r.Shuffle(len(counts), func(i, j int) { counts[i], counts[j] = counts[j], counts[i] })
		sorted := slices.Clone(counts)
		slices.SortFunc(sorted, func(a, b langCount) int {
			if a.n != b.n {
				return b.n - a.n
			}
			return a.lang - b.lang
		})
		if first, second := topTwo(counts); first != sorted[0] || second != sorted[1] {
			t.Fatalf("topTwo(%v) = %v, %v; want %v, %v", counts, first, second, sorted[0], sorted[1])
		}
	}
}
