// Package catalog is the folder's embedded record cache: for every file, the
// stat fingerprint it had when it was last read and the record that read
// made, so that a rerun re-reads only what changed. It lives in
// DIR/.consign/catalog.db, a SQLite database (pure Go, WAL mode) that only
// one consign process opens at a time.
package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gofrs/flock"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// File names inside the state directory.
const (
	dbFile   = "catalog.db"
	lockFile = "catalog.lock"
)

// Options tune Open.
type Options struct {
	// LockTimeout is how long to wait for another consign process working
	// on the same folder. Zero means DefaultLockTimeout.
	LockTimeout time.Duration
	// Waiting is called once when the lock is held elsewhere and Open
	// starts to wait, so the caller can say so.
	Waiting func(lockPath string)
	// Rebuilt is called when an unreadable or corrupt catalog was set
	// aside and a new one started, with the reason.
	Rebuilt func(reason string)
	// Damaged is called once when a write meets a damaged catalog during
	// the run; the run goes on without the catalog's writes, and the next
	// Open rebuilds it.
	Damaged func(reason string)
}

// pageSize is the page size of a new catalog. An entry took about 3 KB
// (its record, metadata and, before schema 8, its versions), so a page of SQLite's default
// 4 KiB held one entry and left most of another page's worth unused: a
// rerun read a page, and made a read(2), per file. In pages of 16 KiB the
// entries of 20,000 files take a tenth less room and a fifth of the
// reads, and a rerun's read of the catalog about a fifth less CPU time;
// larger pages measured no faster, and make each rewritten entry cost
// more in the write-ahead log.
const pageSize = 16384

// cacheKiB is the page cache each of the catalog's connections keeps, in
// KiB (SQLite's default is 2,000). A connection's cache is emptied
// whenever another connection wrote to the catalog since it last read, and
// a rerun writes its few changed entries while the cursor reads the rest,
// one chunk per read: each chunk found the cache emptied and filled it
// again. The C library under the pure-Go SQLite allocates a 16 KiB page
// in a region of its own and, past 4 MiB of them freed, hands each freed
// region back to the system (madvise), so emptying and refilling 2 MB per
// connection cost a system call to free each page and a page fault to use
// its memory again: a third of a rerun's read of the catalog, and of its
// close. A read in path order visits each page once, and the B-tree's
// inner pages are few, so a smaller cache reads no more: with 512 KiB the
// caches of all the connections stay within what the allocator keeps.
const cacheKiB = 512

// DefaultLockTimeout bounds the wait for another process.
const DefaultLockTimeout = 2 * time.Minute

// ErrLocked is returned when another process kept the catalog past the
// timeout.
var ErrLocked = errors.New("another consign process is working on this folder")

// Catalog is an open catalog. Its methods are safe for concurrent use.
type Catalog struct {
	db     *sql.DB
	lookup *sql.Stmt // prepared once: a scan looks up every file
	lock   *flock.Flock
	path   string
	gen    int64 // this run's generation: rows it writes are stamped with it
	// troubled is set when a statement failed: Close then leaves the
	// catalog marked as not closed cleanly, and the next Open checks it.
	troubled    atomic.Bool
	opts        Options
	damagedOnce sync.Once
	ckpt        checkpointer // see Checkpoint
	vs          versionSets  // see versions.go
}

// Open opens (creating when needed) the catalog in stateDir, waiting for
// the folder's lock. A catalog that cannot be opened, fails its integrity
// check or has a schema from a newer consign is moved aside and rebuilt,
// with opts.Rebuilt told why: a cache is never a reason to fail a run.
// The integrity check reads the whole database, as long as a rerun's
// walk of the catalog itself, so it runs only when the last process that
// had the catalog did not close it cleanly (it was killed, or a statement
// failed): see closedCleanly.
func Open(ctx context.Context, stateDir string, opts Options) (*Catalog, error) {
	if err := os.MkdirAll(stateDir, 0o700); err != nil {
		return nil, fmt.Errorf("create state directory %s: %w", stateDir, withoutPath(err))
	}
	lock, err := acquire(ctx, filepath.Join(stateDir, lockFile), opts)
	if err != nil {
		return nil, err
	}
	path := filepath.Join(stateDir, dbFile)
	db, err := openDB(ctx, path)
	if err != nil {
		if opts.Rebuilt != nil {
			opts.Rebuilt(err.Error())
		}
		db, err = rebuild(ctx, path)
	}
	if err != nil {
		lock.Unlock()
		return nil, err
	}
	c := &Catalog{db: db, lock: lock, path: path, opts: opts}
	if c.lookup, err = db.PrepareContext(ctx, `SELECT size, mtime_ns, inode, ctime_ns, sha256, sha512, versions, record FROM files WHERE path = ?`); err != nil {
		db.Close()
		lock.Unlock()
		return nil, fmt.Errorf("catalog %s: %w", path, err)
	}
	if err := c.loadVersionSets(ctx); err != nil {
		c.Close()
		return nil, fmt.Errorf("catalog %s: %w", path, err)
	}
	// The new generation no longer matches the clean-close mark: from
	// here until Close, a kill leaves the catalog to be checked.
	if err := c.db.QueryRowContext(ctx, `UPDATE meta SET value = value + 1 WHERE key = 'generation' RETURNING value`).Scan(&c.gen); err != nil {
		c.Close()
		return nil, fmt.Errorf("catalog %s: start a run: %w", path, err)
	}
	return c, nil
}

