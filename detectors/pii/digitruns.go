package pii

import (
	"sort"

	"github.com/consignhq/consign/detectors"
)

// Most detectors of this package look only where digits are. They find
// them through one list of a chunk's digit runs, made once per chunk and
// shared (detectors.Shared), instead of each searching the whole chunk.

// digitRunsKey names the shared list of a chunk's digit runs.
type digitRunsKey struct{}

// digitRuns lists the runs of ASCII digits of a chunk as start, end
// pairs, in order.
type digitRuns []int

// findDigitRuns lists the digit runs of b.
func findDigitRuns(b []byte) digitRuns {
	var out digitRuns
	for i := nextDigit(b, 0); i < len(b); i = nextDigit(b, i) {
		s := i
		for i < len(b) && asciiDigit(b[i]) {
			i++
		}
		out = append(out, s, i)
	}
	return out
}

// digitCursor answers nextDigit over one chunk from its digit runs.
type digitCursor struct {
	runs digitRuns
	n    int // len of the chunk
	k    int // the run the last answer came from
}

// digitsOf returns a cursor over b's digits, from the runs shared by the
// detectors scanning item's chunk b.
func digitsOf(item *detectors.Item, b []byte) digitCursor {
	runs := findDigitRunsShared(item, b)
	return digitCursor{runs: runs, n: len(b)}
}

func findDigitRunsShared(item *detectors.Item, b []byte) digitRuns {
	if item == nil {
		return findDigitRuns(b)
	}
	return detectors.Shared(item, digitRunsKey{}, b, findDigitRuns)
}

// next returns the index of the first ASCII digit at or after from, or
// the chunk's length: what nextDigit(b, from) returns.
func (c *digitCursor) next(from int) int {
	runs, k := c.runs, c.k
	// k is the first run ending after from. Callers mostly move forward a
	// little: walk on from the last answer, and search when from went
	// back before it or far ahead.
	if k > 0 && runs[k-1] > from {
		k = c.search(from)
	}
	for steps := 0; k < len(runs) && runs[k+1] <= from; k += 2 {
		if steps++; steps == 8 {
			k = c.search(from)
			break
		}
	}
	c.k = k
	if k >= len(runs) {
		return c.n
	}
	return max(from, runs[k])
}

// search returns the index of the first run ending after from.
func (c *digitCursor) search(from int) int {
	return 2 * sort.Search(len(c.runs)/2, func(j int) bool { return c.runs[2*j+1] > from })
}
