package bagit

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fileSums hashes a source file as a scan would have.
func fileSums(t *testing.T, path string) Sums {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sumsOf(string(b))
}

// linkAll adds every source file of src under its own name with
// LinkHashed, the stat compared as pack compares it.
func linkAll(t *testing.T, w *Writer, src string, names []string) {
	t.Helper()
	for _, name := range names {
		p := filepath.Join(src, filepath.FromSlash(name))
		was, err := os.Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		same := func(info fs.FileInfo) bool { return os.SameFile(info, was) && info.ModTime().Equal(was.ModTime()) }
		if err := w.LinkHashed(name, p, fileSums(t, p), same); err != nil {
			t.Fatal(err)
		}
	}
}

// payloadFiles lists a bag's payload, "/"-separated, folders with a
// trailing slash.
func payloadFiles(t *testing.T, bag string) []string {
	t.Helper()
	var got []string
	data := filepath.Join(bag, "data")
	filepath.WalkDir(data, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == data {
			return err
		}
		rel, _ := filepath.Rel(data, p)
		if d.IsDir() {
			rel += "/"
		}
		got = append(got, filepath.ToSlash(rel))
		return nil
	})
	slices.Sort(got)
	return got
}

// TestReuseKeepsWhatIsUnchanged builds a bag, changes its sources as a
// creator between two packs would, and builds the next bag in the first
// one's folder: unchanged files stay in place, everything else is linked,
// written or removed, the bag is valid and the same as one built in an
// empty folder, and no source file is written to.
func TestReuseKeepsWhatIsUnchanged(t *testing.T) {
	src := t.TempDir()
	write := func(name, body string) {
		p := filepath.Join(src, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, body := range map[string]string{
		"same.txt": "unchanged\n", "sub/replaced.txt": "first\n", "sub/gone.txt": "removed later\n",
		"old/only.txt": "its folder goes\n", "x": "a file, then a folder\n", "z/w": "a folder, then a file\n",
		"masked.txt": "written over in the next bag\n",
	} {
		write(name, body)
	}
	first := filepath.Join(t.TempDir(), "bag")
	os.Mkdir(first, 0o755)
	w, err := Create(first)
	if err != nil {
		t.Fatal(err)
	}
	linkAll(t, w, src, []string{"masked.txt", "old/only.txt", "same.txt", "sub/gone.txt", "sub/replaced.txt", "x", "z/w"})
	if err := w.AddTagFile("metadata/files.jsonl", []byte("first\n")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(nil); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(first, "stray.txt"), []byte("not the bag's\n"), 0o644)

	// Between the packs: a file replaced by a new one, two removed, a
	// file that becomes a folder and a folder that becomes a file.
	os.Remove(filepath.Join(src, "sub", "replaced.txt"))
	write("sub/replaced.txt", "second\n")
	os.Remove(filepath.Join(src, "sub", "gone.txt"))
	os.RemoveAll(filepath.Join(src, "old"))
	os.Remove(filepath.Join(src, "x"))
	write("x/y", "now in a folder\n")
	os.RemoveAll(filepath.Join(src, "z"))
	write("z", "now a file\n")
	write("new/file.txt", "added\n")

	build := func(w *Writer, dir string) {
		t.Helper()
		linkAll(t, w, src, []string{"new/file.txt", "same.txt", "sub/replaced.txt", "x/y", "z"})
		if err := w.AddFile("masked.txt", strings.NewReader("xxxxxxx over in the next bag\n")); err != nil {
			t.Fatal(err)
		}
		if err := w.AddTagFile("metadata/files.jsonl", []byte("second\n")); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(nil); err != nil {
			t.Fatal(err)
		}
	}
	w, err = Reuse(first)
	if err != nil {
		t.Fatal(err)
	}
	build(w, first)
	fresh := filepath.Join(t.TempDir(), "bag")
	os.Mkdir(fresh, 0o755)
	fw, err := Create(fresh)
	if err != nil {
		t.Fatal(err)
	}
	build(fw, fresh)

	if got := verifyProblems(t, first, VerifyOptions{StrictTags: true}); got != "" {
		t.Fatalf("the bag built in the earlier one is invalid: %s", got)
	}
	if got, want := payloadFiles(t, first), payloadFiles(t, fresh); !slices.Equal(got, want) {
		t.Errorf("payload of the reused folder %v, of a fresh one %v", got, want)
	}
	for _, name := range []string{"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt", "metadata/files.jsonl"} {
		if a, b := readFile(t, first, name), readFile(t, fresh, name); string(a) != string(b) {
			t.Errorf("%s differs from a fresh bag's:\n%s\nwant:\n%s", name, a, b)
		}
	}
	if _, err := os.Lstat(filepath.Join(first, "stray.txt")); err == nil {
		t.Error("a file outside data/ was left in the bag")
	}
	for name, kept := range map[string]bool{"same.txt": true, "sub/replaced.txt": false, "x/y": false, "z": false, "new/file.txt": false, "masked.txt": false} {
		if w.Kept(name) != kept {
			t.Errorf("Kept(%s) = %v, want %v", name, !kept, kept)
		}
	}
	if got, want := w.Fresh(), []string{"masked.txt", "new/file.txt", "sub/replaced.txt", "x/y", "z"}; !slices.Equal(got, want) {
		t.Errorf("Fresh() = %v, want %v", got, want)
	}
	// What the earlier bag had and the new one removed: with Fresh, all
	// that a folder kept of the earlier bag must lose (pruneKept).
	if got, want := w.Cleared(), []string{"masked.txt", "old/", "old/only.txt", "sub/gone.txt", "sub/replaced.txt", "x", "z/"}; !slices.Equal(got, want) {
		t.Errorf("Cleared() = %v, want %v", got, want)
	}
	if !w.Reused() || fw.Reused() {
		t.Errorf("Reused() = %v for the reused bag, %v for the new one", w.Reused(), fw.Reused())
	}
	if b, _ := os.ReadFile(filepath.Join(src, "masked.txt")); string(b) != "written over in the next bag\n" {
		t.Errorf("the source file the earlier bag linked was written to: %q", b)
	}
	for _, name := range []string{"same.txt", "sub/replaced.txt", "x/y", "z"} {
		a, _ := os.Lstat(filepath.Join(first, "data", filepath.FromSlash(name)))
		b, _ := os.Lstat(filepath.Join(src, filepath.FromSlash(name)))
		if a == nil || b == nil || !os.SameFile(a, b) {
			t.Errorf("data/%s is not the source file", name)
		}
	}
}

// TestReuseOfChangedFile keeps nothing whose stat the caller does not
// accept, and never a file LinkIf was not asked for by the same file.
func TestReuseOfChangedFile(t *testing.T) {
	src := t.TempDir()
	p := filepath.Join(src, "a.txt")
	os.WriteFile(p, []byte("content\n"), 0o644)
	other := filepath.Join(src, "b.txt")
	os.WriteFile(other, []byte("content\n"), 0o644)
	bag := filepath.Join(t.TempDir(), "bag")
	os.Mkdir(bag, 0o755)
	w, _ := Create(bag)
	linkAll(t, w, src, []string{"a.txt", "b.txt"})
	if err := w.Close(nil); err != nil {
		t.Fatal(err)
	}
	w, err := Reuse(bag)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.LinkHashed("a.txt", p, fileSums(t, p), func(fs.FileInfo) bool { return false }); err != nil {
		t.Fatal(err)
	}
	// b.txt is asked for with another file of the same content: the
	// earlier bag's b.txt is not that file.
	was, _ := os.Lstat(p)
	isA := func(info fs.FileInfo) bool { return os.SameFile(info, was) }
	if ok, err := w.LinkIf("b.txt", p, fileSums(t, p), isA); err != nil || !ok {
		t.Fatalf("LinkIf: %v, %v", ok, err)
	}
	if err := w.Close(nil); err != nil {
		t.Fatal(err)
	}
	if w.Kept("a.txt") || w.Kept("b.txt") {
		t.Error("a file was kept that the caller did not accept")
	}
	in, _ := os.Lstat(filepath.Join(bag, "data", "b.txt"))
	want, _ := os.Lstat(p)
	if !os.SameFile(in, want) {
		t.Error("data/b.txt is not the file LinkIf was given")
	}
	if r, err := Verify(context.Background(), bag, VerifyOptions{StrictTags: true}); err != nil || !r.Valid() {
		t.Fatalf("invalid: %v %v", err, r.Problems)
	}
}
