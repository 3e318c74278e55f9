package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Stat is a file's stat fingerprint: when all four are unchanged, the file
// is taken to be unchanged and is not read again. The inode and the change
// time catch a file replaced by another of the same size and mtime.
type Stat struct {
	Size    int64
	MtimeNS int64
	Inode   uint64
	CtimeNS int64
}

// Entry is one cached file.
type Entry struct {
	Path     string
	Stat     Stat
	SHA256   string
	SHA512   string // when the read that made the record computed it
	Versions string // what made the record: extractor and detector versions, configuration (kept once in version_sets)
	Record   []byte // the record, encoded by the caller
	Fields   []byte // the raw metadata, encoded by the caller; Lookup leaves it out (see Fields)
}

// Fields returns the raw metadata stored with path's entry.
func (c *Catalog) Fields(ctx context.Context, path string) ([]byte, error) {
	var b []byte
	err := c.db.QueryRowContext(ctx, `SELECT fields FROM files WHERE path = ?`, path).Scan(&b)
	if err != nil {
		return nil, fmt.Errorf("read the metadata of %s from the catalog: %w", path, c.trouble(err))
	}
	return b, nil
}

// Lookup returns the cached entry for path when its stat fingerprint and
// versions are the ones given.
func (c *Catalog) Lookup(ctx context.Context, path string, st Stat, versions string) (Entry, bool, error) {
	e, hit, err := c.LookupAny(ctx, path, st)
	if !hit || err != nil || e.Versions != versions {
		return Entry{}, false, err
	}
	return e, true, nil
}

// LookupAny returns the cached entry for path when its stat fingerprint is
// the one given, whatever made it: the caller compares the versions.
func (c *Catalog) LookupAny(ctx context.Context, path string, st Stat) (Entry, bool, error) {
	e := Entry{Path: path}
	var inode int64
	var versions any
	err := c.lookup.QueryRowContext(ctx, path).Scan(&e.Stat.Size, &e.Stat.MtimeNS, &inode, &e.Stat.CtimeNS, &e.SHA256, &e.SHA512, &versions, &e.Record)
	if errors.Is(err, sql.ErrNoRows) {
		return Entry{}, false, nil
	}
	if err != nil {
		return Entry{}, false, fmt.Errorf("look up %s in the catalog: %w", path, c.trouble(err))
	}
	id, ok := versionsText(versions)
	if !ok {
		return Entry{}, false, fmt.Errorf("look up %s in the catalog: its versions are a %T", path, versions)
	}
	e.Versions = c.versionsOf(id)
	e.Stat.Inode = uint64(inode)
	if e.Stat != st {
		if !c.movedSince(ctx, &e, st) {
			return Entry{}, false, nil
		}
	}
	return e, true, nil
}

// movedSince reports whether e is the file with fingerprint st once the
// change time a pack recorded for it is applied (see RefreshCtimes).
func (c *Catalog) movedSince(ctx context.Context, e *Entry, st Stat) bool {
	if e.Stat.Size != st.Size || e.Stat.MtimeNS != st.MtimeNS || e.Stat.Inode != st.Inode {
		return false
	}
	row, err := c.movesRowFor(ctx, e.Path)
	return err == nil && moved(e, st, row)
}

// Batch collects writes to apply in one transaction: a transaction per
// file would make the catalog the slowest part of a scan.
type Batch struct {
	put     []Entry
	replace []Entry
	restat  []Entry
	forget  []span
}

// span is a range of paths, ends excluded, that the walk did not find; an
// empty from means from the first path, an unbounded to up to the last.
type span struct {
	from, to  string
	unbounded bool
}

// Put stores a freshly read file.
func (b *Batch) Put(e Entry) { b.put = append(b.put, e) }

// Replace stores a new record, SHA-512 and versions for a file the
// catalog holds and that is unchanged: its stat fingerprint, SHA-256 and
// metadata stay as stored, and so does its SHA-512 when e has none (the
// run did not read it: the content it was computed from is unchanged).
func (b *Batch) Replace(e Entry) { b.replace = append(b.replace, e) }

// Restat stores a new stat fingerprint, record, SHA-512 and versions for
// a file the catalog holds whose stat changed but whose content did not
// (the same SHA-256: it was touched, copied or restored): its SHA-256 and
// metadata stay as stored, and so do its SHA-512 when e has none and its
// record when e has none.
func (b *Batch) Restat(e Entry) { b.restat = append(b.restat, e) }

