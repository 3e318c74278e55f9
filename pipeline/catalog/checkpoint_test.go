package catalog

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestCheckpoint checks that what Apply wrote reaches the database file
// itself once a background checkpoint is done, before the catalog is
// closed, and that the catalog reads it back after.
func TestCheckpoint(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c := open(t, dir, Options{})
	marker := []byte("a record only this test writes")
	inFile := func() bool {
		b, err := os.ReadFile(filepath.Join(dir, dbFile))
		if err != nil {
			t.Fatal(err)
		}
		return bytes.Contains(b, marker)
	}
	for i, checkpoint := range []bool{false, true} {
		rec := append(append([]byte(nil), marker...), byte('0'+i))
		var b Batch
		b.Put(Entry{Path: "a.txt", Stat: Stat{Size: int64(i)}, Versions: "v", Record: rec})
		if err := c.Apply(ctx, &b); err != nil {
			t.Fatal(err)
		}
		if checkpoint {
			c.Checkpoint()
			c.Checkpoint() // while the first runs, or after: either way one more pass
			c.ckpt.wg.Wait()
		}
		marker = rec
		if got := inFile(); got != checkpoint {
			t.Errorf("write %d in the database file: %v, want %v", i, got, checkpoint)
		}
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	c = open(t, dir, Options{})
	defer c.Close()
	e, hit, err := c.Lookup(ctx, "a.txt", Stat{Size: 1}, "v")
	if err != nil || !hit || !bytes.Equal(e.Record, marker) {
		t.Errorf("Lookup = %q, %v, %v; want the last write", e.Record, hit, err)
	}
}
