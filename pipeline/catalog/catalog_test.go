package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

func open(t *testing.T, dir string, opts Options) *Catalog {
	t.Helper()
	c, err := Open(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestLookupPutForget(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st := Stat{Size: 10, MtimeNS: 1, Inode: 2, CtimeNS: 3}
	c := open(t, dir, Options{})
	var b Batch
	b.Put(Entry{Path: "a.txt", Stat: st, SHA256: "aa", Versions: "v1", Record: []byte(`{"path":"a.txt"}`)})
	b.Put(Entry{Path: "b.txt", Stat: st, SHA256: "bb", Versions: "v1", Record: []byte(`{"path":"b.txt"}`)})
	if err := c.Apply(ctx, &b); err != nil {
		t.Fatal(err)
	}
	if b.Len() != 0 {
		t.Error("Apply left the batch full")
	}
	tests := []struct {
		name     string
		path     string
		st       Stat
		versions string
		hit      bool
	}{
		{"same", "a.txt", st, "v1", true},
		{"resized", "a.txt", Stat{Size: 11, MtimeNS: 1, Inode: 2, CtimeNS: 3}, "v1", false},
		{"touched", "a.txt", Stat{Size: 10, MtimeNS: 9, Inode: 2, CtimeNS: 3}, "v1", false},
		{"replaced", "a.txt", Stat{Size: 10, MtimeNS: 1, Inode: 7, CtimeNS: 3}, "v1", false},
		{"chmod", "a.txt", Stat{Size: 10, MtimeNS: 1, Inode: 2, CtimeNS: 4}, "v1", false},
		{"new detector", "a.txt", st, "v2", false},
		{"unknown", "c.txt", st, "v1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, hit, err := c.Lookup(ctx, tt.path, tt.st, tt.versions)
			if err != nil || hit != tt.hit {
				t.Fatalf("hit %v err %v, want hit %v", hit, err, tt.hit)
			}
			if hit && (e.SHA256 != "aa" || string(e.Record) != `{"path":"a.txt"}`) {
				t.Errorf("entry %+v", e)
			}
		})
	}
	c.Close()

	// The next run walks only a.txt: b.txt, past it, is forgotten.
	c = open(t, dir, Options{})
	defer c.Close()
	b.ForgetAfter("a.txt")
	if err := c.Apply(ctx, &b); err != nil {
		t.Fatal(err)
	}
	if _, hit, _ := c.Lookup(ctx, "b.txt", st, "v1"); hit {
		t.Error("forgotten file still cached")
	}
	if _, hit, _ := c.Lookup(ctx, "a.txt", st, "v1"); !hit {
		t.Error("walked file forgotten")
	}
	if err := c.Check(ctx); err != nil {
		t.Error(err)
	}
}

func TestCorruptCatalogIsRebuilt(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, dbFile), []byte(strings.Repeat("not a database ", 500)), 0o600); err != nil {
		t.Fatal(err)
	}
	var reason string
	c := open(t, dir, Options{Rebuilt: func(r string) { reason = r }})
	defer c.Close()
	if reason == "" {
		t.Error("no warning about the rebuilt catalog")
	}
	if n, err := c.Len(context.Background()); err != nil || n != 0 {
		t.Errorf("rebuilt catalog has %d files (%v)", n, err)
	}
	if _, err := os.Stat(filepath.Join(dir, dbFile+".corrupt")); err != nil {
		t.Errorf("the corrupt catalog was not kept aside: %v", err)
	}
}

func TestNewerSchemaIsRebuilt(t *testing.T) {
	dir := t.TempDir()
	c := open(t, dir, Options{})
	if _, err := c.db.Exec(`UPDATE schema_version SET version = 99`); err != nil {
		t.Fatal(err)
	}
	c.Close()
	var reason string
	c = open(t, dir, Options{Rebuilt: func(r string) { reason = r }})
	defer c.Close()
	if !strings.Contains(reason, "newer") {
		t.Errorf("reason %q", reason)
	}
}

func TestSecondProcessWaitsThenTimesOut(t *testing.T) {
	dir := t.TempDir()
	first := open(t, dir, Options{})
	waited := ""
	_, err := Open(context.Background(), dir, Options{
		LockTimeout: 300 * time.Millisecond,
		Waiting:     func(p string) { waited = p },
	})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("err %v, want ErrLocked", err)
	}
	if waited == "" {
		t.Error("no word that it was waiting")
	}
	// Released, the lock is taken at once.
	done := make(chan error, 1)
	go func() {
		c, err := Open(context.Background(), dir, Options{LockTimeout: 5 * time.Second})
		if err == nil {
			c.Close()
		}
		done <- err
	}()
	time.Sleep(100 * time.Millisecond)
	first.Close()
	if err := <-done; err != nil {
		t.Fatalf("after release: %v", err)
	}
}

