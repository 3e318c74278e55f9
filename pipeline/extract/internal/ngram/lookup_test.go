package ngram

import "testing"

// TestLookupFindsEveryKey: the search through the block index finds each
// key of every order at its own place, and nothing for the keys just
// beside it that the table does not hold, below its first key or above
// its last.
func TestLookupFindsEveryKey(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for n := 1; n <= len(tab.orders); n++ {
		o := &tab.orders[n-1]
		t.Run(string(rune('0'+n)), func(t *testing.T) {
			for k := range o.n {
				key := o.key(k)
				p := tab.Lookup(n, key)
				if from, to := o.offset(k), o.offset(k+1); p.langs != o.langs[from:to] {
					t.Fatalf("key %d (%#x): postings %q, want %q", k, key, p.langs, o.langs[from:to])
				}
				for _, near := range []uint64{key - 1, key + 1} {
					if near == key || (k > 0 && near == o.key(k-1)) || (k+1 < o.n && near == o.key(k+1)) {
						continue
					}
					if p := tab.Lookup(n, near); p.Len() != 0 {
						t.Fatalf("absent key %#x beside key %d: %d postings", near, k, p.Len())
					}
				}
			}
			if first := o.key(0); first > 0 && tab.Lookup(n, first-1).Len() != 0 {
				t.Fatal("found a key below the first")
			}
			if tab.Lookup(n, ^uint64(0)).Len() != 0 {
				t.Fatal("found a key above the last")
			}
		})
	}
}
