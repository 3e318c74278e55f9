package pdf

// Tests for the change from upstream: the glyph-name table is made on first
// use, not in package init.

import (
	"sync"
	"testing"
)

// TestNameToRuneFirstUseFromManyGoroutines asks for the table from many
// goroutines at once; under -race this checks it is published safely, and
// every goroutine must see the whole table.
func TestNameToRuneFirstUseFromManyGoroutines(t *testing.T) {
	var wg sync.WaitGroup
	sizes := make([]int, 32)
	for i := range sizes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := nameToRune()
			if m["eacute"] != 0x00E9 || m["nbspace"] != 0x00A0 {
				t.Error("eacute or nbspace missing from the glyph-name table")
			}
			sizes[i] = len(m)
		}()
	}
	wg.Wait()
	for _, n := range sizes {
		if n != sizes[0] || n < 4000 {
			t.Fatalf("goroutines saw tables of %v entries, want the same 4,000 or more", sizes)
		}
	}
}
