package catalog

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// TestPageSize checks that a new catalog is made with pageSize pages and
// that one made with SQLite's default pages keeps them and is read as
// before: the page size of a database cannot change without rewriting it.
func TestPageSize(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		made int64 // the page size the catalog was made with; 0: by Open
		want int64
	}{
		{"new catalog", 0, pageSize},
		{"catalog made with 4 KiB pages", 4096, 4096},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.made != 0 {
				db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, dbFile))
				if err != nil {
					t.Fatal(err)
				}
				if _, err := db.Exec(`PRAGMA page_size = 4096; PRAGMA journal_mode = WAL`); err != nil {
					t.Fatal(err)
				}
				if err := migrate(ctx, db); err != nil {
					t.Fatal(err)
				}
				db.Close()
			}
			st := Stat{Size: 1, MtimeNS: 2, Inode: 3, CtimeNS: 4}
			c := open(t, dir, Options{Rebuilt: func(r string) { t.Errorf("rebuilt: %s", r) }})
			var b Batch
			b.Put(Entry{Path: "a.txt", Stat: st, Versions: "v", Record: []byte("rec")})
			if err := c.Apply(ctx, &b); err != nil {
				t.Fatal(err)
			}
			c.Close()
			c = open(t, dir, Options{})
			defer c.Close()
			var got int64
			if err := c.db.QueryRowContext(ctx, `PRAGMA page_size`).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("page size %d, want %d", got, tt.want)
			}
			if e, hit, err := c.Lookup(ctx, "a.txt", st, "v"); err != nil || !hit || string(e.Record) != "rec" {
				t.Errorf("Lookup = %q, %v, %v; want the entry written", e.Record, hit, err)
			}
		})
	}
}

// TestCacheSize checks that every connection to the catalog keeps a page
// cache of cacheKiB, not SQLite's default of 2,000 KiB: the connections a
// scan holds at once (the cursor's, the writer's, the checkpoint's) each
// run the DSN's pragmas when the pool opens them.
func TestCacheSize(t *testing.T) {
	ctx := context.Background()
	c := open(t, t.TempDir(), Options{})
	defer c.Close()
	var conns []*sql.Conn
	defer func() {
		for _, conn := range conns {
			conn.Close()
		}
	}()
	for range 3 {
		conn, err := c.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, conn)
		var got int64
		if err := conn.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != -cacheKiB {
			t.Errorf("connection %d: cache_size %d, want %d (KiB)", len(conns), got, -cacheKiB)
		}
	}
}
