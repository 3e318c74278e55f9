package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// StateDir is consign's per-folder state directory, never walked.
const StateDir = ".consign"

// ConfigFile is the creator's configuration at the folder root: consign's
// own file, not content for sale, so the walk leaves it out.
const ConfigFile = "consign.yaml"

// entry is one walked path handed to the workers.
type entry struct {
	rel  string // relative to the root, "/"-separated, raw bytes of the names
	abs  string
	info fs.FileInfo  // from Lstat
	err  error        // the directory or file could not be listed or stat'ed
	hint *catalogHint // the catalog's entry, read alongside the walk
}

// MaxDepth is how many folders deep the walk goes. Real catalogs are a few
// dozen levels deep at most; a deeper tree is hostile or broken, and its
// paths run into the system's PATH_MAX (4096 bytes on Linux) long before
// ten thousand levels. A folder past the limit becomes an error record.
const MaxDepth = 1000

// walkStats counts what the walk saw but did not hand on.
type walkStats struct {
	excluded []string // relative paths, in walk order
	skipped  map[string]int
}

// walker produces entries in byte order of their relative paths. Siblings
// are sorted with directories as "name/", so a depth-first walk yields the
// same order as sorting every full path: records stream out sorted without
// collecting them all first.
type walker struct {
	root    string
	exclude *Excluder
	stats   walkStats
	send    func(ctx context.Context, e entry) error
}

func (w *walker) walk(ctx context.Context) error {
	return w.walkDir(ctx, w.root, "", 0)
}

// walkDir lists one folder and recurses into its subfolders; the recursion
// is bounded by MaxDepth, so a hostile tree cannot make it unbounded.
func (w *walker) walkDir(ctx context.Context, abs, rel string, depth int) error {
	if depth > MaxDepth {
		return w.emitError(ctx, abs, rel, fmt.Errorf("folder nested more than %d levels deep: not walked", MaxDepth))
	}
	f, err := os.Open(abs)
	if err != nil {
		return w.emitError(ctx, abs, rel, fmt.Errorf("open directory: %w", unwrapPath(err)))
	}
	list, err := f.ReadDir(-1)
	f.Close()
	if err != nil && len(list) == 0 {
		return w.emitError(ctx, abs, rel, fmt.Errorf("read directory: %w", unwrapPath(err)))
	}
	sort.Slice(list, func(i, j int) bool { return sortKey(list[i]) < sortKey(list[j]) })
	files := &folder{abs: abs}
	defer files.close()
	var ahead *statsAhead
	for i, de := range list {
		if err := ctx.Err(); err != nil {
			return err
		}
		if i%aheadSpan == 0 {
			ahead = statAhead(abs, list[i:min(i+aheadSpan, len(list))], i)
		}
		name := de.Name()
		childAbs := filepath.Join(abs, name)
		childRel := name
		if rel != "" {
			childRel = rel + "/" + name
		}
		if rel == "" && (name == StateDir || name == ConfigFile) {
			continue
		}
		isDir := de.Type()&fs.ModeDir != 0
		if isDir && name == StateDir {
			// A subfolder scanned on its own has its own state: its
			// catalog and the key its findings' fingerprints are made
			// with, which must never reach a bundle.
			continue
		}
		if _, ok := w.exclude.Match(childRel, isDir); ok {
			w.stats.excluded = append(w.stats.excluded, childRel)
			continue
		}
		if isDir {
			// No descriptor is held down the tree: a deep one would
			// hold one a level.
			files.close()
			if err := w.walkDir(ctx, childAbs, childRel, depth+1); err != nil {
				return err
			}
			continue
		}
		info, err := ahead.lstat(files, i, name)
		if err != nil {
			if err := w.emitError(ctx, childAbs, childRel, fmt.Errorf("stat: %w", unwrapPath(err))); err != nil {
				return err
			}
			continue
		}
		if kind := specialKind(info.Mode()); kind != "" {
			if w.stats.skipped == nil {
				w.stats.skipped = map[string]int{}
			}
			w.stats.skipped[kind]++
			continue
		}
		if err := w.emit(ctx, entry{rel: childRel, abs: childAbs, info: info}); err != nil {
			return err
		}
	}
	if err != nil {
		// ReadDir listed some entries before failing: keep them, and say so.
		return w.emitError(ctx, abs, rel, fmt.Errorf("read directory (listing incomplete): %w", unwrapPath(err)))
	}
	return nil
}