// acquire takes the folder's lock, waiting up to the timeout.
func acquire(ctx context.Context, path string, opts Options) (*flock.Flock, error) {
	lock := flock.New(path)
	ok, err := lock.TryLock()
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, withoutPath(err))
	}
	if ok {
		return lock, nil
	}
	if opts.Waiting != nil {
		opts.Waiting(path)
	}
	timeout := opts.LockTimeout
	if timeout <= 0 {
		timeout = DefaultLockTimeout
	}
	wctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	ok, err = lock.TryLockContext(wctx, 100*time.Millisecond)
	if ok {
		return lock, nil
	}
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return nil, fmt.Errorf("lock %s: %w", path, withoutPath(err))
	}
	return nil, fmt.Errorf("%w (waited %s for %s)", ErrLocked, timeout, path)
}

// openDB opens the database, checks it unless it was closed cleanly, and
// brings its schema up to date.
func openDB(ctx context.Context, path string) (*sql.DB, error) {
	// No memory mapping (mmap_size): it would spare a rerun a read(2) per
	// page, but every page it touches would count in the process's
	// resident set, which must not grow with the number of files.
	//
	// A new catalog gets pages of pageSize bytes; one made with SQLite's
	// default of 4 KiB keeps them. The driver runs the _pragma list, in
	// name order, before the _journal_mode key: the page size is set
	// before WAL mode writes the file's first page, after which it could
	// no longer change. Every connection the pool opens runs the list,
	// cache_size (cacheKiB) among it.
	dsn := "file:" + uriPath.Replace(path) + "?_pragma=page_size(" + strconv.Itoa(pageSize) + ")&_journal_mode=WAL&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(10000)&_pragma=cache_size(-" + strconv.Itoa(cacheKiB) + ")&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open catalog %s: %w", path, err)
	}
	if !closedCleanly(ctx, db) {
		var check string
		if err := db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&check); err != nil {
			db.Close()
			return nil, fmt.Errorf("catalog %s is unreadable: %w", path, err)
		}
		if check != "ok" {
			db.Close()
			return nil, fmt.Errorf("catalog %s failed its integrity check: %s", path, check)
		}
	}
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("catalog %s: %w", path, err)
	}
	return db, nil
}

// uriPath escapes what SQLite's URI file names give a meaning to, so that
// a folder named "50%" or "what?" keeps its catalog in itself: unescaped,
// "?" and "#" end the path early (opening a database beside the folder) and
// "%" starts an escape (naming another file, or none).
var uriPath = strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23")

// rebuild moves a bad catalog aside (keeping it for inspection) and starts
// an empty one.
func rebuild(ctx context.Context, path string) (*sql.DB, error) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Rename(path+suffix, path+".corrupt"+suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			os.Remove(path + suffix)
		}
	}
	return openDB(ctx, path)
}

// closedCleanly reports whether the last process that opened the catalog
// closed it after a run in which no statement failed: its mark then
// matches the generation it started. A process killed mid-run, or one
// that met a damaged page, leaves the mark behind and the next Open runs
// the integrity check. SQLite's write-ahead log keeps the database whole
// through a kill; the check is for damage from outside SQLite.
func closedCleanly(ctx context.Context, db *sql.DB) bool {
	var clean bool
	err := db.QueryRowContext(ctx, `SELECT count(*) = 1 FROM meta AS g JOIN meta AS c
		ON g.key = 'generation' AND c.key = 'closed' AND c.value = g.value`).Scan(&clean)
	return err == nil && clean
}

// trouble notes a failed statement (see closedCleanly) and returns err.
// A cancelled run says nothing about the database.
func (c *Catalog) trouble(err error) error {
	if err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded) {
		c.troubled.Store(true)
	}
	return err
}

// Close releases the catalog and the folder's lock, marking the catalog
// closed cleanly when no statement failed since Open.
func (c *Catalog) Close() error {
	c.ckpt.wg.Wait()
	if c.lookup != nil {
		c.lookup.Close()
	}
	if c.gen != 0 && !c.troubled.Load() {
		// Best effort: without the mark the next run only checks more.
		c.db.Exec(`INSERT INTO meta (key, value) VALUES ('closed', ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, c.gen)
	}
	err := c.db.Close()
	if uerr := c.lock.Unlock(); err == nil {
		err = uerr
	}
	return err
}

// Check runs SQLite's full integrity check, for tests and diagnostics.
func (c *Catalog) Check(ctx context.Context) error {
	var res string
	if err := c.db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil {
		return err
	}
	if res != "ok" {
		return fmt.Errorf("catalog %s: %s", c.path, res)
	}
	return nil
}

// Exists reports whether stateDir holds a catalog.
func Exists(stateDir string) bool {
	_, err := os.Lstat(filepath.Join(stateDir, dbFile))
	return err == nil
}

// Clear removes the catalog in stateDir, taking the lock first so that a
// running consign is not pulled from under.
func Clear(ctx context.Context, stateDir string, opts Options) error {
	if _, err := os.Stat(stateDir); errors.Is(err, os.ErrNotExist) {
		return nil // never scanned: no catalog, and no folder to lock in
	}
	lock, err := acquire(ctx, filepath.Join(stateDir, lockFile), opts)
	if err != nil {
		return err
	}
	defer lock.Unlock()
	// The copies rebuild set aside go too: they are the catalog as well,
	// and what a creator clearing it means to be rid of.
	for _, name := range []string{dbFile, dbFile + ".corrupt"} {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Remove(filepath.Join(stateDir, name+suffix)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("remove catalog: %w", err)
			}
		}
	}
	return nil
}

// withoutPath drops the path an *fs.PathError carries where the message
// names the file already: "lock P: permission denied", not "lock P: open
// P: permission denied".
func withoutPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
