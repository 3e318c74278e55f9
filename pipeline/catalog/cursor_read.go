package catalog

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
)

// chunkQuery reads the entries past a path, in path order. The versions'
// id comes back NULL when they are the run's, and the SHA-512 empty
// unless asked for.
const chunkQuery = `SELECT path, size, mtime_ns, inode, ctime_ns, CASE WHEN ? THEN sha512 ELSE '' END,
	CASE WHEN versions = ? THEN NULL ELSE versions END, record
	FROM files WHERE path > ? ORDER BY path LIMIT ?`

// read reads the chunk of entries past after.
func (cur *Cursor) read(ctx context.Context, after string) ([]Entry, error) {
	entries := make([]Entry, 0, cursorChunk)
	err := cur.c.rawRows(ctx, chunkQuery, []any{cur.sha512, cur.currentID, after, int64(cursorChunk)}, 8, func(row []driver.Value) error {
		e, err := cur.entryOf(row)
		if err == nil {
			entries = append(entries, e)
		}
		return err
	})
	return entries, err
}

// rawRows runs query and calls fn with the values of each row, width
// columns, on the driver's connection itself: database/sql copies every
// blob the driver hands it once more for Scan, and the cached records are
// most of what a rerun reads (about 3 KB a file). modernc.org/sqlite
// allocates each value it returns anew, so fn may keep them.
func (c *Catalog) rawRows(ctx context.Context, query string, args []any, width int, fn func([]driver.Value) error) error {
	conn, err := c.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	named := make([]driver.NamedValue, len(args))
	for i, a := range args {
		named[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	return conn.Raw(func(dc any) error {
		q, ok := dc.(driver.QueryerContext)
		if !ok {
			return errors.New("the catalog's driver cannot query")
		}
		rows, err := q.QueryContext(ctx, query, named)
		if err != nil {
			return err
		}
		defer rows.Close()
		row := make([]driver.Value, width)
		for {
			if err := rows.Next(row); err == io.EOF {
				return nil
			} else if err != nil {
				return err
			}
			if err := fn(row); err != nil {
				return err
			}
		}
	})
}

// entryOf makes an entry of the values of one row of chunkQuery.
func (cur *Cursor) entryOf(row []driver.Value) (Entry, error) {
	e := Entry{Versions: cur.current}
	var ok [8]bool
	e.Path, ok[0] = row[0].(string)
	e.Stat.Size, ok[1] = row[1].(int64)
	e.Stat.MtimeNS, ok[2] = row[2].(int64)
	var inode int64
	inode, ok[3] = row[3].(int64)
	e.Stat.Inode = uint64(inode)
	e.Stat.CtimeNS, ok[4] = row[4].(int64)
	e.SHA512, ok[5] = row[5].(string)
	ok[6] = row[6] == nil
	if id, isText := versionsText(row[6]); isText {
		e.Versions, ok[6] = cur.c.versionsOf(id), true
	}
	switch v := row[7].(type) {
	case []byte:
		e.Record, ok[7] = v, true
	case string:
		e.Record, ok[7] = []byte(v), true
	case nil:
		ok[7] = true
	}
	for i, good := range ok {
		if !good {
			return Entry{}, fmt.Errorf("catalog entry %q: column %d holds a %T", e.Path, i+1, row[i])
		}
	}
	return e, nil
}