// folder stats the files of a folder the walk lists relative to the
// folder (os.Root, fstatat on Linux): a path makes the kernel resolve
// every folder above the file again, which in a walk of 20,000 files was
// about a quarter of the stat calls' cost. The folder is opened at the
// first stat, and again after the walk came back from a subfolder.
type folder struct {
	abs  string
	root *os.Root // nil when closed
}

func (d *folder) lstat(name string) (fs.FileInfo, error) {
	if d.root == nil {
		r, err := os.OpenRoot(d.abs)
		if err != nil {
			return os.Lstat(filepath.Join(d.abs, name))
		}
		d.root = r
	}
	return d.root.Lstat(name)
}

func (d *folder) close() {
	if d.root != nil {
		d.root.Close()
		d.root = nil
	}
}

func (w *walker) emit(ctx context.Context, e entry) error {
	return w.send(ctx, e)
}

// emitError turns a path that could not be walked into an error record, so
// nothing vanishes from the accounting. The root itself failing is fatal.
func (w *walker) emitError(ctx context.Context, abs, rel string, err error) error {
	if rel == "" {
		return fmt.Errorf("%s: %w", abs, err)
	}
	return w.emit(ctx, entry{rel: rel, abs: abs, err: err})
}

func sortKey(de fs.DirEntry) string {
	if de.IsDir() {
		return de.Name() + "/"
	}
	return de.Name()
}

// specialKind names the file types that are never read: reading a FIFO
// blocks, and sockets and devices are not content.
func specialKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "fifo"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeCharDevice != 0:
		return "char_device"
	case m&fs.ModeDevice != 0:
		return "device"
	case m&fs.ModeIrregular != 0:
		return "irregular"
	}
	return ""
}

// ErrNotDir is returned when the path to scan is not a directory.
var ErrNotDir = errors.New("not a directory")

// checkRoot resolves the folder to scan: it must exist and be a directory
// (a symbolic link to one is followed, the only link consign follows).
func checkRoot(root string) (string, error) {
	info, err := os.Stat(root)
	if err != nil {
		return "", err
	}
	if !info.IsDir() {
		return "", fmt.Errorf("%s: %w", root, ErrNotDir)
	}
	return filepath.Clean(root), nil
}

// aheadFrom is how many entries a folder lists before the walk stats the
// later half of them on a goroutine of its own (statAhead).
const aheadFrom = 128

// aheadSpan is how many entries of a large folder the walk takes at a
// time: it stats the first half of each span itself and has the later
// half stat'ed ahead. The stats waiting to be handed on stay a few
// thousand whatever the size of the folder, and so does the wait, a few
// milliseconds, of a walk that was asked to stop.
const aheadSpan = 4096

// statsAhead are the stats of a folder's entries from index from on, up
// to the end of their span, made while the walk stats and hands on the
// ones before: in a folder of many files, the walk's stat calls take
// most of its time, and the walk goes one file at a time.
type statsAhead struct {
	from  int
	infos []fs.FileInfo
	errs  []error
	done  chan struct{}
}

// lstat is the stat of entry i of the folder, name, made ahead or now
// with files. a may be nil.
func (a *statsAhead) lstat(files *folder, i int, name string) (fs.FileInfo, error) {
	if a == nil || i < a.from {
		return files.lstat(name)
	}
	<-a.done
	return a.infos[i-a.from], a.errs[i-a.from]
}

// statAhead starts the stats of the files of the later half of span,
// the folder abs's sorted entries from index base on, or returns nil
// for a span of few entries. Subfolders are not stat'ed: the walk goes
// into them. The goroutine holds the folder open only while it makes
// the stats, bounded work, so a walk deep down a tree still holds no
// descriptor a level.
func statAhead(abs string, span []fs.DirEntry, base int) *statsAhead {
	if len(span) < aheadFrom {
		return nil
	}
	half := len(span) / 2
	a := &statsAhead{from: base + half, done: make(chan struct{})}
	rest := span[half:]
	a.infos, a.errs = make([]fs.FileInfo, len(rest)), make([]error, len(rest))
	go func() {
		defer close(a.done)
		files := &folder{abs: abs}
		defer files.close()
		for i, de := range rest {
			if de.IsDir() {
				continue
			}
			a.infos[i], a.errs[i] = files.lstat(de.Name())
		}
	}()
	return a
}
