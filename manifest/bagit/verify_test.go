package bagit

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func verifyProblems(t *testing.T, dir string, opts VerifyOptions) string {
	t.Helper()
	r, err := Verify(context.Background(), dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, p := range r.Problems {
		msgs = append(msgs, p.String())
	}
	return strings.Join(msgs, "\n")
}

// TestVerifyCatchesEveryFlippedByte flips one byte in every file of a bag,
// one file at a time: each change must be reported.
func TestVerifyCatchesEveryFlippedByte(t *testing.T) {
	dir := makeBag(t)
	var files []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			files = append(files, p)
		}
		return err
	})
	for _, p := range files {
		rel, _ := filepath.Rel(dir, p)
		t.Run(rel, func(t *testing.T) {
			orig, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			for _, at := range []int{0, len(orig) / 2, len(orig) - 1} {
				b := append([]byte(nil), orig...)
				b[at] ^= 0x01
				writeOver(t, p, b)
				if got := verifyProblems(t, dir, VerifyOptions{StrictTags: true}); got == "" {
					t.Errorf("byte %d flipped, bag still valid", at)
				}
			}
			writeOver(t, p, orig)
			if got := verifyProblems(t, dir, VerifyOptions{StrictTags: true}); got != "" {
				t.Fatalf("restored bag invalid: %s", got)
			}
		})
	}
}

