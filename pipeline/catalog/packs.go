package catalog

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Pack is one bundle consign made of the folder.
type Pack struct {
	BundleID string // the bundle's External-Identifier
	Created  string // RFC 3339
	Output   string // where it was written
	Files    []PackFile
}

// PackFile is one payload file of a pack, with the findings it had then
// (encoded by the caller), for status to compare against.
type PackFile struct {
	Path     string
	SHA256   string
	Findings []byte
}

// packedFile is a PackFile with the SHA-256 of its findings.
type packedFile struct {
	PackFile
	findingsSum [sha256.Size]byte
}

// AddPack records a pack and the files it held: PreparePack, then
// RecordPack.
func (c *Catalog) AddPack(ctx context.Context, p Pack) error {
	pp, err := c.PreparePack(ctx, p)
	if err != nil {
		return err
	}
	return c.RecordPack(ctx, pp)
}

// PreparedPack is a pack compared with the last one recorded, ready to be
// recorded itself.
type PreparedPack struct {
	pack Pack
	put  []packedFile // the files that differ from the last pack's
	gone []string     // the last pack's paths this one lacks
}

// PreparePack compares p's files with the last pack's, reading the
// catalog and writing nothing, so that a pack can do it while it writes
// the bundle and record the pack (RecordPack) once the bundle is in
// place. The comparison holds until another pack is recorded, which the
// folder's lock keeps other processes from doing meanwhile.
//
// Only the last pack's files are kept, as status compares against it
// alone; they are written where they differ from the pack before, so that
// packing again after a few edits writes a few rows, not one per file.
// The findings are told apart by their SHA-256, kept in last_pack_sums:
// reading back every file's findings to compare them cost a repack of
// 20,000 files as much as encoding them.
func (c *Catalog) PreparePack(ctx context.Context, p Pack) (*PreparedPack, error) {
	files := make([]packedFile, len(p.Files))
	// The digests are made on every core, a part of the files each.
	parts := max(runtime.GOMAXPROCS(0), 1)
	var wg sync.WaitGroup
	for k := range parts {
		wg.Go(func() {
			for i := k * len(files) / parts; i < (k+1)*len(files)/parts; i++ {
				files[i] = packedFile{PackFile: p.Files[i], findingsSum: sumOf(p.Files[i].Findings)}
			}
		})
	}
	wg.Wait()
	slices.SortFunc(files, func(a, b packedFile) int { return strings.Compare(a.Path, b.Path) })
	put, gone, err := c.packChanges(ctx, files)
	if err != nil {
		return nil, err
	}
	p.Files = nil // put holds what is written of them
	return &PreparedPack{pack: p, put: put, gone: gone}, nil
}

