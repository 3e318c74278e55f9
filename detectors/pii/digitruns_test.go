package pii

import (
	"math/rand/v2"
	"testing"
)

// TestDigitCursorAgreesWithNextDigit asks the cursor from every offset, in
// order, backwards and at random, as the detectors do.
func TestDigitCursorAgreesWithNextDigit(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 9))
	texts := map[string][]byte{
		"empty":      nil,
		"no digits":  []byte("the quiet river in the morning light"),
		"all digits": []byte("0123456789012345"),
		"edges":      []byte("1 call (202) 555-0143 or +44 20 7946 0958, ref 12/03/2021 x9"),
	}
	dense := make([]byte, 3000)
	for i := range dense {
		dense[i] = "ab 01.9-"[r.IntN(8)]
	}
	texts["dense"] = dense
	for name, b := range texts {
		t.Run(name, func(t *testing.T) {
			check := func(c *digitCursor, from int) {
				t.Helper()
				if got, want := c.next(from), nextDigit(b, from); got != want {
					t.Fatalf("next(%d) = %d, nextDigit %d", from, got, want)
				}
			}
			c := digitCursor{runs: findDigitRuns(b), n: len(b)}
			for from := 0; from <= len(b); from++ {
				check(&c, from)
			}
			for from := len(b); from >= 0; from-- {
				check(&c, from)
			}
			for range 2000 {
				check(&c, r.IntN(len(b)+1))
			}
		})
	}
}
