package bagit

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

// TestDirCursorAsOS links and stats files in more directories than a
// cursor keeps open, in an order that makes it give up each of them and
// open it again, and checks that what it does is what os.Link and
// os.Lstat do.
func TestDirCursorAsOS(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	const dirs, files = 6, 3
	for d := range dirs {
		for _, root := range []string{src, dst} {
			if err := os.MkdirAll(filepath.Join(root, fmt.Sprint(d)), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		for f := range files {
			if err := os.WriteFile(filepath.Join(src, fmt.Sprint(d), fmt.Sprint(f)), []byte(fmt.Sprint(d, f)), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	var c dirCursor
	defer c.close()
	for f := range files {
		for d := range dirs {
			name := filepath.Join(fmt.Sprint(d), fmt.Sprint(f))
			from, to := filepath.Join(src, name), filepath.Join(dst, name)
			if err := c.link(from, to); err != nil {
				t.Fatalf("link %s: %v", name, err)
			}
			got, err := c.lstat(to)
			if err != nil {
				t.Fatalf("lstat %s: %v", name, err)
			}
			want, err := os.Lstat(from)
			if err != nil {
				t.Fatal(err)
			}
			if !os.SameFile(got, want) || got.Size() != want.Size() || !got.ModTime().Equal(want.ModTime()) || got.Mode() != want.Mode() || got.Name() != want.Name() {
				t.Errorf("%s: lstat %v %v %v, os.Lstat %v %v %v", name, got.Size(), got.ModTime(), got.Mode(), want.Size(), want.ModTime(), want.Mode())
			}
			// The whole stat, change time included, and the second link.
			if n, ok := links(got); ok && (!sameStat(got, want) || n != 2) {
				t.Errorf("%s: stat %+v, want %+v with 2 links", name, got.Sys(), want.Sys())
			}
			var le *os.LinkError
			if err := c.link(from, to); !errors.As(err, &le) || !errors.Is(err, fs.ErrExist) {
				t.Errorf("linking %s again: %v, want an *os.LinkError for a name that exists", name, err)
			}
		}
	}
	if _, err := c.lstat(filepath.Join(dst, "0", "absent")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("lstat of an absent file: %v", err)
	}
	if err := c.link(filepath.Join(src, "0", "absent"), filepath.Join(dst, "0", "new")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("link of an absent file: %v", err)
	}
}

// TestWriterClosesDirectories links files from many goroutines, as pack
// does, and checks that the directories the Writer kept open to link
// them are closed by Close, and by Release for a bag given up.
func TestWriterClosesDirectories(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("counts descriptors in /proc/self/fd")
	}
	open := func() int {
		entries, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			t.Fatal(err)
		}
		return len(entries)
	}
	src := t.TempDir()
	var rels []string
	for d := range 40 {
		os.MkdirAll(filepath.Join(src, fmt.Sprint(d)), 0o755)
		for f := range 5 {
			rel := fmt.Sprintf("%d/%d.txt", d, f)
			if err := os.WriteFile(filepath.Join(src, filepath.FromSlash(rel)), []byte(rel), 0o644); err != nil {
				t.Fatal(err)
			}
			rels = append(rels, rel)
		}
	}
	for _, finish := range []string{"Close", "Release"} {
		t.Run(finish, func(t *testing.T) {
			before := open()
			w, err := Create(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			for k := range 8 {
				wg.Go(func() {
					for i := k; i < len(rels); i += 8 {
						rel := rels[i]
						s256, s512 := sha256.Sum256([]byte(rel)), sha512.Sum512([]byte(rel))
						sums := Sums{Size: int64(len(rel)), SHA256: hex.EncodeToString(s256[:]), SHA512: hex.EncodeToString(s512[:])}
						if err := w.LinkHashed(rel, filepath.Join(src, filepath.FromSlash(rel)), sums, func(fs.FileInfo) bool { return true }); err != nil {
							t.Error(err)
						}
					}
				})
			}
			wg.Wait()
			if open() == before {
				t.Error("no directory was kept open while linking")
			}
			if finish == "Close" {
				if err := w.Close(nil); err != nil {
					t.Fatal(err)
				}
			} else {
				w.Release()
			}
			if n := open(); n != before {
				t.Errorf("%d descriptors open after %s, %d before", n, finish, before)
			}
		})
	}
}
