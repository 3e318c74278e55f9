package catalog

import (
	"context"
	"fmt"
	"sync"
)

// cursorChunk is how many entries a Cursor reads at a time: enough that a
// query's cost vanishes per file, few enough that memory stays small and
// no read holds the database for long (a long read would keep the
// write-ahead log from being checkpointed while the scan writes). Tests
// make it small.
var cursorChunk = 512

// Cursor reads the catalog's entries in byte order of their paths, for a
// walk that visits files in that same order: a rerun then costs a few
// sequential reads of the catalog instead of a lookup per file. The next
// chunk is read ahead in a goroutine of its own while the walk stats the
// files of this one: the two were most of a rerun's time, one after the
// other on one core. A Cursor is used from one goroutine.
type Cursor struct {
	c       *Catalog
	buf     []Entry // entries read ahead, from pos on
	pos     int
	done    bool   // no entry past buf
	last    string // the last path sought in order
	any     bool   // last is set
	current string // the versions whose entries come without reading them
	// currentID is current's id in version_sets, "" (no entry's) when
	// it has none yet.
	currentID string
	moves     *movesRow // the change times packs moved, for the range last sought
	sha512    bool      // read the entries' SHA-512
	ahead     chan chunk
	stop      chan struct{}
	wg        sync.WaitGroup
	closed    bool
}

// chunk is one read of the catalog, handed from the goroutine that reads
// ahead.
type chunk struct {
	entries []Entry
	err     error
}

// Entries starts reading the catalog in path order. An entry made by the
// versions current has them as its Versions without a look at its id in
// version_sets: nearly every entry has the same one. Entries
// leave SHA256 out, and SHA512 unless sha512 is set: a scan that does not
// compute it does not need the 128 bytes a file. Writes made while the
// cursor is in use must be to paths it was already given (Batch.Put of a
// file just sought): those never show as passed over. Close stops the
// reading ahead.
//
// Even the first chunk is read ahead: the walk lists and stats the first
// folders meanwhile, where it waited for the read before. A catalog that
// cannot be read makes the first Seek fail.
func (c *Catalog) Entries(ctx context.Context, current string, sha512 bool) (*Cursor, error) {
	cur := &Cursor{c: c, current: current, currentID: c.knownVersionID(current), sha512: sha512}
	cur.ahead, cur.stop = make(chan chunk, 1), make(chan struct{})
	cur.wg.Add(1)
	go cur.readAhead(ctx, "")
	return cur, nil
}

// readAhead reads the chunks past after, in order, until a short one (the
// end: never read again, or the entries this run writes for files already
// sought would come back), an error, or Close.
func (cur *Cursor) readAhead(ctx context.Context, after string) {
	defer cur.wg.Done()
	defer close(cur.ahead)
	for {
		entries, err := cur.read(ctx, after)
		more := err == nil && len(entries) == cursorChunk
		if more {
			after = entries[len(entries)-1].Path // before the walk owns them
		}
		select {
		case cur.ahead <- chunk{entries, err}:
		case <-cur.stop:
			return
		case <-ctx.Done():
			return
		}
		if !more {
			return
		}
	}
}

// peek returns the next entry, taking the next chunk read ahead when
// needed.
func (cur *Cursor) peek(ctx context.Context) (*Entry, error) {
	for cur.pos == len(cur.buf) {
		if cur.done {
			return nil, nil
		}
		select {
		case ch, ok := <-cur.ahead:
			if !ok {
				cur.done = true
				return nil, nil
			}
			if ch.err != nil {
				cur.done = true
				return nil, fmt.Errorf("read the catalog: %w", cur.c.trouble(ch.err))
			}
			cur.buf, cur.pos, cur.done = ch.entries, 0, len(ch.entries) < cursorChunk
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return &cur.buf[cur.pos], nil
}

// Seek returns the entry for path, whatever made it, and whether it has
// the stat fingerprint st (hit): the caller compares the versions. An
// entry with another fingerprint comes back too, with hit false: the
// caller may find the file's content unchanged (see Batch.Restat). Paths
// are expected in increasing byte order; skipped reports that the cursor
// passed entries between the previous path and this one, files the walk
// no longer found (see Batch.ForgetBetween). A path out of order is
// looked up on its own, and skips nothing.
func (cur *Cursor) Seek(ctx context.Context, path string, st Stat) (e Entry, hit, skipped bool, err error) {
	if cur.any && path <= cur.last {
		e, hit, err = cur.c.LookupAny(ctx, path, st)
		return e, hit, false, err
	}
	prev, hadPrev := cur.last, cur.any
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
			// An entry at or before the previous path is one this run
			// wrote for a file the walk sought, read ahead after the
			// write: not a file the walk passed over.
			if !hadPrev || next.Path > prev {
				skipped = true
			}
			continue
		}
		e, *next = *next, Entry{} // the caller owns the record now
		if e.Stat != st && !cur.moved(ctx, &e, st) {
			return e, false, skipped, nil
		}
		return e, true, skipped, nil
	}
}

// moved is Catalog.movedSince for entries met in order: the row of moves
// read for one file serves the files after it in its range.
func (cur *Cursor) moved(ctx context.Context, e *Entry, st Stat) bool {
	if e.Stat.Size != st.Size || e.Stat.MtimeNS != st.MtimeNS || e.Stat.Inode != st.Inode {
		return false
	}
	if !cur.moves.covers(e.Path) {
		row, err := cur.c.movesRowFor(ctx, e.Path)
		if err != nil {
			return false // the file is read again
		}
		cur.moves = row
	}
	return moved(e, st, cur.moves)
}

// Last is the last path sought in order, and whether there was one.
func (cur *Cursor) Last() (string, bool) { return cur.last, cur.any }

// Close ends the read, and waits for the reading ahead to stop.
func (cur *Cursor) Close() error {
	if !cur.closed && cur.stop != nil {
		close(cur.stop)
		cur.wg.Wait()
	}
	cur.buf, cur.done, cur.closed = nil, true, true
	return nil
}
