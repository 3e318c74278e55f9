package catalog

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cleanMark opens the catalog in dir behind the lock's back and reports
// whether the next Open would skip the integrity check.
func cleanMark(t *testing.T, dir string) bool {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, dbFile))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	return closedCleanly(context.Background(), db)
}

// TestIntegrityCheckAfterUncleanClose holds the rule that lets Open skip
// the integrity check: only after a Close that followed a run in which no
// statement failed.
func TestIntegrityCheckAfterUncleanClose(t *testing.T) {
	tests := []struct {
		name  string
		run   func(c *Catalog)
		clean bool
	}{
		{"closed", func(c *Catalog) { c.Close() }, true},
		{"killed", func(c *Catalog) { c.db.Close(); c.lock.Unlock() }, false},
		{"a statement failed", func(c *Catalog) {
			c.trouble(sql.ErrConnDone)
			c.Close()
		}, false},
		{"cancelled", func(c *Catalog) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			var b Batch
			b.Put(Entry{Path: "a", Versions: "v", Record: []byte("r")})
			if err := c.Apply(ctx, &b); err == nil {
				t.Error("a cancelled write succeeded")
			}
			c.Close()
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if cleanMark(t, dir) {
				t.Fatal("a new catalog counts as closed cleanly")
			}
			open(t, dir, Options{}).Close()
			if !cleanMark(t, dir) {
				t.Fatal("not marked clean after a clean run")
			}
			c := open(t, dir, Options{})
			if cleanMark(t, dir) {
				t.Error("still marked clean while open: a kill now would skip the check")
			}
			tt.run(c)
			if got := cleanMark(t, dir); got != tt.clean {
				t.Errorf("marked clean %v, want %v", got, tt.clean)
			}
			c = open(t, dir, Options{Rebuilt: func(r string) { t.Errorf("rebuilt: %s", r) }})
			c.Close()
		})
	}
}

// TestReplaceKeepsStatAndFields writes a new record over a cached one:
// what the stat fingerprint and the metadata were stays.
func TestReplaceKeepsStatAndFields(t *testing.T) {
	ctx := context.Background()
	c := open(t, t.TempDir(), Options{})
	defer c.Close()
	st := Stat{Size: 1, MtimeNS: 2, Inode: 3, CtimeNS: 4}
	var b Batch
	b.Put(Entry{Path: "a", Stat: st, SHA256: "s", Versions: "v1", Record: []byte("old"), Fields: []byte("f")})
	if err := c.Apply(ctx, &b); err != nil {
		t.Fatal(err)
	}
	b.Replace(Entry{Path: "a", SHA512: "x", Versions: "v2", Record: []byte("new")})
	if err := c.Apply(ctx, &b); err != nil {
		t.Fatal(err)
	}
	e, hit, err := c.Lookup(ctx, "a", st, "v2")
	if err != nil || !hit {
		t.Fatalf("hit %v, err %v", hit, err)
	}
	if string(e.Record) != "new" || e.SHA512 != "x" || e.SHA256 != "s" {
		t.Errorf("entry %+v", e)
	}
	if f, err := c.Fields(ctx, "a"); err != nil || string(f) != "f" {
		t.Errorf("fields %q (%v)", f, err)
	}
}

// TestDamageFoundAfterACleanClose damages a catalog that was closed
// cleanly, so Open skips the integrity check: the read that meets the
// damage fails, a write that meets it is survived with one warning, and
// the next Open checks the catalog and rebuilds it.
func TestDamageFoundAfterACleanClose(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c := open(t, dir, Options{})
	var b Batch
	for i := range 400 {
		b.Put(Entry{Path: fmt.Sprintf("f%04d", i), Versions: "v", Record: bytes.Repeat([]byte{'r'}, 1000)})
	}
	if err := c.Apply(ctx, &b); err != nil {
		t.Fatal(err)
	}
	c.Close()
	// Checkpoint the log into the database file, then overwrite a page
	// in the middle of the files table.
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, dbFile))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	var page, pages int64
	if err := db.QueryRow(`PRAGMA page_size`).Scan(&page); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(`PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	db.Close()
	f, err := os.OpenFile(filepath.Join(dir, dbFile), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xff}, int(page)), pages/2*page); err != nil {
		t.Fatal(err)
	}
	f.Close()

	var damaged []string
	c = open(t, dir, Options{
		Rebuilt: func(r string) { t.Errorf("checked although closed cleanly: %s", r) },
		Damaged: func(r string) { damaged = append(damaged, r) },
	})
	// Seeking past the last path reads every entry.
	cur, err := c.Entries(ctx, "v", true)
	if err == nil {
		_, _, _, err = cur.Seek(ctx, "g", Stat{})
	}
	if err == nil {
		t.Fatal("read the damaged catalog without an error")
	}
	// Rewriting every entry meets the damaged page: a scan's writes go
	// on without the catalog instead of failing the run.
	for range 2 {
		for i := range 400 {
			b.Put(Entry{Path: fmt.Sprintf("f%04d", i), Versions: "w", Record: bytes.Repeat([]byte{'s'}, 1000)})
		}
		if err := c.Apply(ctx, &b); err != nil {
			t.Fatalf("a write to the damaged catalog failed the run: %v", err)
		}
		if b.Len() != 0 {
			t.Errorf("%d writes still queued after a survived write", b.Len())
		}
	}
	if len(damaged) != 1 || !strings.Contains(damaged[0], "malformed") {
		t.Errorf("damage reported %q, want once, as malformed", damaged)
	}
	c.Close()
	var reason string
	c = open(t, dir, Options{Rebuilt: func(r string) { reason = r }})
	defer c.Close()
	if reason == "" {
		t.Error("the damaged catalog was not rebuilt")
	}
}
