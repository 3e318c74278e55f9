package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
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

// AddPack records a pack and the files it held. Only the last pack's
// files are kept: status compares against it alone, and keeping every
// pack's would grow the catalog, and the check it gets on every open, by
// a row per file each time the folder is packed.
func (c *Catalog) AddPack(ctx context.Context, p Pack) error {
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("record pack: %w", err)
	}
	defer tx.Rollback()
	var id int64
	if err := tx.QueryRowContext(ctx, `INSERT INTO packs (bundle_id, created, output) VALUES (?, ?, ?) RETURNING id`,
		p.BundleID, p.Created, p.Output).Scan(&id); err != nil {
		return fmt.Errorf("record pack: %w", err)
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO pack_files (pack_id, path, sha256, findings) VALUES (?, ?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("record pack: %w", err)
	}
	defer stmt.Close()
	for _, f := range p.Files {
		if _, err := stmt.ExecContext(ctx, id, f.Path, f.SHA256, f.Findings); err != nil {
			return fmt.Errorf("record pack file %s: %w", f.Path, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM pack_files WHERE pack_id <> ?`, id); err != nil {
		return fmt.Errorf("record pack: forget the files of earlier packs: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("record pack: %w", err)
	}
	return nil
}

// LastPack returns the most recent pack, or false when the folder was
// never packed.
func (c *Catalog) LastPack(ctx context.Context) (Pack, bool, error) {
	var p Pack
	var id int64
	err := c.db.QueryRowContext(ctx, `SELECT id, bundle_id, created, output FROM packs ORDER BY id DESC LIMIT 1`).
		Scan(&id, &p.BundleID, &p.Created, &p.Output)
	if errors.Is(err, sql.ErrNoRows) {
		return Pack{}, false, nil
	}
	if err != nil {
		return Pack{}, false, fmt.Errorf("read last pack: %w", err)
	}
	rows, err := c.db.QueryContext(ctx, `SELECT path, sha256, findings FROM pack_files WHERE pack_id = ? ORDER BY path`, id)
	if err != nil {
		return Pack{}, false, fmt.Errorf("read last pack: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var f PackFile
		if err := rows.Scan(&f.Path, &f.SHA256, &f.Findings); err != nil {
			return Pack{}, false, fmt.Errorf("read last pack: %w", err)
		}
		p.Files = append(p.Files, f)
	}
	return p, true, rows.Err()
}
