package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/consignhq/consign/pipeline/catalog"
)

// TestStoreAppliesOldWrites checks when the catalog writes a scan queues
// are applied: at once when 512 are queued, else once the first of them
// has waited applyAfter, and the rest at the end.
func TestStoreAppliesOldWrites(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	file := filepath.Join(dir, "a.txt")
	if err := os.WriteFile(file, []byte("a"), 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := os.Lstat(file)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Open(ctx, filepath.Join(dir, "state"), catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	c := &cache{cat: cat, key: "v"}
	store := func(name string) {
		t.Helper()
		if err := c.store(ctx, entry{rel: name, abs: file, info: info}, &Record{Path: name}, false, false); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name   string
		writes int
		aged   bool // the first write queued is older than applyAfter
		queued int  // writes still queued after
	}{
		{"first write waits", 1, false, 1},
		{"young writes wait", 10, false, 11},
		{"a write after an old one applies them", 1, true, 0},
		{"a full batch applies", 512, false, 0},
	}
	// The young writes stay young however slow the machine.
	young := func() {
		if c.batch.Len() == 1 {
			c.since = time.Now().Add(time.Hour)
		}
	}
	n := 0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.aged {
				c.since = time.Now().Add(-applyAfter)
			}
			for range tt.writes {
				n++
				store(filepath.Join("d", string(rune('a'+n%26)), time.Duration(n).String()))
				if !tt.aged {
					young()
				}
			}
			if got := c.batch.Len(); got != tt.queued {
				t.Errorf("%d writes queued, want %d", got, tt.queued)
			}
		})
	}
	if err := c.finish(ctx, false); err != nil {
		t.Fatal(err)
	}
	if got, err := cat.Len(ctx); err != nil || got != n {
		t.Errorf("catalog holds %d files (%v), want %d", got, err, n)
	}
}