// RecordPack records a pack PreparePack compared with the last one, and
// the files it held, in one transaction.
func (c *Catalog) RecordPack(ctx context.Context, pp *PreparedPack) error {
	p, put, gone := pp.pack, pp.put, pp.gone
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("record pack: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO packs (bundle_id, created, output) VALUES (?, ?, ?)`,
		p.BundleID, p.Created, p.Output); err != nil {
		return fmt.Errorf("record pack: %w", err)
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO last_pack_files (path, sha256, findings) VALUES (?, ?, ?)
		ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, findings = excluded.findings`)
	if err != nil {
		return fmt.Errorf("record pack: %w", err)
	}
	defer stmt.Close()
	sums, err := tx.PrepareContext(ctx, `INSERT INTO last_pack_sums (path, sha256, findings_sum) VALUES (?, ?, ?)
		ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, findings_sum = excluded.findings_sum`)
	if err != nil {
		return fmt.Errorf("record pack: %w", err)
	}
	defer sums.Close()
	for _, f := range put {
		if _, err := stmt.ExecContext(ctx, f.Path, f.SHA256, nonNil(f.Findings)); err != nil {
			return fmt.Errorf("record pack file %s: %w", f.Path, err)
		}
		if _, err := sums.ExecContext(ctx, f.Path, f.SHA256, f.findingsSum[:]); err != nil {
			return fmt.Errorf("record pack file %s: %w", f.Path, err)
		}
	}
	for _, path := range gone {
		if _, err := tx.ExecContext(ctx, `DELETE FROM last_pack_files WHERE path = ?`, path); err != nil {
			return fmt.Errorf("record pack: forget %s: %w", path, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM last_pack_sums WHERE path = ?`, path); err != nil {
			return fmt.Errorf("record pack: forget %s: %w", path, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("record pack: %w", err)
	}
	return nil
}

// sumOf is the digest of a file's findings that packChanges compares.
func sumOf(findings []byte) [sha256.Size]byte { return sha256.Sum256(findings) }

// packChanges compares files, sorted by path, with the last pack's
// digests: the files to write, and the paths that are no longer in the
// pack.
func (c *Catalog) packChanges(ctx context.Context, files []packedFile) (put []packedFile, gone []string, err error) {
	i := 0
	err = c.rawRows(ctx, `SELECT path, sha256, findings_sum FROM last_pack_sums ORDER BY path`, nil, 3, func(row []driver.Value) error {
		path, ok1 := row[0].(string)
		sum, ok2 := row[1].(string)
		findingsSum, ok3 := row[2].([]byte)
		if !ok1 || !ok2 || (!ok3 && row[2] != nil) {
			return fmt.Errorf("last pack file %q: columns hold %T, %T, %T", path, row[0], row[1], row[2])
		}
		for i < len(files) && files[i].Path < path {
			put = append(put, files[i])
			i++
		}
		if i < len(files) && files[i].Path == path {
			if files[i].SHA256 != sum || !bytes.Equal(files[i].findingsSum[:], findingsSum) {
				put = append(put, files[i])
			}
			i++
			return nil
		}
		gone = append(gone, path)
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("read last pack: %w", err)
	}
	return append(put, files[i:]...), gone, nil
}

// Outputs returns where every pack recorded put its bundle, each once.
func (c *Catalog) Outputs(ctx context.Context) ([]string, error) {
	rows, err := c.db.QueryContext(ctx, `SELECT DISTINCT output FROM packs ORDER BY output`)
	if err != nil {
		return nil, fmt.Errorf("read packs: %w", err)
	}
	defer rows.Close()
	var outs []string
	for rows.Next() {
		var o string
		if err := rows.Scan(&o); err != nil {
			return nil, fmt.Errorf("read packs: %w", err)
		}
		outs = append(outs, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read packs: %w", err)
	}
	return outs, nil
}

// LastPack returns the most recent pack, or false when the folder was
// never packed.
func (c *Catalog) LastPack(ctx context.Context) (Pack, bool, error) {
	var p Pack
	err := c.db.QueryRowContext(ctx, `SELECT bundle_id, created, output FROM packs ORDER BY id DESC LIMIT 1`).
		Scan(&p.BundleID, &p.Created, &p.Output)
	if errors.Is(err, sql.ErrNoRows) {
		return Pack{}, false, nil
	}
	if err != nil {
		return Pack{}, false, fmt.Errorf("read last pack: %w", err)
	}
	// On the driver's connection, as the cursor reads entries: the
	// findings are most of what this reads, and database/sql would copy
	// each once more.
	err = c.rawRows(ctx, `SELECT path, sha256, findings FROM last_pack_files ORDER BY path`, nil, 3, func(row []driver.Value) error {
		path, ok1 := row[0].(string)
		sum, ok2 := row[1].(string)
		findings, ok3 := blobOf(row[2])
		if !ok1 || !ok2 || !ok3 {
			return fmt.Errorf("last pack file %q: columns hold %T, %T, %T", path, row[0], row[1], row[2])
		}
		p.Files = append(p.Files, PackFile{Path: path, SHA256: sum, Findings: findings})
		return nil
	})
	if err != nil {
		return Pack{}, false, fmt.Errorf("read last pack: %w", err)
	}
	return p, true, nil
}

// blobOf reads a blob column's value: SQLite keeps each value's own type,
// and rows a migration carried over can hold text; NULL is no bytes.
func blobOf(v driver.Value) ([]byte, bool) {
	switch v := v.(type) {
	case []byte:
		return v, true
	case string:
		return []byte(v), true
	case nil:
		return nil, true
	}
	return nil, false
}
