package main

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/consignhq/consign/manifest/bagit"
)

// Built in an empty folder, a repack links every payload file into it
// and unlinks every file of the bundle it replaces: two system calls a
// file, most of what a repack of many files cost, though a rerun changes
// few of them. So pack keeps the bundle it replaced beside OUT, as .consign-next-NAME, with
// only the payload files the new bundle shares with it (the same files,
// not copies), and the next pack builds in that folder: it keeps each
// file there that is still the one to pack, after a stat, and links,
// writes or removes the rest (bagit.Reuse). The bundle is still built
// beside OUT and moved into place in one step; the folder kept holds no
// file OUT does not hold too, and so takes no room of its own.

// nextFolder is where pack keeps the bundle it replaced for the next pack
// to build in.
func nextFolder(out string) string {
	return filepath.Join(filepath.Dir(out), ".consign-next-"+filepath.Base(out))
}

// keepsNext says whether this pack builds in the folder the last one
// kept and keeps the bundle it replaces: when the payload is hard-linked
// from the content folder (on OUT's file system) and checked against this
// process's scan, with the catalog in use. Shards' records carry no stat
// to check a kept file with, and --no-cache asks for everything afresh.
func (b *bundleInputs) keepsNext(out string) bool {
	return b.Catalog != nil && !b.Trusted && b.RemoteBase == "" && sameDevice(b.Root, filepath.Dir(out))
}

// claimNext makes the folder the bundle is built in, beside out, and
// reports whether it holds the bundle the last pack kept: that folder is
// renamed to it (one pack takes it, should two run), else it is empty.
// Without reuse the kept folder is left alone here; buildBundle removes
// it once the bundle it belonged to is replaced.
func claimNext(out string, reuse bool) (tmp string, claimed bool, err error) {
	tmp, err = os.MkdirTemp(filepath.Dir(filepath.Clean(out)), ".consign-pack-*")
	if err != nil || !reuse {
		return tmp, false, err
	}
	// rename(2) puts a folder in place of an empty one (os.Rename
	// refuses to).
	if err := syscall.Rename(nextFolder(out), tmp); err == nil {
		return tmp, true, nil
	}
	return tmp, false, nil
}

// keepForNext turns the bundle a pack replaced, moved to old, into the
// folder the next pack builds in, and closes the channel it returns when
// done: it removes the tag files and every payload file the new bundle at
// out (built by bag) does not share, then renames old to nextFolder(out).
// When that fails, old is removed, as removeOld would. When no bundle was
// replaced, the folder is made from the new one (seedNext).
func keepForNext(old, out string, bag *bagit.Writer, jobs int) chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		if _, err := os.Lstat(old); err != nil {
			// out was new: nothing was replaced, and the second pack
			// would have no folder to build in.
			seedNext(out, jobs)
			return
		}
		prune := pruneForNext
		if bag.Reused() {
			prune = pruneKept
		}
		if prune(old, out, bag, jobs) != nil || os.Rename(old, nextFolder(out)) != nil {
			os.RemoveAll(old)
		}
	}()
	return done
}