func TestPacks(t *testing.T) {
	ctx := context.Background()
	c := open(t, t.TempDir(), Options{})
	defer c.Close()
	if _, ok, err := c.LastPack(ctx); ok || err != nil {
		t.Fatalf("fresh catalog has a pack (%v)", err)
	}
	f := func(path, sum, findings string) PackFile {
		return PackFile{Path: path, SHA256: sum, Findings: []byte(findings)}
	}
	// Each pack replaces the last: files added, changed, gone, unchanged.
	tests := []struct {
		name  string
		files []PackFile
		want  []PackFile
	}{
		{"first", []PackFile{f("b", "2", "[]"), f("a", "1", "[]"), f("c", "3", "[]")},
			[]PackFile{f("a", "1", "[]"), f("b", "2", "[]"), f("c", "3", "[]")}},
		{"unchanged", []PackFile{f("a", "1", "[]"), f("b", "2", "[]"), f("c", "3", "[]")},
			[]PackFile{f("a", "1", "[]"), f("b", "2", "[]"), f("c", "3", "[]")}},
		{"edited, new findings, one gone, one new", []PackFile{f("a", "9", "[]"), f("b", "2", `[{"id":"x"}]`), f("d", "4", "[]")},
			[]PackFile{f("a", "9", "[]"), f("b", "2", `[{"id":"x"}]`), f("d", "4", "[]")}},
		{"empty", nil, nil},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			id := "urn:uuid:" + string(rune('1'+i))
			if err := c.AddPack(ctx, Pack{BundleID: id, Created: "2026-01-01", Output: "out", Files: tt.files}); err != nil {
				t.Fatal(err)
			}
			p, ok, err := c.LastPack(ctx)
			if !ok || err != nil || p.BundleID != id {
				t.Fatalf("last pack %+v %v %v", p, ok, err)
			}
			if len(p.Files) != len(tt.want) {
				t.Fatalf("files %q, want %q", p.Files, tt.want)
			}
			for j, w := range tt.want {
				if g := p.Files[j]; g.Path != w.Path || g.SHA256 != w.SHA256 || string(g.Findings) != string(w.Findings) {
					t.Errorf("file %d: %+v, want %+v", j, g, w)
				}
			}
		})
	}
}

func TestClear(t *testing.T) {
	dir := t.TempDir()
	open(t, dir, Options{}).Close()
	if err := Clear(context.Background(), dir, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, dbFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("catalog still there: %v", err)
	}

	// The copies a rebuilt catalog set aside are the catalog too: clear
	// removes them, and nothing else of the state folder.
	for _, name := range []string{dbFile + ".corrupt", dbFile + ".corrupt-wal", dbFile + ".corrupt-shm", "ignore"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := Clear(context.Background(), dir, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{dbFile + ".corrupt", dbFile + ".corrupt-wal", dbFile + ".corrupt-shm"} {
		if _, err := os.Stat(filepath.Join(dir, name)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s still there: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "ignore")); err != nil {
		t.Errorf("clear removed another file of the state folder: %v", err)
	}

	// A folder never scanned has no state directory: nothing to remove,
	// and none is made.
	never := filepath.Join(t.TempDir(), ".consign")
	if err := Clear(context.Background(), never, Options{}); err != nil {
		t.Errorf("clear of a folder with no state: %v", err)
	}
	if _, err := os.Stat(never); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("clear made the state directory: %v", err)
	}
}

func TestCopiesAreReplaced(t *testing.T) {
	ctx := context.Background()
	c := open(t, t.TempDir(), Options{})
	defer c.Close()
	first := []Copy{
		{Path: "a.jpg", Recipe: "r1", Stat: Stat{Size: 1, MtimeNS: 2, Inode: 3, CtimeNS: 4}, SHA256: "s", SHA512: "t", Report: []byte(`{}`)},
		{Path: "b.txt", Recipe: "r2"},
	}
	if err := c.SetCopies(ctx, first, nil); err != nil {
		t.Fatal(err)
	}
	got, err := c.Copies(ctx)
	if err != nil || len(got) != 2 || got["a.jpg"].Stat != first[0].Stat || string(got["a.jpg"].Report) != `{}` {
		t.Fatalf("copies %+v (%v)", got, err)
	}
	if err := c.SetCopies(ctx, first[1:], nil); err != nil {
		t.Fatal(err)
	}
	if got, err := c.Copies(ctx); err != nil || len(got) != 1 || got["b.txt"].Recipe != "r2" {
		t.Errorf("after the second pack: %+v (%v)", got, err)
	}
	// Against what the pack began with: one copy kept as it was, one
	// changed, one new, and the one not made again forgotten.
	if err := c.SetCopies(ctx, first, nil); err != nil {
		t.Fatal(err)
	}
	was, _ := c.Copies(ctx)
	changed := first[1]
	changed.Stat.CtimeNS = 9
	added := Copy{Path: "c.png", Recipe: "r3", Report: []byte(`{"applied":["x"]}`)}
	if err := c.SetCopies(ctx, []Copy{changed, added}, was); err != nil {
		t.Fatal(err)
	}
	got, err = c.Copies(ctx)
	if err != nil || len(got) != 2 || got["b.txt"].Stat.CtimeNS != 9 || string(got["c.png"].Report) != `{"applied":["x"]}` {
		t.Errorf("after a pack compared with the copies it began with: %+v (%v)", got, err)
	}
}

// catalogAt makes in dir a catalog of schema version, as the consign of
// that version left it, then runs stmts on it.
func catalogAt(t *testing.T, dir string, version int, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, dbFile))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	stmts = append(append(slices.Clone(migrations[:version]),
		fmt.Sprintf(`CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version (version) VALUES (%d)`, version)),
		stmts...)
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// TestMigrationKeepsTheLastPack upgrades a catalog from before the last
// pack's files had their own table: status still knows the last pack.
func TestMigrationKeepsTheLastPack(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	catalogAt(t, dir, 3,
		`INSERT INTO packs (id, bundle_id, created, output) VALUES (1, 'old', 'c', 'o'), (2, 'new', 'c', 'o')`,
		`INSERT INTO pack_files (pack_id, path, sha256, findings) VALUES (1, 'a', 'x', '[]'), (2, 'a', 'y', '[]'), (2, 'b', 'z', '[]')`)
	c := open(t, dir, Options{Rebuilt: func(r string) { t.Errorf("rebuilt: %s", r) }})
	defer c.Close()
	p, ok, err := c.LastPack(ctx)
	if !ok || err != nil || p.BundleID != "new" || len(p.Files) != 2 || p.Files[0].SHA256 != "y" || p.Files[1].Path != "b" {
		t.Errorf("last pack after the migration: %+v %v %v", p, ok, err)
	}
}

