package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/consignhq/consign/pipeline"
)

// TestRepackBuildsInKeptFolder packs a folder again and again: pack keeps
// the bundle it replaced beside OUT (a first pack, links to its own
// payload), holding only files the new bundle shares, and the next pack
// builds in it, leaving the unchanged files in place (their change time
// does not move). Every bundle is the one a pack from scratch makes;
// cache clear and --no-cache remove the folder.
func TestRepackBuildsInKeptFolder(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("pack keeps no folder for the next pack on Windows")
	}
	work := t.TempDir()
	dir := filepath.Join(work, "content")
	write := func(name, body string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		// A new file each time, as editors save: written beside, renamed.
		tmp := p + ".new"
		if err := os.WriteFile(tmp, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, p); err != nil {
			t.Fatal(err)
		}
	}
	write("consign.yaml", "creator:\n  name: Jane Doe\n")
	write("notes/keep.txt", "Nothing to hide here.\n")
	write("notes/edit.txt", "A first draft.\n")
	write("notes/gone.txt", "Deleted before the third pack.\n")
	write("notes/mail.txt", "Write to someone@example.org today.\n")
	write("old/only.txt", "Its folder goes too.\n")
	setHome(t, filepath.Join(work, "home"))
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	consign := consignOK(t)
	consign("keygen")
	out := filepath.Join(work, "out")
	next := nextFolder(out)
	ctime := func(name string) int64 {
		t.Helper()
		info, err := os.Lstat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return pipeline.StatOf(info).CtimeNS
	}
	// check compares the bundle with one packed from scratch and the kept
	// folder with the bundle.
	check := func(t *testing.T) {
		t.Helper()
		scratch := filepath.Join(t.TempDir(), "scratch")
		consign("pack", "--accept-open", "--no-cache", dir, "-o", scratch)
		if !sameTree(treeBytes(t, out), treeBytes(t, scratch)) {
			t.Error("the bundle differs from a pack from scratch")
		}
		entries, err := os.ReadDir(next)
		if err != nil {
			t.Fatalf("no folder kept beside the bundle: %v", err)
		}
		if len(entries) != 1 || entries[0].Name() != "data" {
			t.Errorf("the kept folder holds more than data/: %v", entries)
		}
		filepath.WalkDir(filepath.Join(next, "data"), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(next, p)
			if d.IsDir() {
				if _, err := os.Stat(filepath.Join(out, rel)); err != nil {
					t.Errorf("the kept folder holds %s, which the bundle does not", rel)
				}
			} else if !sharedWith(p, filepath.Join(out, rel)) {
				t.Errorf("the kept folder holds %s, which the bundle does not share", rel)
			}
			return nil
		})
		// And it holds every payload file, the ones this pack made or
		// linked afresh too, for the next pack to keep in place.
		filepath.WalkDir(filepath.Join(out, "data"), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if rel, _ := filepath.Rel(out, p); d.Type().IsRegular() && !sharedWith(p, filepath.Join(next, rel)) {
				t.Errorf("the kept folder lacks the bundle's %s", rel)
			}
			return nil
		})
	}
	// copyCtime is the change time of the bundle's redacted copy.
	copyCtime := func() int64 {
		t.Helper()
		info, err := os.Lstat(filepath.Join(out, "data", "notes", "mail.txt"))
		if err != nil {
			t.Fatal(err)
		}
		return pipeline.StatOf(info).CtimeNS
	}

	// A first pack replaces no bundle: it makes the folder from its own.
	consign("pack", "--accept-open", dir, "-o", out)
	check(t)
	kept := ctime("notes/keep.txt")
	time.Sleep(10 * time.Millisecond) // change times a tick apart
	consign("pack", "--accept-open", "--force", dir, "-o", out)
	if got := ctime("notes/keep.txt"); got != kept {
		t.Error("the second pack linked the unchanged file again")
	}
	check(t)

	// Unchanged files stay where the kept folder has them: no link is
	// made or removed, so their change time holds.
	kept = ctime("notes/keep.txt")
	write("notes/edit.txt", "A second draft.\n")
	os.Remove(filepath.Join(dir, "notes", "gone.txt"))
	os.RemoveAll(filepath.Join(dir, "old"))
	write("notes/new.txt", "Added for the third pack.\n")
	time.Sleep(10 * time.Millisecond) // change times a tick apart
	consign("pack", "--accept-open", "--force", dir, "-o", out)
	if got := ctime("notes/keep.txt"); got != kept {
		t.Error("the unchanged file was linked again")
	}
	check(t)

	consign("pack", "--accept-open", "--force", dir, "-o", out)
	check(t)

	// A file becomes a folder of the same name, then a file again: the
	// kept folder follows, though neither pack walks through it.
	os.Remove(filepath.Join(dir, "notes", "new.txt"))
	write("notes/new.txt/inner.txt", "A folder now.\n")
	consign("pack", "--accept-open", "--force", dir, "-o", out)
	check(t)
	os.RemoveAll(filepath.Join(dir, "notes", "new.txt"))
	write("notes/new.txt", "A file again.\n")
	consign("pack", "--accept-open", "--force", dir, "-o", out)
	check(t)

	consign("cache", "clear", dir)
	if _, err := os.Lstat(next); err == nil {
		t.Error("cache clear left the folder kept beside the bundle")
	}
	// Without its catalog, pack makes the redacted copy afresh, beside
	// the bundle it replaces, and links it into the folder it keeps: the
	// pack after it keeps the copy in place.
	consign("pack", "--accept-open", "--force", dir, "-o", out)
	check(t)
	made := copyCtime()
	time.Sleep(10 * time.Millisecond) // change times a tick apart
	consign("pack", "--accept-open", "--force", dir, "-o", out)
	if got := copyCtime(); got != made {
		t.Error("the pack after one that made the redacted copy linked it again")
	}
	check(t)
	consign("pack", "--accept-open", "--force", "--no-cache", dir, "-o", out)
	if _, err := os.Lstat(next); err == nil {
		t.Error("a pack with --no-cache left the folder kept beside the bundle")
	}
}
