package bagit

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// lineBreakName is a payload name with a line break, which a manifest
// must percent-encode (lineBreakEncoded). Windows refuses line breaks in
// names: there it is a name with a percent sign, encoded too.
var lineBreakName, lineBreakEncoded = "line\nbreak.txt", "line%0Abreak.txt"

func init() {
	if runtime.GOOS == "windows" {
		lineBreakName, lineBreakEncoded = "line%break.txt", "line%25break.txt"
	}
}

// makeBag writes a small bag with awkward names and returns its directory.
func makeBag(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	w, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "photo.jpg")
	if err := os.WriteFile(src, []byte("not really a jpeg"), 0o644); err != nil {
		t.Fatal(err)
	}
	for rel, body := range map[string]string{
		"notes/hello.txt":   "hello\n",
		"100%/done.txt":     "percent\n",
		lineBreakName:       "newline in the name\n",
		"Nu\u0301n\u0303ez": "decomposed name\n",
	} {
		if err := w.AddFile(rel, strings.NewReader(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.LinkFile("photos/photo.jpg", src); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(src); string(b) != "not really a jpeg" {
		t.Fatalf("LinkFile changed the original: %q", b)
	}
	if err := w.AddTagFile("metadata/files.jsonl", []byte("{}\n")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close([]Field{{"Source-Organization", "Example"}, {"Bagging-Date", "2024-01-02"}}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestWriterMakesAValidBag(t *testing.T) {
	dir := makeBag(t)
	r, err := Verify(context.Background(), dir, VerifyOptions{StrictTags: true})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Valid() || len(r.Warnings) > 0 {
		t.Fatalf("problems %v, warnings %v", r.Problems, r.Warnings)
	}
	if r.Files != 5 || r.Checked != 5*2+5 {
		t.Errorf("files %d, checked %d; want 5 files, 15 checksums", r.Files, r.Checked)
	}
	info := string(readFile(t, dir, "bag-info.txt"))
	want := "Source-Organization: Example\nBagging-Date: 2024-01-02\nPayload-Oxum: 67.5\nBag-Size: 67 B\n"
	if info != want {
		t.Errorf("bag-info.txt:\n%s\nwant:\n%s", info, want)
	}
	m := string(readFile(t, dir, "manifest-sha256.txt"))
	for _, line := range []string{"data/100%25/done.txt", "data/" + lineBreakEncoded, "data/N\u00fa\u00f1ez"} {
		if !strings.Contains(m, line+"\n") {
			t.Errorf("manifest-sha256.txt lacks %q:\n%s", line, m)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "N\u00fa\u00f1ez")); err != nil {
		t.Errorf("payload name is not NFC: %v", err)
	}
	if info, err := os.Stat(filepath.Join(dir, "data", "photos", "photo.jpg")); err != nil || !hasLinks(info, 2) {
		t.Errorf("LinkFile on one file system did not hard-link (err %v)", err)
	}
	tm := string(readFile(t, dir, "tagmanifest-sha256.txt"))
	for _, name := range []string{"bag-info.txt", "bagit.txt", "manifest-sha256.txt", "manifest-sha512.txt", "metadata/files.jsonl"} {
		if !strings.Contains(tm, "  "+name+"\n") {
			t.Errorf("tagmanifest-sha256.txt lacks %s:\n%s", name, tm)
		}
	}
}

// TestLinkFileCopiesAcrossFileSystems takes the path for a bag on another
// file system: the file is copied, and the original left as it was.
func TestLinkFileCopiesAcrossFileSystems(t *testing.T) {
	hardLink = func(*dirCursor, string, string) error { return &os.LinkError{Op: "link", Err: syscall.EXDEV} }
	defer func() { hardLink = (*dirCursor).link }()
	linked := makeBag(t)
	src := filepath.Join(linked, "data", "photos", "photo.jpg")
	info, err := os.Stat(src)
	if err != nil {
		t.Fatal(err)
	}
	if !hasLinks(info, 1) {
		t.Errorf("payload file has %v, want a copy with 1 link", info.Sys())
	}
	if got := verifyProblems(t, linked, VerifyOptions{StrictTags: true}); got != "" {
		t.Errorf("copied bag invalid: %s", got)
	}
}

func TestWriterIsDeterministic(t *testing.T) {
	a, b := makeBag(t), makeBag(t)
	for _, name := range []string{"bagit.txt", "bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt"} {
		if !bytes.Equal(readFile(t, a, name), readFile(t, b, name)) {
			t.Errorf("%s differs between two bags of the same files", name)
		}
	}
}

func TestWriterRefuses(t *testing.T) {
	tests := []struct {
		name string
		add  func(w *Writer) error
		want string
	}{
		{"parent", func(w *Writer) error { return w.AddFile("../escape", strings.NewReader("x")) }, "climbs out"},
		{"absolute", func(w *Writer) error { return w.AddFile("/etc/passwd", strings.NewReader("x")) }, "absolute"},
		{"backslash", func(w *Writer) error { return w.AddFile(`a\\b`, strings.NewReader("x")) }, "backslash"},
		{"dot", func(w *Writer) error { return w.AddFile("a/./b", strings.NewReader("x")) }, "canonical"},
		{"twice", func(w *Writer) error {
			w.AddFile("Nu\u0301n\u0303ez", strings.NewReader("x"))
			return w.AddFile("N\u00fa\u00f1ez", strings.NewReader("y"))
		}, "already in the bag"},
		{"reserved tag", func(w *Writer) error { return w.AddTagFile("manifest-md5.txt", nil) }, "reserved"},
		{"payload as tag", func(w *Writer) error { return w.AddTagFile("data/x", nil) }, "reserved"},
		{"symlink", func(w *Writer) error {
			link := filepath.Join(w.dir, "..", "link")
			os.Symlink("/etc/passwd", link)
			return w.LinkFile("x", link)
		}, "not a regular file"},
		{"bad label", func(w *Writer) error { return w.Close([]Field{{"A: b", "c"}}) }, "colon"},
		{"bad value", func(w *Writer) error { return w.Close([]Field{{"A", "b\nc"}}) }, "line break"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.name == "symlink" {
				requireSymlinks(t)
			}
			dir := filepath.Join(t.TempDir(), "bag")
			os.Mkdir(dir, 0o755)
			w, err := Create(dir)
			if err != nil {
				t.Fatal(err)
			}
			err = tt.add(w)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error saying %q", err, tt.want)
			}
		})
	}
	t.Run("not empty", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "x"), nil, 0o644)
		if _, err := Create(dir); err == nil {
			t.Fatal("Create accepted a directory that is not empty")
		}
	})
	t.Run("unsafe sentinel", func(t *testing.T) {
		if err := checkPath("a/../../b"); !errors.Is(err, ErrUnsafePath) {
			t.Fatalf("got %v, want ErrUnsafePath", err)
		}
	})
}

