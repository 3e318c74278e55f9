package rights

import (
	"slices"
	"sync"
	"testing"
)

// TestAnchorSetsFirstUseConcurrent has many goroutines use the sets,
// which are built on first use, at once: under -race it fails if that
// first build is not safe, and every goroutine must see the same hits.
func TestAnchorSetsFirstUseConcurrent(t *testing.T) {
	chunk := []byte("© 2021 Jane Doe, photo: Getty Images / AP. CC BY-NC 4.0 <img src=x>")
	sets := []struct {
		name string
		set  *anchorSet
	}{
		{"copyright", copyrightAnchors},
		{"license", licenseAnchors},
		{"embedded", embedAnchors},
		{"quotation", quoteAnchors},
		{"stock", stockAnchors},
	}
	for _, s := range sets {
		t.Run(s.name, func(t *testing.T) {
			got := make([][]int, 8)
			var wg sync.WaitGroup
			for i := range got {
				wg.Go(func() { got[i] = s.set.hits(chunk) })
			}
			wg.Wait()
			for i := range got {
				if !slices.Equal(got[i], got[0]) {
					t.Fatalf("goroutine %d saw hits %v, goroutine 0 %v", i, got[i], got[0])
				}
			}
			if s.name != "quotation" && len(got[0]) == 0 {
				t.Fatalf("no hits in %q", chunk)
			}
		})
	}
}

// TestStockAnchorsExactWords checks that the words added with withExact
// before the set is built still match only as written.
func TestStockAnchorsExactWords(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       bool
	}{
		{"capitals", "Photo: AP", true},
		{"lower case", "a map of it", false},
		{"reuters", "© Reuters", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := len(stockAnchors.hits([]byte(tc.text))) > 0; got != tc.want {
				t.Errorf("hits in %q = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
}
