package catalog

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestFolderNamesThatAreURISyntax opens a catalog under folders whose names
// mean something in an SQLite URI: the catalog must be kept in that folder,
// found again by the next run, and never set aside as unreadable.
func TestFolderNamesThatAreURISyntax(t *testing.T) {
	ctx := context.Background()
	st := Stat{Size: 10, MtimeNS: 1, Inode: 2, CtimeNS: 3}
	for _, name := range []string{"per%cent", "hex%41", "what?", "hash#tag", "both ?a=1&b=2", "sp ace", "caf\u00e9"} {
		t.Run(name, func(t *testing.T) {
			if runtime.GOOS == "windows" && strings.ContainsAny(name, `?*:<>|"`) {
				t.Skip("Windows reserves the character")
			}
			dir := filepath.Join(t.TempDir(), name, ".consign")
			var rebuilt []string
			opts := Options{Rebuilt: func(reason string) { rebuilt = append(rebuilt, reason) }}
			c := open(t, dir, opts)
			var b Batch
			b.Put(Entry{Path: "a.txt", Stat: st, SHA256: "aa", Versions: "v1", Record: []byte(`{"path":"a.txt"}`)})
			if err := c.Apply(ctx, &b); err != nil {
				t.Fatal(err)
			}
			c.Close()
			if _, err := os.Stat(filepath.Join(dir, dbFile)); err != nil {
				t.Errorf("the catalog is not in its folder: %v", err)
			}
			c = open(t, dir, opts)
			defer c.Close()
			if _, hit, err := c.Lookup(ctx, "a.txt", st, "v1"); !hit || err != nil {
				t.Errorf("the second run lost the entry: hit %v, err %v", hit, err)
			}
			if len(rebuilt) > 0 {
				t.Errorf("catalog rebuilt: %q", rebuilt)
			}
		})
	}
}
