package catalog

import (
	"context"
	"strings"
	"testing"
)

// TestVersionsKeptOnce writes entries made by two sets of versions: each
// value is stored once, every entry holds a short id, and lookups and the
// cursor give the values back, the run's and the other.
func TestVersionsKeptOnce(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	c := open(t, dir, Options{})
	run, other := `{"extract":"2","detect":{"pii/email":"4"}}`+strings.Repeat(" ", 600), `{"extract":"1"}`
	st := Stat{Size: 1, MtimeNS: 2, Inode: 3, CtimeNS: 4}
	var b Batch
	for _, p := range []string{"a", "b", "c"} {
		v := run
		if p == "b" {
			v = other
		}
		b.Put(Entry{Path: p, Stat: st, SHA256: p, Versions: v, Record: []byte(p)})
	}
	if err := c.Apply(ctx, &b); err != nil {
		t.Fatal(err)
	}
	var sets, longest int
	if err := c.db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM version_sets), (SELECT max(length(versions)) FROM files)`).Scan(&sets, &longest); err != nil {
		t.Fatal(err)
	}
	if sets != 2 || longest > 3 {
		t.Errorf("%d version sets, entries' versions up to %d bytes; want 2, and ids", sets, longest)
	}
	if e, hit, err := c.Lookup(ctx, "b", st, other); !hit || err != nil || e.Versions != other {
		t.Errorf("lookup of b: %q hit %v (%v)", e.Versions, hit, err)
	}
	c.Close()

	// Reopened: the ids are read back, and a cursor for the run's
	// versions gives both values.
	c = open(t, dir, Options{})
	defer c.Close()
	cur, err := c.Entries(ctx, run, false)
	if err != nil {
		t.Fatal(err)
	}
	defer cur.Close()
	for _, p := range []string{"a", "b", "c"} {
		e, hit, _, err := cur.Seek(ctx, p, st)
		want := map[bool]string{true: other, false: run}[p == "b"]
		if err != nil || !hit || e.Versions != want {
			t.Errorf("cursor at %s: versions %.20q, hit %v (%v); want %.20q", p, e.Versions, hit, err, want)
		}
	}
}

// TestVersionsMigration upgrades a catalog whose entries hold their
// versions whole (schema 7): each value goes to version_sets once, the
// entries keep an id, and every entry is still found with its versions.
func TestVersionsMigration(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	catalogAt(t, dir, 7,
		`INSERT INTO files (path, size, mtime_ns, inode, ctime_ns, sha256, versions, record, seen)
		 VALUES ('a', 1, 2, 3, 4, 'aa', '{"v":1}', 'rec a', 0), ('b', 1, 2, 3, 4, 'bb', '{"v":2}', 'rec b', 0), ('c', 1, 2, 3, 4, 'cc', '{"v":1}', 'rec c', 0)`)
	c := open(t, dir, Options{Rebuilt: func(r string) { t.Errorf("rebuilt: %s", r) }})
	defer c.Close()
	var sets int
	if err := c.db.QueryRowContext(ctx, `SELECT count(*) FROM version_sets`).Scan(&sets); err != nil || sets != 2 {
		t.Errorf("%d version sets after the migration (%v), want 2", sets, err)
	}
	st := Stat{Size: 1, MtimeNS: 2, Inode: 3, CtimeNS: 4}
	for p, v := range map[string]string{"a": `{"v":1}`, "b": `{"v":2}`, "c": `{"v":1}`} {
		if e, hit, err := c.Lookup(ctx, p, st, v); !hit || err != nil || string(e.Record) != "rec "+p {
			t.Errorf("%s after the migration: %+v hit %v (%v)", p, e, hit, err)
		}
	}
	if err := c.Check(ctx); err != nil {
		t.Error(err)
	}
}
