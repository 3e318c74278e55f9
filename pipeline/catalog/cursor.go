package catalog

import (
	"context"
	"database/sql"
	"fmt"
)

// cursorChunk is how many entries a Cursor reads at a time: enough that a
// query's cost vanishes per file, few enough that memory stays small and
// no read holds the database for long (a long read would keep the
// write-ahead log from being checkpointed while the scan writes). Tests
// make it small.
var cursorChunk = 512

// Cursor reads the catalog's entries in byte order of their paths, for a
// walk that visits files in that same order: a rerun then costs a few
// sequential reads of the catalog instead of a lookup per file. A Cursor
// is used from one goroutine.
type Cursor struct {
	c       *Catalog
	buf     []Entry // entries read ahead, from pos on
	pos     int
	after   string // the last path read from the database
	done    bool   // the database holds no entry past after
	last    string // the last path sought in order
	any     bool   // last is set
	current string // the versions whose entries come without reading them
}

// Entries starts reading the catalog in path order. An entry made by the
// versions current has them as its Versions without their bytes being
// read: nearly every entry has the same few hundred bytes there. Entries
// leave SHA256 out. Writes made while the cursor is in use must be to
// paths it was already given (Batch.Put of a file just sought): those
// already passed never show again.
func (c *Catalog) Entries(ctx context.Context, current string) (*Cursor, error) {
	cur := &Cursor{c: c, current: current}
	if err := cur.fetch(ctx); err != nil {
		return nil, err
	}
	return cur, nil
}

// fetch reads the next chunk of entries past the last one read.
func (cur *Cursor) fetch(ctx context.Context) error {
	if err := cur.read(ctx); err != nil {
		return fmt.Errorf("read the catalog: %w", cur.c.trouble(err))
	}
	return nil
}

func (cur *Cursor) read(ctx context.Context) error {
	rows, err := cur.c.db.QueryContext(ctx, `SELECT path, size, mtime_ns, inode, ctime_ns, sha512,
		CASE WHEN versions = ? THEN NULL ELSE versions END, record
		FROM files WHERE path > ? ORDER BY path LIMIT ?`, cur.current, cur.after, cursorChunk)
	if err != nil {
		return err
	}
	defer rows.Close()
	cur.buf, cur.pos = cur.buf[:0], 0
	for rows.Next() {
		var e Entry
		var inode int64
		var versions sql.NullString
		if err := rows.Scan(&e.Path, &e.Stat.Size, &e.Stat.MtimeNS, &inode, &e.Stat.CtimeNS, &e.SHA512, &versions, &e.Record); err != nil {
			return err
		}
		e.Stat.Inode = uint64(inode)
		e.Versions = cur.current
		if versions.Valid {
			e.Versions = versions.String
		}
		cur.buf = append(cur.buf, e)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if n := len(cur.buf); n > 0 {
		cur.after = cur.buf[n-1].Path
	}
	// A short chunk is the end: never read again, or the entries this
	// run writes for files already sought would come back as unseen ones.
	cur.done = len(cur.buf) < cursorChunk
	return nil
}

// peek returns the next entry, reading the next chunk when needed.
func (cur *Cursor) peek(ctx context.Context) (*Entry, error) {
	if cur.pos == len(cur.buf) {
		if cur.done {
			return nil, nil
		}
		if err := cur.fetch(ctx); err != nil {
			return nil, err
		}
		if len(cur.buf) == 0 {
			return nil, nil
		}
	}
	return &cur.buf[cur.pos], nil
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
	for {
		next, err := cur.peek(ctx)
		if err != nil {
			return Entry{}, false, skipped, err
		}
		if next == nil || next.Path > path {
			return Entry{}, false, skipped, nil
		}
		cur.pos++
		if next.Path < path {
			skipped = true
			continue
		}
		e, *next = *next, Entry{} // the caller owns the record now
		if e.Stat != st {
			return Entry{}, false, skipped, nil
		}
		return e, true, skipped, nil
	}
}

// Last is the last path sought in order, and whether there was one.
func (cur *Cursor) Last() (string, bool) { return cur.last, cur.any }

// Close ends the read.
func (cur *Cursor) Close() error {
	cur.buf, cur.done = nil, true
	return nil
}