// writeOver replaces a file's content without touching files hard-linked
// to it.
func writeOver(t *testing.T, p string, b []byte) {
	t.Helper()
	os.Remove(p)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestVerifyReportsEachProblem(t *testing.T) {
	tests := []struct {
		name   string
		change func(dir string)
		want   string
	}{
		{"extra payload file", func(dir string) {
			os.WriteFile(filepath.Join(dir, "data", "extra.txt"), []byte("x"), 0o644)
		}, "data/extra.txt: is not listed in manifest-sha256.txt"},
		{"missing payload file", func(dir string) {
			os.Remove(filepath.Join(dir, "data", "notes", "hello.txt"))
		}, "data/notes/hello.txt: listed in manifest-sha256.txt but missing"},
		{"payload oxum", func(dir string) {
			os.WriteFile(filepath.Join(dir, "data", "notes", "hello.txt"), []byte("hello, longer\n"), 0o644)
		}, "Payload-Oxum says 67 bytes in 5 files"},
		// A file no manifest lists is not read, and is stat'ed for its size.
		{"payload oxum counts unlisted files", func(dir string) {
			os.WriteFile(filepath.Join(dir, "data", "extra.txt"), []byte("x"), 0o644)
		}, "the payload holds 68 bytes in 6 files"},
		// One only a tag manifest lists is read for it, and its bytes counted.
		{"payload oxum counts a payload file a tag manifest lists", func(dir string) {
			os.WriteFile(filepath.Join(dir, "data", "extra.txt"), []byte("x"), 0o644)
			appendTo(dir, "tagmanifest-sha256.txt", "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881  data/extra.txt\n")
		}, "the payload holds 68 bytes in 6 files"},
		{"tag manifest lists a payload file with another checksum", func(dir string) {
			appendTo(dir, "tagmanifest-sha256.txt", strings.Repeat("0", 64)+"  data/notes/hello.txt\n")
		}, "data/notes/hello.txt: sha256 checksum differs from tagmanifest-sha256.txt"},
		{"symbolic link", func(dir string) {
			os.Symlink("/etc/passwd", filepath.Join(dir, "data", "passwd"))
		}, "data/passwd: is a symbolic link"},
		{"parent in manifest", func(dir string) {
			appendTo(dir, "manifest-sha256.txt", strings.Repeat("0", 64)+"  data/../../etc/passwd\n")
		}, `climbs out with a ".." element`},
		{"absolute in manifest", func(dir string) {
			appendTo(dir, "manifest-sha256.txt", strings.Repeat("0", 64)+"  /etc/passwd\n")
		}, "is absolute"},
		{"home in manifest", func(dir string) {
			appendTo(dir, "manifest-sha256.txt", strings.Repeat("0", 64)+"  ~/x\n")
		}, "starts with ~"},
		{"outside payload", func(dir string) {
			appendTo(dir, "manifest-sha256.txt", strings.Repeat("0", 64)+"  bagit.txt\n")
		}, "outside the payload directory"},
		{"unlisted tag file", func(dir string) {
			os.WriteFile(filepath.Join(dir, "extra.json"), []byte("{}"), 0o644)
		}, "extra.json: is not listed in any tag manifest"},
		// A manifest in path order is checked without a map of its lines:
		// a repeated line puts it out of order, and the map finds it.
		{"first line again at the end", func(dir string) {
			first, _, _ := strings.Cut(readTag(dir, "manifest-sha256.txt"), "\n")
			appendTo(dir, "manifest-sha256.txt", first+"\n")
		}, "both list data/"},
		{"last line twice", func(dir string) {
			lines := strings.Split(strings.TrimSuffix(readTag(dir, "manifest-sha256.txt"), "\n"), "\n")
			appendTo(dir, "manifest-sha256.txt", lines[len(lines)-1]+"\n")
		}, "both list data/"},
		{"bad checksum", func(dir string) {
			appendTo(dir, "manifest-sha256.txt", "abc  data/x\n")
		}, "is not a sha256 checksum"},
		{"no bagit.txt", func(dir string) {
			os.Remove(filepath.Join(dir, "bagit.txt"))
		}, "bagit.txt: missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := makeBag(t)
			if strings.Contains(tt.name, "symbolic link") {
				requireSymlinks(t)
			}
			tt.change(dir)
			got := verifyProblems(t, dir, VerifyOptions{StrictTags: true})
			if !strings.Contains(got, tt.want) {
				t.Errorf("problems:\n%s\nwant one saying %q", got, tt.want)
			}
		})
	}
	t.Run("unlisted directory exempt", func(t *testing.T) {
		dir := makeBag(t)
		os.MkdirAll(filepath.Join(dir, "provenance"), 0o755)
		os.WriteFile(filepath.Join(dir, "provenance", "sig"), []byte("x"), 0o644)
		if got := verifyProblems(t, dir, VerifyOptions{StrictTags: true, Unlisted: []string{"provenance"}}); got != "" {
			t.Errorf("problems: %s", got)
		}
	})
	t.Run("bytes counted as read", func(t *testing.T) {
		r, err := Verify(context.Background(), makeBag(t), VerifyOptions{StrictTags: true})
		if err != nil {
			t.Fatal(err)
		}
		if !r.Valid() || r.Bytes != 67 || r.Files != 5 {
			t.Errorf("Verify = %d bytes in %d files, problems %v; want a valid bag of 67 bytes in 5 files", r.Bytes, r.Files, r.Problems)
		}
	})
	// A payload file a tag manifest lists too is read once, for all its
	// checksums, and its bytes counted once.
	t.Run("payload file in a tag manifest too", func(t *testing.T) {
		dir := makeBag(t)
		before, err := Verify(context.Background(), dir, VerifyOptions{StrictTags: true})
		if err != nil {
			t.Fatal(err)
		}
		appendTo(dir, "tagmanifest-sha256.txt", "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03  data/notes/hello.txt\n")
		r, err := Verify(context.Background(), dir, VerifyOptions{StrictTags: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Problems) != 0 || r.Checked != before.Checked+1 || r.Bytes != 67 || r.Files != 5 {
			t.Errorf("Verify = %d checksums, %d bytes in %d files, problems %v; want %d checksums, 67 bytes in 5 files, no problem",
				r.Checked, r.Bytes, r.Files, r.Problems, before.Checked+1)
		}
	})
	t.Run("not a directory", func(t *testing.T) {
		f := filepath.Join(t.TempDir(), "f")
		os.WriteFile(f, nil, 0o644)
		if _, err := Verify(context.Background(), f, VerifyOptions{}); err == nil {
			t.Error("Verify accepted a file")
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := Verify(ctx, makeBag(t), VerifyOptions{}); err == nil {
			t.Error("Verify ignored a cancelled context")
		}
	})
}

// appendTo adds a line to a bag file (the tag manifest then no longer
// matches either, which the tests do not look for).
func appendTo(dir, name, line string) {
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		panic(err)
	}
	f.WriteString(line)
	f.Close()
}

func readTag(dir, name string) string {
	b, _ := os.ReadFile(filepath.Join(dir, name))
	return string(b)
}

// TestVerifyJobs verifies one bag with the default number of hashing
// workers, with one, and with more workers than files: the report, one
// flipped byte included, must not depend on it.
func TestVerifyJobs(t *testing.T) {
	dir := makeBag(t)
	p := filepath.Join(dir, "data", "notes", "hello.txt")
	orig, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	report := func(jobs int) string {
		r, err := Verify(context.Background(), dir, VerifyOptions{StrictTags: true, Jobs: jobs})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, p := range r.Problems {
			b.WriteString(p.String() + "\n")
		}
		return fmt.Sprintf("%d files, %d bytes, %d checked\n%s", r.Files, r.Bytes, r.Checked, b.String())
	}
	for _, flipped := range []bool{false, true} {
		if flipped {
			b := append([]byte(nil), orig...)
			b[0] ^= 0x01
			writeOver(t, p, b)
		}
		want := report(1)
		if r := want; strings.Contains(r, "differs") != flipped {
			t.Fatalf("one worker, flipped %v:\n%s", flipped, r)
		}
		for _, jobs := range []int{0, 3, 64} {
			if got := report(jobs); got != want {
				t.Errorf("%d workers, flipped %v:\n%s\nwant (one worker):\n%s", jobs, flipped, got, want)
			}
		}
	}
	if hashJobs(0) != 4*runtime.NumCPU() || hashJobs(3) != 3 {
		t.Errorf("hashJobs(0) = %d, hashJobs(3) = %d", hashJobs(0), hashJobs(3))
	}
}

// TestVerifyRelativePaths verifies one bag named as ".", as a path
// relative to the working directory, with a trailing slash and as an
// absolute path: each must be valid, and a flipped byte in a top-level tag
// file must be found whichever way the bag is named.
func TestVerifyRelativePaths(t *testing.T) {
	dir := makeBag(t)
	parent, base := filepath.Split(dir)
	names := map[string]string{".": dir, base: parent, base + "/": parent, "./" + base: parent, dir: parent}
	for name, wd := range names {
		t.Run(name, func(t *testing.T) {
			t.Chdir(wd)
			if got := verifyProblems(t, name, VerifyOptions{StrictTags: true}); got != "" {
				t.Fatalf("verify %q from %s: %s", name, wd, got)
			}
			p := filepath.Join(dir, "bag-info.txt")
			orig, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			b := append([]byte(nil), orig...)
			b[0] ^= 0x01
			writeOver(t, p, b)
			defer writeOver(t, p, orig)
			if got := verifyProblems(t, name, VerifyOptions{StrictTags: true}); !strings.Contains(got, "bag-info.txt") || strings.Contains(got, "cannot open") {
				t.Fatalf("verify %q from %s with bag-info.txt changed: %q", name, wd, got)
			}
		})
	}
}

// TestVerifyMessagesShowNamesOnOneLine: a name a message holds in the
// middle of a sentence is shown as manifest.DisplayPath shows it, quoted
// with its escapes, so that a newline or an escape sequence in a name
// cannot start a line of its own or drive the terminal.
func TestVerifyMessagesShowNamesOnOneLine(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows refuses line breaks and escape characters in names")
	}
	zeros := strings.Repeat("0", 64)
	tests := []struct {
		name   string
		change func(t *testing.T, dir string)
		want   string
	}{
		{"listed twice with different checksums", func(t *testing.T, dir string) {
			appendTo(dir, "manifest-sha256.txt", zeros+"  data/line%0Abreak.txt\n")
		}, `manifest-sha256.txt: lines 3 and 6 list "data/line\nbreak.txt" with different checksums`},
		{"listed twice", func(t *testing.T, dir string) {
			for _, line := range strings.Split(readTag(dir, "manifest-sha256.txt"), "\n") {
				if strings.HasSuffix(line, "data/line%0Abreak.txt") {
					appendTo(dir, "manifest-sha256.txt", line+"\n")
				}
			}
		}, `manifest-sha256.txt: lines 3 and 6 both list "data/line\nbreak.txt"`},
		{"payload file in a tag manifest", func(t *testing.T, dir string) {
			appendTo(dir, "tagmanifest-sha256.txt", zeros+"  data/line%0Abreak.txt\n")
		}, `tagmanifest-sha256.txt: line 6 lists payload file "data/line\nbreak.txt"`},
		{"symbolic link in a tag file's path", func(t *testing.T, dir string) {
			symlink(t, t.TempDir(), filepath.Join(dir, "esc\x1b[31m"))
			appendTo(dir, "tagmanifest-sha256.txt", zeros+"  esc\x1b[31m/f.txt\n")
		}, `"esc\x1b[31m" is a symbolic link`},
		{"listed twice in fetch.txt", func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, "fetch.txt"), []byte("https://example.com/a 1 data/esc%0A.txt\nhttps://example.com/b 1 data/esc%0A.txt\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, `fetch.txt: lines 1 and 2 both list "data/esc\n.txt"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := makeBag(t)
			tt.change(t, dir)
			r, err := Verify(context.Background(), dir, VerifyOptions{StrictTags: true})
			if err != nil {
				t.Fatal(err)
			}
			var msgs []string
			for _, p := range append(r.Problems, r.Warnings...) {
				msgs = append(msgs, p.String())
				if strings.ContainsAny(p.String(), "\n\x1b") {
					t.Errorf("a message holds a raw name: %q", p.String())
				}
			}
			if got := strings.Join(msgs, "\n"); !strings.Contains(got, tt.want) {
				t.Errorf("messages:\n%s\nwant one saying %s", got, tt.want)
			}
		})
	}
}