// TestWriterTakesNamesSafeUnderData holds that a payload name is checked
// as the bag path it becomes: "~" and "c:" at its start are harmless
// after "data/", and the bag verifies.
func TestWriterTakesNamesSafeUnderData(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "bag")
	os.Mkdir(dir, 0o755)
	w, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"~home.txt", "~/x", "c:drive.txt", "a/~b/c:d"} {
		if err := w.AddFile(name, strings.NewReader(name)); err != nil {
			t.Fatalf("AddFile(%q): %v", name, err)
		}
	}
	if err := w.Close(nil); err != nil {
		t.Fatal(err)
	}
	bag, err := Verify(context.Background(), dir, VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !bag.Valid() {
		t.Fatalf("the bag does not verify: %v", bag.Problems)
	}
}

func TestPathEncodingRoundTrips(t *testing.T) {
	for _, p := range []string{"plain", "a%b", "%25", "cr\rlf\n", "%0A literal", "%7Etest"} {
		t.Run(p, func(t *testing.T) {
			if got := DecodePath(EncodePath(p)); got != p {
				t.Errorf("decode(encode(%q)) = %q", p, got)
			}
		})
	}
}

func readFile(t *testing.T, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// hasLinks says whether info's file has n names, where the system counts
// them; elsewhere it holds.
func hasLinks(info fs.FileInfo, n uint64) bool {
	got, ok := links(info)
	return !ok || got == n
}

// symlink makes a symbolic link for a test that needs one, or skips the
// test where the system makes none (see requireSymlinks).
func symlink(t *testing.T, oldname, newname string) {
	t.Helper()
	requireSymlinks(t)
	if err := os.Symlink(oldname, newname); err != nil {
		t.Fatal(err)
	}
}

// requireSymlinks skips the test where the system makes no symbolic
// links: Windows without the privilege, and Wine, where the link made is
// not there.
func requireSymlinks(t *testing.T) {
	t.Helper()
	link := filepath.Join(t.TempDir(), "link")
	err := os.Symlink("target", link)
	if err == nil {
		if info, lerr := os.Lstat(link); lerr == nil && info.Mode()&fs.ModeSymlink != 0 {
			return
		}
		err = errors.New("no link was made")
	}
	if runtime.GOOS == "windows" {
		t.Skipf("no symbolic link here: %v", err)
	}
	t.Fatalf("make a symbolic link: %v", err)
}

// TestSealPayload seals the payload before the tag files are written, as
// pack does: the bag is the one Close alone makes, a payload add after
// the seal fails while a tag file is still taken, and a payload file
// recorded after the seal by an add begun before it is in the manifests.
func TestSealPayload(t *testing.T) {
	build := func(seal bool) string {
		dir := t.TempDir()
		w, err := Create(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, rel := range []string{"b/two.txt", "a/one.txt", "c.txt"} {
			if err := w.AddFile(rel, strings.NewReader(rel)); err != nil {
				t.Fatal(err)
			}
		}
		// An add that has claimed its name and not yet recorded its sums.
		late, err := w.reserve("late.txt")
		if err != nil {
			t.Fatal(err)
		}
		if seal {
			w.SealPayload()
			w.SealPayload() // a second seal changes nothing
			if err := w.AddFile("after.txt", strings.NewReader("x")); err == nil || !strings.Contains(err.Error(), "sealed") {
				t.Errorf("add after SealPayload: %v, want an error saying the payload is sealed", err)
			}
		}
		s, err := w.copyIn(late, strings.NewReader("late"))
		if err != nil {
			t.Fatal(err)
		}
		w.record(late, s)
		if err := w.AddTagFile("metadata/files.jsonl", []byte("{}\n")); err != nil {
			t.Fatalf("tag file after SealPayload: %v", err)
		}
		if err := w.Close([]Field{{"Bagging-Date", "2024-01-02"}}); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	sealed, closed := build(true), build(false)
	for _, name := range []string{"bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt"} {
		if a, b := readFile(t, sealed, name), readFile(t, closed, name); !bytes.Equal(a, b) {
			t.Errorf("%s of a sealed payload:\n%s\nof one Close sealed:\n%s", name, a, b)
		}
	}
	if m := string(readFile(t, sealed, "manifest-sha256.txt")); !strings.Contains(m, "  data/late.txt\n") || strings.Contains(m, "after.txt") {
		t.Errorf("manifest-sha256.txt:\n%s\nwant data/late.txt and no data/after.txt", m)
	}
	if got := verifyProblems(t, sealed, VerifyOptions{StrictTags: true}); got != "" {
		t.Errorf("sealed bag invalid: %s", got)
	}
}