// seedNext makes the folder the next pack builds in for a bundle that
// replaced none: a hard link of each of its payload files, made on up to
// jobs goroutines in a temp folder beside out, renamed into place whole.
// Without it the second pack, the first of most reruns, would link every
// file anew; the first pays the links instead, beside its record of the
// pack. A folder that cannot be made is no error: the next pack links
// every file, as it would without one.
func seedNext(out string, jobs int) {
	tmp, err := os.MkdirTemp(filepath.Dir(out), ".consign-pack-*")
	if err != nil {
		return
	}
	src, dst := filepath.Join(out, "data"), filepath.Join(tmp, "data")
	var files []string
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		switch {
		case d.IsDir():
			return os.Mkdir(filepath.Join(dst, rel), 0o755)
		case d.Type().IsRegular():
			files = append(files, rel)
		}
		return nil
	})
	if err == nil {
		err = os.Chmod(tmp, 0o755)
	}
	if err == nil {
		err = alongStretches(context.Background(), len(files), jobs, payloadChunk, func(_ context.Context, lo, hi int) error {
			for _, rel := range files[lo:hi] {
				if err := os.Link(filepath.Join(src, rel), filepath.Join(dst, rel)); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err != nil || renameIfAbsent(tmp, nextFolder(out)) != nil {
		os.RemoveAll(tmp)
	}
}

// pruneForNext leaves in old only the payload files that are also the
// new bundle's at out, under the same names. A file the new bundle kept in
// place (bag.Kept) is taken for one with old's without a look: the folder
// it was kept in held only files the bundle in old shared, so old's file
// under that name is the same one. Any other is compared by a stat of
// both. Then the files the new bundle wrote or linked (bag.Fresh) that
// old lacks are linked into it (linkFresh).
func pruneForNext(old, out string, bag *bagit.Writer, jobs int) error {
	if err := clearTags(old); err != nil {
		return err
	}
	data := filepath.Join(old, "data")
	var folders []string
	err := filepath.WalkDir(data, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			folders = append(folders, p)
			return nil
		}
		rel, _ := filepath.Rel(data, p)
		rel = filepath.ToSlash(rel)
		if d.Type().IsRegular() && bag.Holds(rel) && (bag.Kept(rel) || sharedWith(p, filepath.Join(out, "data", filepath.FromSlash(rel)))) {
			return nil
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	})
	if err != nil {
		return err
	}
	linkFresh(data, filepath.Join(out, "data"), bag.Fresh(), jobs)
	// Folders left empty go, deepest first; os.Remove leaves the others.
	slices.Reverse(folders)
	for _, f := range folders[:max(len(folders)-1, 0)] {
		os.Remove(f)
	}
	return nil
}

// pruneKept is pruneForNext for a bundle built in the folder the last
// pack kept (bagit.Reuse), without a walk through old. That folder held
// the payload of the bundle now in old, the same files (pruneForNext or
// pruneKept, then linkFresh, made it so), and the build changed only
// what bag.Cleared and bag.Fresh list: every other file of old is one the
// new bundle kept in place. So old loses the folders and files cleared,
// and each fresh file that is not the new bundle's own; then the fresh
// files are linked in (linkFresh) and the folders left empty go. A file
// of old the kept folder lacked (a link that could not be made) stays:
// the next build checks every file it finds before keeping it.
func pruneKept(old, out string, bag *bagit.Writer, jobs int) error {
	if err := clearTags(old); err != nil {
		return err
	}
	data, newData := filepath.Join(old, "data"), filepath.Join(out, "data")
	emptied := map[string]bool{}
	for _, rel := range bag.Cleared() {
		p := filepath.Join(data, filepath.FromSlash(strings.TrimSuffix(rel, "/")))
		if err := os.RemoveAll(p); err != nil {
			return err
		}
		emptied[filepath.Dir(p)] = true
	}
	fresh := bag.Fresh()
	for _, rel := range fresh {
		p := filepath.Join(data, filepath.FromSlash(rel))
		if sharedWith(p, filepath.Join(newData, filepath.FromSlash(rel))) {
			continue
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		emptied[filepath.Dir(p)] = true
	}
	linkFresh(data, newData, fresh, jobs)
	// The folders the removals may have left empty go, deepest first,
	// each with the folders above it that it leaves empty.
	dirs := slices.Collect(maps.Keys(emptied))
	slices.SortFunc(dirs, func(a, b string) int { return len(b) - len(a) })
	for _, d := range dirs {
		for d != data && strings.HasPrefix(d, data) && os.Remove(d) == nil {
			d = filepath.Dir(d)
		}
	}
	return nil
}

// clearTags removes everything of the bundle in dir but its payload
// folder, data/.
func clearTags(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() != "data" || !e.IsDir() {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// sharedWith says whether the files at a and b are one file.
func sharedWith(a, b string) bool {
	ia, err := os.Lstat(a)
	if err != nil {
		return false
	}
	ib, err := os.Lstat(b)
	return err == nil && os.SameFile(ia, ib)
}

// linkFresh links each of the payload files fresh (paths under data/)
// from the bundle's data folder into the kept folder's, next, where it is
// not there already, on up to jobs goroutines. Without these links the
// next pack would find none of the files this one made or linked anew:
// after a pack that made every redacted copy afresh (the first, or one
// under a new policy), the next would link each copy again, and the
// links it made would move each copy's change time past the one the
// catalog recorded, so that the pack after it linked them all once more.
// Made here, before the catalog records the copies' stat fingerprints,
// they are in place for the next pack. A link that cannot be made is no
// error: the next pack makes it.
func linkFresh(next, data string, fresh []string, jobs int) {
	made := map[string]bool{}
	for _, rel := range fresh {
		dir := filepath.Dir(filepath.Join(next, filepath.FromSlash(rel)))
		if !made[dir] {
			made[dir] = os.MkdirAll(dir, 0o755) == nil
		}
	}
	alongStretches(context.Background(), len(fresh), jobs, payloadChunk, func(_ context.Context, lo, hi int) error {
		for _, rel := range fresh[lo:hi] {
			// EEXIST: old's file is the new bundle's, kept by the prune.
			os.Link(filepath.Join(data, filepath.FromSlash(rel)), filepath.Join(next, filepath.FromSlash(rel)))
		}
		return nil
	})
}