// TestOpenWording: a state folder that cannot be made is named once, with
// the reason, not again inside a raw "mkdir PATH: ..." error.
func TestOpenWording(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(file, ".consign")
	_, err := Open(context.Background(), state, Options{})
	if err == nil {
		t.Fatal("a state folder under a file was opened")
	}
	want := "create state directory " + state + ": " + syscall.ENOTDIR.Error()
	if runtime.GOOS == "windows" {
		want = "create state directory " + state + ": " + syscall.Errno(3).Error() // ERROR_PATH_NOT_FOUND
	}
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}

func TestRestat(t *testing.T) {
	ctx := context.Background()
	c := open(t, t.TempDir(), Options{})
	defer c.Close()
	was := Stat{Size: 10, MtimeNS: 1, Inode: 2, CtimeNS: 3}
	var b Batch
	b.Put(Entry{Path: "a", Stat: was, SHA256: "aa", SHA512: "a512", Versions: "v1", Record: []byte("rec a"), Fields: []byte("fields a")})
	b.Put(Entry{Path: "b", Stat: was, SHA256: "bb", Versions: "v1", Record: []byte("rec b")})
	if err := c.Apply(ctx, &b); err != nil {
		t.Fatal(err)
	}
	// a: touched, record kept; b: copied, with a new record and a SHA-512.
	touched := Stat{Size: 10, MtimeNS: 5, Inode: 2, CtimeNS: 6}
	copied := Stat{Size: 10, MtimeNS: 1, Inode: 9, CtimeNS: 7}
	b.Restat(Entry{Path: "a", Stat: touched, Versions: "v1"})
	b.Restat(Entry{Path: "b", Stat: copied, SHA512: "b512", Versions: "v2", Record: []byte("rec b2")})
	if b.Len() != 2 {
		t.Fatalf("batch of two restats has length %d", b.Len())
	}
	if err := c.Apply(ctx, &b); err != nil {
		t.Fatal(err)
	}
	if _, hit, _ := c.Lookup(ctx, "a", was, "v1"); hit {
		t.Error("the old fingerprint still hits")
	}
	a, hit, err := c.Lookup(ctx, "a", touched, "v1")
	if err != nil || !hit || a.SHA256 != "aa" || a.SHA512 != "a512" || string(a.Record) != "rec a" {
		t.Errorf("a after restat: %+v, hit %v, err %v", a, hit, err)
	}
	if f, err := c.Fields(ctx, "a"); err != nil || string(f) != "fields a" {
		t.Errorf("a's metadata after restat: %q, %v", f, err)
	}
	bb, hit, err := c.Lookup(ctx, "b", copied, "v2")
	if err != nil || !hit || bb.SHA256 != "bb" || bb.SHA512 != "b512" || string(bb.Record) != "rec b2" {
		t.Errorf("b after restat: %+v, hit %v, err %v", bb, hit, err)
	}
}
