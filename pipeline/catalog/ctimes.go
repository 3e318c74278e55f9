package catalog

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// A pack hard-links every original into the new bundle and removes the
// old bundle's links: that moves each file's change time, not its content.
// The new change times are kept apart from the files' entries, as moves
// from the change time an entry holds to the one the file has now, a
// thousand to a row of the ctime_moves table (schema version 6). Writing
// a file's change time into its entry rewrote the whole entry, record and
// metadata included, for every file of every pack; the moves of a whole
// pack are a few dozen rows, read back a row at a time by a rerun, which
// never holds them all.

// movesPerRow is how many moves a row of ctime_moves holds. Tests make it
// small.
var movesPerRow = 1024

// Relinked is a file as a pack left it: its fingerprint when the scan
// found it, and its change time now. A file whose size, mtime or inode
// moved since the scan must not be given: it is not the file the entry
// describes.
type Relinked struct {
	Path    string
	Was     Stat
	CtimeNS int64
}

// ctimeMove says that the file at path, whose entry holds the change time
// from, now has the change time to with the same content.
type ctimeMove struct {
	path     string
	from, to int64
}

// RefreshCtimes records the change times of the files a pack linked, given
// every file the pack's scan found, sorted by path or not: the moves
// recorded before are kept for the files given whose change time did not
// move again, and dropped for the others. Without it, packing a folder
// would make the next run read every file again.
func (c *Catalog) RefreshCtimes(ctx context.Context, files []Relinked) error {
	return c.survive(c.trouble(c.refreshCtimes(ctx, files)))
}

func (c *Catalog) refreshCtimes(ctx context.Context, files []Relinked) error {
	old, err := c.allMoves(ctx)
	if err != nil {
		return fmt.Errorf("refresh catalog: %w", err)
	}
	files = slices.Clone(files)
	slices.SortFunc(files, func(a, b Relinked) int { return strings.Compare(a.Path, b.Path) })
	var moves []ctimeMove
	i := 0
	for _, f := range files {
		for i < len(old) && old[i].path < f.Path {
			i++
		}
		// The change time the file's entry holds: the scan found the file
		// with it, or with the one an earlier pack moved it to.
		held := f.Was.CtimeNS
		if i < len(old) && old[i].path == f.Path && old[i].to == held {
			held = old[i].from
		}
		if f.CtimeNS != held {
			moves = append(moves, ctimeMove{f.Path, held, f.CtimeNS})
		}
	}
	tx, err := c.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("refresh catalog: %w", err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM ctime_moves`); err != nil {
		return fmt.Errorf("refresh catalog: %w", err)
	}
	for len(moves) > 0 {
		row := moves[:min(len(moves), movesPerRow)]
		moves = moves[len(row):]
		if _, err := tx.ExecContext(ctx, `INSERT INTO ctime_moves (first, last, moves) VALUES (?, ?, ?)`,
			row[0].path, row[len(row)-1].path, encodeMoves(row)); err != nil {
			return fmt.Errorf("refresh catalog: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("refresh catalog: %w", err)
	}
	return nil
}

// allMoves reads every move recorded, in path order.
func (c *Catalog) allMoves(ctx context.Context) ([]ctimeMove, error) {
	rows, err := c.db.QueryContext(ctx, `SELECT moves FROM ctime_moves ORDER BY first`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var all []ctimeMove
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			return nil, err
		}
		// A row that does not decode only costs its files a read.
		moves, _ := decodeMoves(b)
		all = append(all, moves...)
	}
	return all, rows.Err()
}

// movesRow is one row of ctime_moves, decoded.
type movesRow struct {
	first, last string
	moves       []ctimeMove
}

// covers reports whether path is in the row's range.
func (r *movesRow) covers(path string) bool {
	return r != nil && r.first <= path && path <= r.last
}

// find returns the move recorded for path in the row.
func (r *movesRow) find(path string) (ctimeMove, bool) {
	i, ok := slices.BinarySearchFunc(r.moves, path, func(m ctimeMove, p string) int { return strings.Compare(m.path, p) })
	if !ok {
		return ctimeMove{}, false
	}
	return r.moves[i], true
}

// movesRowFor reads the row whose range holds path, nil when none does.
func (c *Catalog) movesRowFor(ctx context.Context, path string) (*movesRow, error) {
	r := &movesRow{}
	var b []byte
	err := c.db.QueryRowContext(ctx, `SELECT first, last, moves FROM ctime_moves WHERE first <= ? ORDER BY first DESC LIMIT 1`, path).
		Scan(&r.first, &r.last, &b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if r.moves, err = decodeMoves(b); err != nil {
		r.moves = nil
	}
	return r, nil
}

// moved reports whether e, read from the catalog, is the file with
// fingerprint st once a move recorded in row is applied: the same size,
// mtime and inode, and a change time that moved from e's to st's. row is
// the one that covers e.Path, or nil.
func moved(e *Entry, st Stat, row *movesRow) bool {
	if e.Stat.Size != st.Size || e.Stat.MtimeNS != st.MtimeNS || e.Stat.Inode != st.Inode || !row.covers(e.Path) {
		return false
	}
	m, ok := row.find(e.Path)
	if !ok || m.from != e.Stat.CtimeNS || m.to != st.CtimeNS {
		return false
	}
	e.Stat.CtimeNS = st.CtimeNS
	return true
}

// encodeMoves encodes moves sorted by path: each path's length and bytes,
// then its two change times.
func encodeMoves(moves []ctimeMove) []byte {
	size := 0
	for _, m := range moves {
		size += len(m.path) + 3*binary.MaxVarintLen64
	}
	b := make([]byte, 0, size)
	for _, m := range moves {
		b = binary.AppendUvarint(b, uint64(len(m.path)))
		b = append(b, m.path...)
		b = binary.AppendVarint(b, m.from)
		b = binary.AppendVarint(b, m.to)
	}
	return b
}

// errBadMoves is returned for a row of moves that does not decode.
var errBadMoves = errors.New("malformed change-time moves")

// decodeMoves decodes what encodeMoves made, refusing a truncated or
// overlong row and paths out of order.
func decodeMoves(b []byte) ([]ctimeMove, error) {
	var moves []ctimeMove
	for len(b) > 0 {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return nil, errBadMoves
		}
		m := ctimeMove{path: string(b[k : k+int(n)])}
		b = b[k+int(n):]
		if m.from, k = binary.Varint(b); k <= 0 {
			return nil, errBadMoves
		}
		b = b[k:]
		if m.to, k = binary.Varint(b); k <= 0 {
			return nil, errBadMoves
		}
		b = b[k:]
		if len(moves) > 0 && moves[len(moves)-1].path >= m.path {
			return nil, errBadMoves
		}
		moves = append(moves, m)
	}
	return moves, nil
}
