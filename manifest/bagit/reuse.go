package bagit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/consignhq/consign/manifest/internal/display"
)

// Reuse starts a bag in dir, which holds an earlier bag whose payload
// files the new one may keep in place instead of linking them again: a
// bag made beside the one it replaces, where a rerun changes a few files
// of many. Everything in dir but data/ is removed first. A payload file
// already there is kept when LinkHashed or LinkIf is asked for the same
// file under the same name (for LinkHashed, its stat passes unchanged;
// for LinkIf, it is the very file); any other add under its name removes
// it first, so that no write ever goes into a file the earlier bag shared
// with another folder. Close removes the files nothing asked for, and
// folders left empty. What Reuse finds that is not a regular file or a
// folder is removed.
func Reuse(dir string) (*Writer, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("open bag directory: %w", err)
	}
	for _, e := range entries {
		if e.Name() == "data" && e.IsDir() {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			return nil, fmt.Errorf("clear %s for a new bag: %w", display.Path(dir), err)
		}
	}
	w := &Writer{dir: dir, tags: map[string]string{}, fetch: map[string]string{},
		cursors: make(chan *dirCursor, maxCursors), held: map[string]uint64{}}
	data := filepath.Join(dir, "data")
	if err := os.Mkdir(data, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("create payload directory: %w", err)
	}
	list := listPlain
	if listsStatInodes(data) {
		list = listWithInodes
	}
	if err := w.holdEarlier(data, "", list); err != nil {
		return nil, fmt.Errorf("read the earlier bag in %s: %w", display.Path(dir), err)
	}
	// Sized for a bag like the earlier one: grown by doubling, the maps
	// of a 20,000-file bag were rehashed a dozen times.
	w.payload, w.kept = make(map[string]payloadSum, len(w.held)), make(map[string]bool, len(w.held))
	return w, nil
}

// take claims rel's place among the files Reuse found: it reports
// whether a file of the earlier bag is there, to be kept or removed by
// the caller, with the inode number its folder's listing gave (0 when
// unknown). A folder of the earlier bag where the new bag puts a file is
// removed here, with what it holds.
func (w *Writer) take(rel string) (bool, uint64, error) {
	if w.held == nil {
		return false, 0, nil
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if _, ok := w.held[rel+"/"]; ok {
		for k := range w.held {
			if strings.HasPrefix(k, rel+"/") {
				delete(w.held, k)
			}
		}
		p := filepath.Join(w.dir, "data", filepath.FromSlash(rel))
		w.dirs.Range(func(k, _ any) bool {
			if d := k.(string); d == p || strings.HasPrefix(d, p+string(filepath.Separator)) {
				w.dirs.Delete(k)
			}
			return true
		})
		if err := os.RemoveAll(p); err != nil {
			return false, 0, fmt.Errorf("clear the earlier bag's folder %s: %w", display.Path(rel), err)
		}
		w.cleared = append(w.cleared, rel+"/")
		return false, 0, nil
	}
	ino, ok := w.held[rel]
	if !ok {
		return false, 0, nil
	}
	delete(w.held, rel)
	return true, ino, nil
}

// clearHeld removes the earlier bag's file at rel, which take reported.
func (w *Writer) clearHeld(rel string) error {
	p := filepath.Join(w.dir, "data", filepath.FromSlash(rel))
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("clear the earlier bag's %s: %w", display.Path(rel), err)
	}
	w.mu.Lock()
	w.cleared = append(w.cleared, rel)
	w.mu.Unlock()
	return nil
}

// clearTaken removes the earlier bag's file at rel, if Reuse found one
// there: the new one is written or linked in its place.
func (w *Writer) clearTaken(rel string) error {
	held, _, err := w.take(rel)
	if err != nil || !held {
		return err
	}
	return w.clearHeld(rel)
}

// keep records rel, found in place, as a payload file with sums.
func (w *Writer) keep(rel string, sums Sums) {
	w.mu.Lock()
	w.payload[rel] = payloadSum{size: sums.Size, sha256: sums.SHA256, sha512: sums.SHA512}
	w.changes++
	w.kept[rel] = true
	w.mu.Unlock()
}

