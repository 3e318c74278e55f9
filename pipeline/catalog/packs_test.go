package catalog

import (
	"context"
	"testing"
)

// TestFindingsSumMigration upgrades a catalog whose last pack's files
// have no findings digest (schema version 6): the next pack must write
// each file's findings again, not take the missing digest for a match,
// and status must then read the new findings.
func TestFindingsSumMigration(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	catalogAt(t, dir, 6,
		`INSERT INTO packs (id, bundle_id, created, output) VALUES (1, 'old', 'c', 'o')`,
		`INSERT INTO last_pack_files (path, sha256, findings) VALUES ('a', 'x', '[{"id":"1"}]'), ('b', 'y', 'null')`)
	c := open(t, dir, Options{Rebuilt: func(r string) { t.Errorf("rebuilt: %s", r) }})
	defer c.Close()
	if p, ok, err := c.LastPack(ctx); !ok || err != nil || len(p.Files) != 2 || string(p.Files[0].Findings) != `[{"id":"1"}]` {
		t.Fatalf("last pack after the migration: %+v %v %v", p, ok, err)
	}
	files := []PackFile{{Path: "a", SHA256: "x", Findings: []byte(`[{"id":"2"}]`)}, {Path: "b", SHA256: "y", Findings: []byte("null")}}
	if err := c.AddPack(ctx, Pack{BundleID: "new", Created: "c", Output: "o", Files: files}); err != nil {
		t.Fatal(err)
	}
	p, ok, err := c.LastPack(ctx)
	if !ok || err != nil || len(p.Files) != 2 || string(p.Files[0].Findings) != `[{"id":"2"}]` || string(p.Files[1].Findings) != "null" {
		t.Fatalf("last pack: %+v %v %v", p, ok, err)
	}
	var unsummed int
	if err := c.db.QueryRowContext(ctx, `SELECT count(*) FROM last_pack_sums WHERE length(findings_sum) != 32`).Scan(&unsummed); err != nil || unsummed != 0 {
		t.Errorf("%d files without a findings digest (%v)", unsummed, err)
	}
}

// TestAddPackWritesOnlyChanges packs the same files twice, then with one
// file's findings changed: the catalog must write no file the second
// time and one the third.
func TestAddPackWritesOnlyChanges(t *testing.T) {
	ctx := context.Background()
	c := open(t, t.TempDir(), Options{})
	defer c.Close()
	files := []PackFile{{Path: "a", SHA256: "x", Findings: []byte("null")}, {Path: "b", SHA256: "y", Findings: []byte(`[{"id":"1"}]`)}}
	tests := []struct {
		name     string
		findings string // b's
		wantPut  int
	}{
		{"first", `[{"id":"1"}]`, 2},
		{"again", `[{"id":"1"}]`, 0},
		{"findings changed", `[{"id":"2"}]`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files[1].Findings = []byte(tt.findings)
			packed := make([]packedFile, len(files))
			for i, f := range files {
				packed[i] = packedFile{PackFile: f, findingsSum: sumOf(f.Findings)}
			}
			put, gone, err := c.packChanges(ctx, packed)
			if err != nil || len(put) != tt.wantPut || len(gone) != 0 {
				t.Fatalf("changes: %d put, %q gone (%v), want %d put", len(put), gone, err, tt.wantPut)
			}
			if err := c.AddPack(ctx, Pack{BundleID: tt.name, Files: files}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestPreparePackWritesNothing prepares a pack that drops one file and
// changes another: until RecordPack, the catalog's last pack is the one
// before, and after it the new one, without the dropped file.
func TestPreparePackWritesNothing(t *testing.T) {
	ctx := context.Background()
	c := open(t, t.TempDir(), Options{})
	defer c.Close()
	first := []PackFile{{Path: "a", SHA256: "x", Findings: []byte("null")}, {Path: "b", SHA256: "y", Findings: []byte("null")}}
	if err := c.AddPack(ctx, Pack{BundleID: "first", Files: first}); err != nil {
		t.Fatal(err)
	}
	pp, err := c.PreparePack(ctx, Pack{BundleID: "second", Files: []PackFile{{Path: "b", SHA256: "z", Findings: []byte("null")}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(pp.put) != 1 || len(pp.gone) != 1 || pp.gone[0] != "a" {
		t.Errorf("prepared: %d to write, %q gone; want 1 and [a]", len(pp.put), pp.gone)
	}
	if p, _, err := c.LastPack(ctx); err != nil || p.BundleID != "first" || len(p.Files) != 2 {
		t.Fatalf("last pack once prepared: %+v (%v), want the first, whole", p, err)
	}
	if err := c.RecordPack(ctx, pp); err != nil {
		t.Fatal(err)
	}
	p, _, err := c.LastPack(ctx)
	if err != nil || p.BundleID != "second" || len(p.Files) != 1 || p.Files[0].Path != "b" || p.Files[0].SHA256 != "z" {
		t.Fatalf("last pack once recorded: %+v (%v), want the second, b alone", p, err)
	}
}
