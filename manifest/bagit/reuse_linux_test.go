//go:build linux

package bagit

import (
	"encoding/binary"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

// TestReuseKeepsListedInodeWithoutStat keeps an earlier bag's file that
// its folder lists under the inode the source was hashed from, without
// asking unchanged (no stat); a source replaced since (a new inode) is
// checked and linked again.
func TestReuseKeepsListedInodeWithoutStat(t *testing.T) {
	src := t.TempDir()
	if !listsStatInodes(src) {
		t.Skip("the temp folder's file system lists no inode numbers consign trusts")
	}
	a, b := filepath.Join(src, "a.txt"), filepath.Join(src, "sub", "b.txt")
	os.Mkdir(filepath.Join(src, "sub"), 0o755)
	os.WriteFile(a, []byte("kept\n"), 0o644)
	os.WriteFile(b, []byte("replaced\n"), 0o644)
	bag := filepath.Join(t.TempDir(), "bag")
	os.Mkdir(bag, 0o755)
	w, _ := Create(bag)
	linkAll(t, w, src, []string{"a.txt", "sub/b.txt"})
	if err := w.Close(nil); err != nil {
		t.Fatal(err)
	}
	os.Remove(b)
	os.WriteFile(b, []byte("replaced again\n"), 0o644)

	w, err := Reuse(bag)
	if err != nil {
		t.Fatal(err)
	}
	inode := func(p string) uint64 {
		info, err := os.Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		return info.Sys().(*syscall.Stat_t).Ino
	}
	sums := fileSums(t, a)
	sums.Inode = inode(a)
	noStat := func(fs.FileInfo) bool { t.Error("a file listed under the source's inode was stat'ed"); return false }
	if err := w.LinkHashed("a.txt", a, sums, noStat); err != nil {
		t.Fatal(err)
	}
	sums = fileSums(t, b)
	sums.Inode = inode(b)
	asked := false
	if err := w.LinkHashed("sub/b.txt", b, sums, func(fs.FileInfo) bool { asked = true; return true }); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(nil); err != nil {
		t.Fatal(err)
	}
	if !w.Kept("a.txt") || w.Kept("sub/b.txt") {
		t.Errorf("kept a.txt %v (want true), sub/b.txt %v (want false)", w.Kept("a.txt"), w.Kept("sub/b.txt"))
	}
	if !asked {
		t.Error("the replaced source's new link was not checked")
	}
	if got := verifyProblems(t, bag, VerifyOptions{StrictTags: true}); got != "" {
		t.Fatalf("the bag is invalid: %s", got)
	}
	for _, name := range []string{"a.txt", "sub/b.txt"} {
		x, _ := os.Lstat(filepath.Join(bag, "data", filepath.FromSlash(name)))
		y, _ := os.Lstat(filepath.Join(src, filepath.FromSlash(name)))
		if x == nil || y == nil || !os.SameFile(x, y) {
			t.Errorf("data/%s is not the source file", name)
		}
	}
}

// dirent encodes one linux_dirent64 record, padded to 8 bytes as the
// kernel pads them.
func dirent(ino uint64, typ byte, name string) []byte {
	n := (direntName + len(name) + 1 + 7) &^ 7
	b := make([]byte, n)
	binary.NativeEndian.PutUint64(b, ino)
	binary.NativeEndian.PutUint16(b[direntReclen:], uint16(n))
	b[direntType] = typ
	copy(b[direntName:], name)
	return b
}

// TestParseDirents reads names, types and inode numbers, leaves out "."
// and "..", and refuses a record whose length does not fit.
func TestParseDirents(t *testing.T) {
	var b []byte
	for _, d := range [][]byte{dirent(2, unix.DT_DIR, "."), dirent(1, unix.DT_DIR, ".."), dirent(12, unix.DT_REG, "a.txt"),
		dirent(13, unix.DT_DIR, "sub"), dirent(14, unix.DT_LNK, "link"), dirent(15, unix.DT_REG, "long name with spaces.jpeg")} {
		b = append(b, d...)
	}
	got, err := parseDirents(t.TempDir(), b, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []listed{{"a.txt", 0, 12}, {"sub", fs.ModeDir, 13}, {"link", fs.ModeIrregular, 14}, {"long name with spaces.jpeg", 0, 15}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("entry %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	short := dirent(12, unix.DT_REG, "a.txt")
	binary.NativeEndian.PutUint16(short[direntReclen:], 3)
	long := dirent(12, unix.DT_REG, "a.txt")
	binary.NativeEndian.PutUint16(long[direntReclen:], uint16(len(long)+8))
	for name, bad := range map[string][]byte{"truncated": dirent(12, unix.DT_REG, "a.txt")[:10], "too short": short, "past the end": long} {
		if _, err := parseDirents("dir", bad, nil); err == nil {
			t.Errorf("%s record: no error", name)
		}
	}
}

// FuzzParseDirents never panics, and lists only names a folder can hold.
func FuzzParseDirents(f *testing.F) {
	f.Add(append(dirent(12, unix.DT_REG, "a.txt"), dirent(13, unix.DT_DIR, "sub")...))
	f.Add(dirent(0, unix.DT_FIFO, "pipe"))
	f.Add(dirent(7, unix.DT_UNKNOWN, "unknown"))
	f.Add([]byte{})
	dir := f.TempDir() // an entry of unknown type is looked up there, and is not found
	f.Fuzz(func(t *testing.T, b []byte) {
		out, _ := parseDirents(dir, b, nil)
		for _, e := range out {
			if e.name == "" || e.name == "." || e.name == ".." {
				t.Errorf("listed %q", e.name)
			}
		}
	})
}