// clearFileAncestors removes the earlier bag's files that stand where
// rel's folders go, a file renamed to a folder since.
func (w *Writer) clearFileAncestors(rel string) {
	if w.held == nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	for i := range len(rel) {
		if rel[i] != '/' {
			continue
		}
		up := rel[:i]
		if _, ok := w.held[up]; ok {
			delete(w.held, up)
			os.Remove(filepath.Join(w.dir, "data", filepath.FromSlash(up)))
			w.cleared = append(w.cleared, up)
		}
	}
}

// dropUnclaimed removes the earlier bag's files that no add asked for,
// then the folders left empty, deepest first.
func (w *Writer) dropUnclaimed() error {
	if w.held == nil {
		return nil
	}
	var dirs []string
	for rel := range w.held {
		if strings.HasSuffix(rel, "/") {
			dirs = append(dirs, rel)
			continue
		}
		p := filepath.Join(w.dir, "data", filepath.FromSlash(rel))
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("clear the earlier bag's %s: %w", display.Path(rel), err)
		}
		w.cleared = append(w.cleared, rel)
	}
	w.held = nil
	// Longer paths first: a folder's subfolders go before it. A folder
	// that still holds files stays (os.Remove fails on it).
	slices.SortFunc(dirs, func(a, b string) int { return len(b) - len(a) })
	for _, d := range dirs {
		if os.Remove(filepath.Join(w.dir, "data", filepath.FromSlash(strings.TrimSuffix(d, "/")))) == nil {
			w.cleared = append(w.cleared, d)
		}
	}
	return nil
}

// Reused reports whether the bag was started by Reuse, in an earlier
// bag's folder.
func (w *Writer) Reused() bool { return w.kept != nil }

// Kept reports whether payload file rel was found in place by Reuse and
// kept, rather than added anew.
func (w *Writer) Kept(rel string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.kept[nfc(rel)]
}

// Fresh lists, sorted, the payload files the bag wrote or linked under
// data/: every one it holds but those Kept and those listed in fetch.txt.
// A folder kept for the next bag lacks them until they are linked into it.
func (w *Writer) Fresh() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var fresh []string
	for rel := range w.payload {
		if _, listed := w.fetch[rel]; !listed && !w.kept[rel] {
			fresh = append(fresh, rel)
		}
	}
	slices.Sort(fresh)
	return fresh
}

// Cleared lists, sorted, what of the earlier bag Reuse found the new bag
// removed: the files it replaced or nothing asked for, and the folders
// ("name/") it removed, with what they held, or found left empty. With
// Fresh, it tells the earlier bag's payload from the new one's without a
// walk through either: every other file Reuse found is kept (Kept).
func (w *Writer) Cleared() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Sorted(slices.Values(w.cleared))
}

// Holds reports whether rel is a payload file of the bag.
func (w *Writer) Holds(rel string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	_, ok := w.payload[nfc(rel)]
	return ok
}

// holdEarlier notes the earlier bag's payload under data/ (dir, at rel
// below data/), as list lists each folder: every folder, and every
// regular file with the inode number the listing gives. Anything else is
// removed.
func (w *Writer) holdEarlier(dir, rel string, list func(string) ([]listed, error)) error {
	entries, err := list(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		p, r := filepath.Join(dir, e.name), e.name
		if rel != "" {
			r = rel + "/" + e.name
		}
		switch {
		case e.mode.IsDir():
			w.held[r+"/"] = 0
			w.dirs.Store(p, struct{}{})
			if err := w.holdEarlier(p, r, list); err != nil {
				return err
			}
		case e.mode.IsRegular():
			w.held[r] = e.ino
		default:
			if err := os.Remove(p); err != nil {
				return err
			}
		}
	}
	return nil
}

// listed is a folder entry: its name, its type bits and, where the
// listing gives the number stat gives, its inode number (else 0).
type listed struct {
	name string
	mode fs.FileMode
	ino  uint64
}

// listPlain lists dir without inode numbers.
func listPlain(dir string) ([]listed, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := make([]listed, len(entries))
	for i, e := range entries {
		out[i] = listed{name: e.Name(), mode: e.Type()}
	}
	return out, nil
}
