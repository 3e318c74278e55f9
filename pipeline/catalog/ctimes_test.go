package catalog

import (
	"context"
	"fmt"
	"testing"
)

// TestRefreshCtimes records the change times two packs moved and looks
// the files up as a rerun does, one by one and in order, with rows of
// moves of every size.
func TestRefreshCtimes(t *testing.T) {
	for _, perRow := range []int{1, 2, 1024} {
		t.Run(fmt.Sprintf("%d moves a row", perRow), func(t *testing.T) {
			defer func(n int) { movesPerRow = n }(movesPerRow)
			movesPerRow = perRow
			testRefreshCtimes(t)
		})
	}
}

func testRefreshCtimes(t *testing.T) {
	ctx := context.Background()
	c := open(t, t.TempDir(), Options{})
	defer c.Close()
	at := func(ctime int64) Stat { return Stat{Size: 1, MtimeNS: 2, Inode: 3, CtimeNS: ctime} }
	var b Batch
	for _, p := range []string{"a", "b", "c", "d"} {
		b.Put(Entry{Path: p, Stat: at(4), Versions: "v", Record: []byte(p)})
	}
	if err := c.Apply(ctx, &b); err != nil {
		t.Fatal(err)
	}
	// The first pack links a, b and c; d is left out and keeps its time.
	first := []Relinked{{"c", at(4), 6}, {"a", at(4), 5}, {"b", at(4), 5}, {"d", at(4), 4}}
	if err := c.RefreshCtimes(ctx, first); err != nil {
		t.Fatal(err)
	}
	check(t, c, "after the first pack", map[string]Stat{"a": at(5), "b": at(5), "c": at(6), "d": at(4)},
		map[string]Stat{"b": at(7), "c": {Size: 9, MtimeNS: 2, Inode: 3, CtimeNS: 6}})

	// The second pack finds a and c as the first left them and links a
	// again; b is gone from the folder, and d is read again (Put).
	b.Put(Entry{Path: "d", Stat: at(9), Versions: "v", Record: []byte("d")})
	if err := c.Apply(ctx, &b); err != nil {
		t.Fatal(err)
	}
	second := []Relinked{{"a", at(5), 8}, {"c", at(6), 6}, {"d", at(9), 10}}
	if err := c.RefreshCtimes(ctx, second); err != nil {
		t.Fatal(err)
	}
	check(t, c, "after the second pack", map[string]Stat{"a": at(8), "c": at(6), "d": at(10)},
		map[string]Stat{"a": at(5), "b": at(5), "d": at(4)})

	// A file read again after a pack holds its new change time: the move
	// recorded for the time before no longer applies.
	b.Put(Entry{Path: "a", Stat: at(11), Versions: "v", Record: []byte("a")})
	if err := c.Apply(ctx, &b); err != nil {
		t.Fatal(err)
	}
	check(t, c, "after a is read again", map[string]Stat{"a": at(11), "c": at(6)}, map[string]Stat{"a": at(8)})
}

// check looks up every path of hits, which must be found with that
// fingerprint, and of misses, which must not, one by one and with a
// cursor in path order.
func check(t *testing.T, c *Catalog, when string, hits, misses map[string]Stat) {
	t.Helper()
	ctx := context.Background()
	for _, tt := range []struct {
		want bool
		m    map[string]Stat
	}{{true, hits}, {false, misses}} {
		for p, st := range tt.m {
			e, hit, err := c.LookupAny(ctx, p, st)
			if err != nil || hit != tt.want || (hit && e.Stat != st) {
				t.Errorf("%s: LookupAny(%s, %+v) = %+v, hit %v, err %v; want hit %v", when, p, st, e.Stat, hit, err, tt.want)
			}
		}
	}
	cur, err := c.Entries(ctx, "v", true)
	if err != nil {
		t.Fatal(err)
	}
	defer cur.Close()
	for _, p := range []string{"a", "b", "c", "d"} {
		st, ok := hits[p]
		if !ok {
			continue
		}
		if e, hit, _, err := cur.Seek(ctx, p, st); err != nil || !hit || e.Stat != st {
			t.Errorf("%s: Seek(%s, %+v) = %+v, hit %v, err %v; want a hit", when, p, st, e.Stat, hit, err)
		}
	}
}

func TestDecodeMoves(t *testing.T) {
	good := encodeMoves([]ctimeMove{{"a", 1, 2}, {"b/c", -3, 1 << 62}})
	tests := []struct {
		name string
		in   []byte
		want int // moves, or -1 for an error
	}{
		{"empty", nil, 0},
		{"two", good, 2},
		{"truncated", good[:len(good)-1], -1},
		{"path past the end", []byte{0x7f, 'a'}, -1},
		{"overlong length", []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, -1},
		{"out of order", encodeMoves([]ctimeMove{{"b", 1, 2}, {"a", 1, 2}}), -1},
		{"repeated", encodeMoves([]ctimeMove{{"a", 1, 2}, {"a", 1, 2}}), -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			moves, err := decodeMoves(tt.in)
			switch {
			case tt.want < 0 && err == nil:
				t.Errorf("decoded %v, want an error", moves)
			case tt.want >= 0 && (err != nil || len(moves) != tt.want):
				t.Errorf("decoded %v, %v; want %d moves", moves, err, tt.want)
			}
		})
	}
}

// FuzzDecodeMoves: no panic, and what decodes encodes back to the input.
func FuzzDecodeMoves(f *testing.F) {
	f.Add(encodeMoves([]ctimeMove{{"a", 1, 2}, {"b/c", -3, 1 << 62}}))
	f.Add([]byte{0x7f, 'a'})
	f.Fuzz(func(t *testing.T, b []byte) {
		moves, err := decodeMoves(b)
		if err != nil {
			return
		}
		if got := encodeMoves(moves); string(got) != string(b) {
			// Varints have one shortest form; a longer one may decode too.
			if again, err := decodeMoves(got); err != nil || len(again) != len(moves) {
				t.Fatalf("re-encoding %x gave %x, which decodes to %v, %v", b, got, again, err)
			}
		}
	})
}
