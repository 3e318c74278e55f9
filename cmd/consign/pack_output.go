package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sync/errgroup"
)

// checkOutput refuses an OUT that pack must not write: one inside DIR (the
// next scan would read the bundle as content), an existing one without --force, and, even
// with --force, an existing one that is not a bundle, so a typo cannot
// replace an unrelated folder.
func checkOutput(dir, out string, force bool) error {
	if out == "" {
		return usagef("give the bundle to write with -o OUT")
	}
	// Compare real paths, so a symbolic link cannot hide OUT inside DIR.
	rel, inside, err := insideFolder(dir, out)
	if err != nil {
		return usagef("resolve %s: %v", dir, err)
	}
	if inside {
		// Not "which pack never writes to": pack keeps its state in
		// DIR/.consign and may write the catalog identifier into
		// consign.yaml.
		return usagef("the bundle %s must be outside the folder %s", out, dir)
	}
	if leadsUp(rel) {
		return usagef("the folder %s is inside the bundle path %s", dir, out)
	}
	absOut, err := realOutPath(out)
	if err != nil {
		return usagef("resolve %s: %v", out, err)
	}
	parent, err := os.Stat(filepath.Dir(absOut))
	if err != nil {
		return usagef("the folder %s, where the bundle goes, does not exist", filepath.Dir(out))
	}
	if !parent.IsDir() {
		return usagef("%s, where the bundle goes, is a file, not a folder", filepath.Dir(out))
	}
	if bag := enclosingBag(filepath.Dir(absOut)); bag != "" {
		return usagef("the bundle %s would be inside the bag %s (it holds bagit.txt), whose manifests would no longer match: write it outside that bag", out, bag)
	}
	// The bundle is built in a temp folder beside OUT: find out now, not
	// after a scan of the whole folder, that it cannot be made there.
	probe, err := os.MkdirTemp(filepath.Dir(absOut), ".consign-pack-*")
	if err != nil {
		return usagef("cannot write the bundle beside %s: %v", out, errors.Unwrap(err))
	}
	os.Remove(probe)
	return checkExisting(out, force)
}

// checkExisting refuses to replace what is at out: anything without
// --force, and with it anything but a bundle or an empty folder. pack asks
// before it scans and again when the bundle is ready to move into place,
// since another pack may have written out while this one waited for the
// folder or scanned it.
func checkExisting(out string, force bool) error {
	info, err := os.Lstat(out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return usagef("cannot check %s: %v", out, err)
	case info.Mode()&fs.ModeSymlink != 0:
		// Replacing OUT swaps a directory into its place: the link itself,
		// not what it points to, would be replaced.
		return usagef("%s is a symbolic link; give the path of the bundle itself", out)
	case !force:
		return usagef("%s already exists (use --force to replace it)", out)
	case !info.IsDir():
		return usagef("%s exists and is not a bundle; not replacing it", out)
	}
	if _, err := os.Lstat(filepath.Join(out, "bagit.txt")); err == nil {
		return nil
	}
	if entries, err := os.ReadDir(out); err == nil && len(entries) == 0 {
		return nil
	}
	return usagef("%s exists and is not a bundle (no bagit.txt); not replacing it", out)
}

// enclosingBag returns dir or the nearest folder above it that holds a
// bagit.txt, or "" when none does. A bundle written there would be files
// that bag's manifests do not list, whichever tool made the bag.
func enclosingBag(dir string) string {
	for {
		if fi, err := os.Stat(filepath.Join(dir, "bagit.txt")); err == nil && fi.Mode().IsRegular() {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		dir = up
	}
}

// replaceDir moves the finished bundle at tmp to out. An existing out is
// exchanged with tmp in one step where the system can (out then always
// holds a whole bundle), else moved aside first and removed after; the old
// bundle ends up at tmp, which the caller removes. Without force, an out
// that exists, even one made since checkOutput looked, is left alone and
// refused.
func replaceDir(tmp, out string, force bool) error {
	appeared := usagef("%s appeared while this pack ran (another consign pack?): it is not replaced without --force, and nothing was written", out)
	if err := checkExisting(out, force); err != nil {
		if !force {
			return appeared
		}
		return fmt.Errorf("%w; nothing was written", err)
	}
	if !force {
		err := renameNoReplace(tmp, out)
		if errors.Is(err, fs.ErrExist) {
			return appeared
		}
		if err != nil {
			return fmt.Errorf("move the bundle into place: %w", err)
		}
		return nil
	}
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(tmp, out); err != nil {
			return fmt.Errorf("move the bundle into place: %w", err)
		}
		return nil
	}
	if err := exchange(tmp, out); err == nil {
		return nil
	}
	aside, err := os.MkdirTemp(filepath.Dir(filepath.Clean(out)), ".consign-old-*")
	if err != nil {
		return fmt.Errorf("move the old bundle aside: %w", err)
	}
	os.Remove(aside)
	if err := os.Rename(out, aside); err != nil {
		return fmt.Errorf("move the old bundle aside: %w", err)
	}
	if err := os.Rename(tmp, out); err != nil {
		if rerr := os.Rename(aside, out); rerr != nil {
			return fmt.Errorf("move the bundle into place: %w (the old bundle is at %s)", err, aside)
		}
		return fmt.Errorf("move the bundle into place: %w", err)
	}
	if err := os.Rename(aside, tmp); err != nil {
		os.RemoveAll(aside)
	}
	return nil
}

// removeOld removes the bundle a pack replaced, moved to dir by
// replaceDir, and closes the channel it returns when dir is gone. The
// removal runs while the catalog records the pack (see recordPack), on up
// to jobs goroutines: an unlink a file, it took as long as the rest of a
// repack's bookkeeping, one after the other. The payload is shared out by
// the folders two levels down, as a content folder often has one or two
// folders at its top: shared out by those, one core unlinked every file
// while recordPack waited for it.
func removeOld(dir string, jobs int) chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		var eg errgroup.Group
		eg.SetLimit(max(jobs, 1))
		data := filepath.Join(dir, "data")
		top, _ := os.ReadDir(data)
		for _, e := range top {
			if !e.IsDir() {
				continue
			}
			p := filepath.Join(data, e.Name())
			entries, _ := os.ReadDir(p)
			var files []string
			for _, e := range entries {
				q := filepath.Join(p, e.Name())
				if e.IsDir() {
					eg.Go(func() error { return os.RemoveAll(q) })
				} else {
					files = append(files, q)
				}
			}
			eg.Go(func() error {
				for _, q := range files {
					os.Remove(q)
				}
				return nil
			})
		}
		eg.Wait()
		// What is left: the folders emptied, the tag files, and whatever
		// could not be removed above.
		os.RemoveAll(dir)
	}()
	return done
}

// oldGone waits until the bundle the pack replaced is removed.
func (b *bundleInputs) oldGone() {
	if b.removing != nil {
		<-b.removing
	}
}

// renameIfAbsent renames a to b when nothing is at b, and returns an error
// that is fs.ErrExist when something is.
func renameIfAbsent(a, b string) error {
	if _, err := os.Lstat(b); err == nil {
		return &os.LinkError{Op: "rename", Old: a, New: b, Err: fs.ErrExist}
	}
	return os.Rename(a, b)
}
