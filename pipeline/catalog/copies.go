package catalog

import (
	"bytes"
	"context"
	"fmt"
)

// Copy is a payload file that pack wrote itself (a redacted copy) rather
// than linked from the folder: what it was made from and where the bundle
// holds it, so that the next pack of the same file with the same recipe
// links it from the old bundle instead of making it again.
type Copy struct {
	Path   string // the file's path in the folder
	Recipe string // what the copy's bytes depend on: the original's digest, the redaction and its code's version
	Stat   Stat   // the copy's stat fingerprint in the bundle: unchanged, the copy is the one made
	SHA256 string
	SHA512 string
	Report []byte // what the redaction did, encoded by the caller
}

// Copies returns the copies the last pack recorded, by path.
func (c *Catalog) Copies(ctx context.Context) (map[string]Copy, error) {
	rows, err := c.db.QueryContext(ctx, `SELECT path, recipe, size, mtime_ns, inode, ctime_ns, sha256, sha512, report FROM copies`)
	if err != nil {
		return nil, fmt.Errorf("read the bundle's copies from the catalog: %w", err)
	}
	defer rows.Close()
	out := map[string]Copy{}
	for rows.Next() {
		var cp Copy
		var inode int64
		if err := rows.Scan(&cp.Path, &cp.Recipe, &cp.Stat.Size, &cp.Stat.MtimeNS, &inode, &cp.Stat.CtimeNS, &cp.SHA256, &cp.SHA512, &cp.Report); err != nil {
			return nil, fmt.Errorf("read the bundle's copies from the catalog: %w", err)
		}
		cp.Stat.Inode = uint64(inode)
		out[cp.Path] = cp
	}
	return out, rows.Err()
}

// SetCopies replaces the recorded copies with those of the pack just made.
// was is what Copies returned when the pack began, or nil: a copy recorded
// there as it is now is left as it is, and only the others are written or
// removed. A repack that kept most copies wrote every one again.
func (c *Catalog) SetCopies(ctx context.Context, copies []Copy, was map[string]Copy) error {
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("record the bundle's copies: %w", err)
	}
	defer tx.Rollback()
	if was == nil {
		if _, err := tx.ExecContext(ctx, `DELETE FROM copies`); err != nil {
			return fmt.Errorf("record the bundle's copies: %w", err)
		}
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO copies (path, recipe, size, mtime_ns, inode, ctime_ns, sha256, sha512, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (path) DO UPDATE SET recipe = excluded.recipe, size = excluded.size, mtime_ns = excluded.mtime_ns, inode = excluded.inode,
		ctime_ns = excluded.ctime_ns, sha256 = excluded.sha256, sha512 = excluded.sha512, report = excluded.report`)
	if err != nil {
		return fmt.Errorf("record the bundle's copies: %w", err)
	}
	defer stmt.Close()
	now := make(map[string]bool, len(copies))
	for _, cp := range copies {
		now[cp.Path] = true
		if old, ok := was[cp.Path]; ok && sameCopy(old, cp) {
			continue
		}
		if _, err := stmt.ExecContext(ctx, cp.Path, cp.Recipe, cp.Stat.Size, cp.Stat.MtimeNS, int64(cp.Stat.Inode), cp.Stat.CtimeNS,
			cp.SHA256, cp.SHA512, nonNil(cp.Report)); err != nil {
			return fmt.Errorf("record the copy of %s: %w", cp.Path, err)
		}
	}
	for path := range was {
		if now[path] {
			continue
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM copies WHERE path = ?`, path); err != nil {
			return fmt.Errorf("record the bundle's copies: forget %s: %w", path, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("record the bundle's copies: %w", err)
	}
	return nil
}

// sameCopy says whether a and b record the same copy the same way.
func sameCopy(a, b Copy) bool {
	return a.Path == b.Path && a.Recipe == b.Recipe && a.Stat == b.Stat && a.SHA256 == b.SHA256 && a.SHA512 == b.SHA512 && bytes.Equal(a.Report, b.Report)
}
