package catalog

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// TestCursorSeek walks paths past a catalog as a scan does: hits for the
// paths it holds with the same fingerprint, misses for the others, and the
// ranges it passed over forgotten.
func TestCursorSeek(t *testing.T) {
	for _, chunk := range []int{1, 2, 3, 512} {
		t.Run(fmt.Sprintf("chunks of %d", chunk), func(t *testing.T) {
			defer func(n int) { cursorChunk = n }(cursorChunk)
			cursorChunk = chunk
			testCursorSeek(t)
		})
	}
}

func testCursorSeek(t *testing.T) {
	ctx := context.Background()
	c := open(t, t.TempDir(), Options{})
	defer c.Close()
	st := Stat{Size: 1, MtimeNS: 2, Inode: 3, CtimeNS: 4}
	var b Batch
	// Byte order: "a.txt" < "a/b.txt" < "a/c/d.txt" < "b.txt" < "c.txt".
	for _, p := range []string{"a/c/d.txt", "a.txt", "a/b.txt", "b.txt", "c.txt", "d/e.txt"} {
		// One entry made by other versions: the cursor reads those.
		versions := map[bool]string{true: "w", false: "v"}[p == "c.txt"]
		b.Put(Entry{Path: p, Stat: st, Versions: versions, Record: []byte(p)})
	}
	if err := c.Apply(ctx, &b); err != nil {
		t.Fatal(err)
	}
	cur, err := c.Entries(ctx, "v", true)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		path    string
		st      Stat
		hit     bool
		skipped bool
	}{
		{"first", "a.txt", st, true, false},
		{"changed", "a/b.txt", Stat{Size: 9}, false, false},
		{"passes a deleted file", "b.txt", st, true, true},
		{"out of order is looked up", "a.txt", st, true, false},
		{"new file", "bb.txt", st, false, false},
		{"after the new file", "c.txt", st, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, hit, skipped, err := cur.Seek(ctx, tt.path, tt.st)
			if err != nil || hit != tt.hit || skipped != tt.skipped {
				t.Fatalf("Seek(%s) = hit %v skipped %v err %v, want hit %v skipped %v", tt.path, hit, skipped, err, tt.hit, tt.skipped)
			}
			// A changed file's entry comes back too, for the content to be
			// compared; a new file has none.
			if want := map[bool]string{true: tt.path}[tt.hit || tt.name == "changed"]; string(e.Record) != want || (want != "" && e.Path != tt.path) {
				t.Errorf("entry %q with record %q, want record %q", e.Path, e.Record, want)
			}
			if want := map[bool]string{true: "w", false: "v"}[tt.path == "c.txt"]; hit && e.Versions != want {
				t.Errorf("versions %q, want %q", e.Versions, want)
			}
			// The scan writes what it read while the cursor goes on:
			// those files must not come back as ones the walk passed.
			if !hit {
				b.Put(Entry{Path: tt.path, Stat: tt.st, Versions: "v", Record: []byte(tt.path)})
				if err := c.Apply(ctx, &b); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
	if _, hit, skipped, err := cur.Seek(ctx, "d/e.txt", st); !hit || skipped || err != nil {
		t.Errorf("after the files written during the walk: hit %v skipped %v (%v), want a hit and nothing passed over", hit, skipped, err)
	}
	last, _ := cur.Last()
	cur.Close()
	b.ForgetBetween("a/b.txt", "b.txt")
	b.ForgetAfter(last)
	if err := c.Apply(ctx, &b); err != nil {
		t.Fatal(err)
	}
	rows, err := c.db.QueryContext(ctx, `SELECT path FROM files ORDER BY path`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var kept []string
	for rows.Next() {
		var p string
		rows.Scan(&p)
		kept = append(kept, p)
	}
	if want := []string{"a.txt", "a/b.txt", "b.txt", "bb.txt", "c.txt", "d/e.txt"}; !slices.Equal(kept, want) {
		t.Errorf("kept %q, want %q", kept, want)
	}
}

// TestCursorSHA512 reads the stored SHA-512s only when asked, and a
// Replace without one keeps the one stored.
func TestCursorSHA512(t *testing.T) {
	ctx := context.Background()
	c := open(t, t.TempDir(), Options{})
	defer c.Close()
	st := Stat{Size: 1, MtimeNS: 2, Inode: 3, CtimeNS: 4}
	var b Batch
	b.Put(Entry{Path: "a", Stat: st, SHA512: "s512", Versions: "v", Record: []byte("a")})
	if err := c.Apply(ctx, &b); err != nil {
		t.Fatal(err)
	}
	b.Replace(Entry{Path: "a", Versions: "v", Record: []byte("a2")})
	if err := c.Apply(ctx, &b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []bool{true, false} {
		t.Run(fmt.Sprintf("sha512 %v", want), func(t *testing.T) {
			cur, err := c.Entries(ctx, "v", want)
			if err != nil {
				t.Fatal(err)
			}
			defer cur.Close()
			e, hit, _, err := cur.Seek(ctx, "a", st)
			if err != nil || !hit || string(e.Record) != "a2" || (e.SHA512 == "s512") != want || (!want && e.SHA512 != "") {
				t.Errorf("Seek = %q %q hit %v err %v", e.Record, e.SHA512, hit, err)
			}
		})
	}
}