// ForgetBetween forgets the files whose paths sort strictly between from
// and to: a walk in path order passed over them, so they were deleted,
// renamed away or excluded since. An empty from means from the first.
func (b *Batch) ForgetBetween(from, to string) { b.forget = append(b.forget, span{from: from, to: to}) }

// ForgetAfter forgets every file whose path sorts after from (every file
// when from is empty): call it once a walk in path order is complete.
func (b *Batch) ForgetAfter(from string) {
	b.forget = append(b.forget, span{from: from, unbounded: true})
}

// Len is the number of writes waiting.
func (b *Batch) Len() int { return len(b.put) + len(b.replace) + len(b.restat) + len(b.forget) }

// Apply writes the batch and empties it.
func (c *Catalog) Apply(ctx context.Context, b *Batch) error {
	if b.Len() == 0 {
		return nil
	}
	err := c.survive(c.trouble(c.apply(ctx, b)))
	if err == nil {
		b.put, b.replace, b.restat, b.forget = b.put[:0], b.replace[:0], b.restat[:0], b.forget[:0]
	}
	return err
}

func (c *Catalog) apply(ctx context.Context, b *Batch) error {
	ids, err := c.versionIDs(ctx, b.put, b.replace, b.restat)
	if err != nil {
		return err
	}
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("write catalog: %w", err)
	}
	defer tx.Rollback()
	put, err := tx.PrepareContext(ctx, `INSERT INTO files (path, size, mtime_ns, inode, ctime_ns, sha256, sha512, versions, record, fields, seen)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns, inode = excluded.inode,
			ctime_ns = excluded.ctime_ns, sha256 = excluded.sha256, sha512 = excluded.sha512, versions = excluded.versions,
			record = excluded.record, fields = excluded.fields, seen = excluded.seen`)
	if err != nil {
		return fmt.Errorf("write catalog: %w", err)
	}
	defer put.Close()
	for _, e := range b.put {
		if _, err := put.ExecContext(ctx, e.Path, e.Stat.Size, e.Stat.MtimeNS, int64(e.Stat.Inode), e.Stat.CtimeNS,
			e.SHA256, e.SHA512, ids[e.Versions], e.Record, nonNil(e.Fields), c.gen); err != nil {
			return fmt.Errorf("write catalog entry for %s: %w", e.Path, err)
		}
	}
	for _, e := range b.replace {
		if _, err := tx.ExecContext(ctx, `UPDATE files SET sha512 = coalesce(nullif(?, ''), sha512), versions = ?, record = ?, seen = ? WHERE path = ?`,
			e.SHA512, ids[e.Versions], e.Record, c.gen, e.Path); err != nil {
			return fmt.Errorf("write catalog entry for %s: %w", e.Path, err)
		}
	}
	restat, err := tx.PrepareContext(ctx, `UPDATE files SET size = ?, mtime_ns = ?, inode = ?, ctime_ns = ?,
		sha512 = coalesce(nullif(?, ''), sha512), versions = ?, record = coalesce(?, record), seen = ? WHERE path = ?`)
	if err != nil {
		return fmt.Errorf("write catalog: %w", err)
	}
	defer restat.Close()
	for _, e := range b.restat {
		var record any
		if e.Record != nil {
			record = e.Record
		}
		if _, err := restat.ExecContext(ctx, e.Stat.Size, e.Stat.MtimeNS, int64(e.Stat.Inode), e.Stat.CtimeNS,
			e.SHA512, ids[e.Versions], record, c.gen, e.Path); err != nil {
			return fmt.Errorf("write catalog entry for %s: %w", e.Path, err)
		}
	}
	// Ranges, not paths: files that were not found cost nothing to list,
	// and a deleted folder of any size is one statement.
	for _, s := range b.forget {
		q, args := `DELETE FROM files WHERE path > ?`, []any{s.from}
		if !s.unbounded {
			q, args = q+` AND path < ?`, append(args, s.to)
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("forget files from the catalog: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("write catalog: %w", err)
	}
	b.put, b.replace, b.restat, b.forget = b.put[:0], b.replace[:0], b.restat[:0], b.forget[:0]
	return nil
}

// Len is the number of files in the catalog.
func (c *Catalog) Len(ctx context.Context) (int, error) {
	var n int
	err := c.db.QueryRowContext(ctx, `SELECT count(*) FROM files`).Scan(&n)
	return n, err
}

// nonNil keeps a NOT NULL blob column from receiving NULL.
func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}
