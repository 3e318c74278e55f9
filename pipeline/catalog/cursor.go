package catalog

import (
	"context"
	"database/sql"
	"fmt"
)

// Cursor reads the catalog's entries in byte order of their paths, for a
// walk that visits files in that same order: a rerun then costs one
// sequential read of the catalog instead of a lookup per file. A Cursor is
// used from one goroutine.
type Cursor struct {
	c    *Catalog
	rows *sql.Rows
	row  Entry // the entry read ahead, when have
	have bool
	last string // the last path sought in order
	any  bool   // last is set
	err  error
}

// Entries starts reading the whole catalog in path order. The cursor reads
// one snapshot: writes applied while it is open do not show in it. Close it
// when done.
func (c *Catalog) Entries(ctx context.Context) (*Cursor, error) {
	rows, err := c.db.QueryContext(ctx, `SELECT path, size, mtime_ns, inode, ctime_ns, sha256, versions, record FROM files ORDER BY path`)
	if err != nil {
		return nil, fmt.Errorf("read the catalog: %w", err)
	}
	cur := &Cursor{c: c, rows: rows}
	cur.advance()
	return cur, cur.err
}

// advance reads the next row ahead.
func (cur *Cursor) advance() {
	cur.have = false
	if cur.err != nil || !cur.rows.Next() {
		if cur.err == nil {
			cur.err = cur.rows.Err()
		}
		return
	}
	e := &cur.row
	var inode int64
	if err := cur.rows.Scan(&e.Path, &e.Stat.Size, &e.Stat.MtimeNS, &inode, &e.Stat.CtimeNS, &e.SHA256, &e.Versions, &e.Record); err != nil {
		cur.err = fmt.Errorf("read the catalog: %w", err)
		return
	}
	e.Stat.Inode = uint64(inode)
	cur.have = true
}

// Seek returns the entry for path, whatever made it, when the catalog
// holds one with the stat fingerprint st: the caller compares the
// versions. Paths are expected in increasing byte order; skipped reports
// that the cursor passed entries between the previous path and this one,
// files the walk no longer found (see Batch.ForgetBetween). A path out of
// order is looked up on its own, and skips nothing.
func (cur *Cursor) Seek(ctx context.Context, path string, st Stat) (e Entry, hit, skipped bool, err error) {
	if cur.any && path <= cur.last {
		e, hit, err = cur.c.LookupAny(ctx, path, st)
		return e, hit, false, err
	}
	cur.last, cur.any = path, true
	for cur.have && cur.row.Path < path {
		skipped = true
		cur.advance()
	}
	if cur.err != nil {
		return Entry{}, false, skipped, cur.err
	}
	if !cur.have || cur.row.Path != path {
		return Entry{}, false, skipped, nil
	}
	e = cur.row
	cur.row.Record = nil // the caller owns the bytes now
	cur.advance()
	if e.Stat != st {
		return Entry{}, false, skipped, nil
	}
	return e, true, skipped, nil
}

// Last is the last path sought in order, and whether there was one.
func (cur *Cursor) Last() (string, bool) { return cur.last, cur.any }

// Close ends the read.
func (cur *Cursor) Close() error {
	return cur.rows.Close()
}
