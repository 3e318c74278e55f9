package bagit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
)

// Alongside runs only when the tag files are in order (with StrictTags;
// without it, everything but the checksums): a caller reads tag files in
// it, which must then be regular files a tag manifest lists.
func TestVerifyAlongside(t *testing.T) {
	tests := []struct {
		name   string
		spoil  func(t *testing.T, dir string)
		called bool
		loose  bool // without StrictTags
	}{
		{"valid bag", func(*testing.T, string) {}, true, false},
		{"changed payload byte: called, the checksum problem follows", func(t *testing.T, dir string) {
			writeOver(t, filepath.Join(dir, "data", "notes", "hello.txt"), []byte("hellO\n"))
		}, true, false},
		{"tag file replaced by a symbolic link", func(t *testing.T, dir string) {
			p := filepath.Join(dir, "bag-info.txt")
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			symlink(t, "/dev/zero", p)
		}, false, false},
		{"unlisted tag file is a symbolic link", func(t *testing.T, dir string) {
			symlink(t, "/dev/zero", filepath.Join(dir, "extra.json"))
		}, false, false},
		{"payload file missing: called, the completeness problem follows", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "data", "notes", "hello.txt")); err != nil {
				t.Fatal(err)
			}
		}, true, false},
		{"payload file missing, without StrictTags", func(t *testing.T, dir string) {
			if err := os.Remove(filepath.Join(dir, "data", "notes", "hello.txt")); err != nil {
				t.Fatal(err)
			}
		}, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := makeBag(t)
			tt.spoil(t, dir)
			var called atomic.Bool
			r, err := Verify(context.Background(), dir, VerifyOptions{StrictTags: !tt.loose, Alongside: func(TagFiles) { called.Store(true) }})
			if err != nil {
				t.Fatal(err)
			}
			if called.Load() != tt.called {
				t.Errorf("Alongside called = %v, want %v (problems: %v)", called.Load(), tt.called, r.Problems)
			}
			if tt.name != "valid bag" && r.Valid() {
				t.Error("spoiled bag reported valid")
			}
		})
	}
}

// A tag file Alongside reads has its checksums compared with the bytes it
// read, once: the report is the same as when the workers hash it.
func TestVerifyAlongsideReads(t *testing.T) {
	tests := []struct {
		name  string
		spoil func(t *testing.T, dir string)
		read  []string
	}{
		{"tag file", func(*testing.T, string) {}, []string{"metadata/files.jsonl"}},
		{"tag file twice", func(*testing.T, string) {}, []string{"metadata/files.jsonl", "metadata/files.jsonl"}},
		{"changed tag file", func(t *testing.T, dir string) {
			writeOver(t, filepath.Join(dir, "metadata", "files.jsonl"), []byte("[]\n"))
		}, []string{"metadata/files.jsonl"}},
		{"payload file and unlisted file", func(*testing.T, string) {}, []string{"data/notes/hello.txt", "bagit.txt", "tagmanifest-sha256.txt"}},
		{"every tag file", func(*testing.T, string) {}, []string{"bag-info.txt", "manifest-sha256.txt", "manifest-sha512.txt", "metadata/files.jsonl"}},
	}
	// How Alongside reads a file: whole, as a stream to its end, or
	// opened and closed after its first byte.
	reads := map[string]func(files TagFiles, rel string) ([]byte, error){
		"ReadFile": TagFiles.ReadFile,
		"Open": func(files TagFiles, rel string) ([]byte, error) {
			r, err := files.Open(rel)
			if err != nil {
				return nil, err
			}
			data, err := io.ReadAll(r)
			if cerr := r.Close(); err == nil {
				err = cerr
			}
			return data, err
		},
		"Open and Close early": func(files TagFiles, rel string) ([]byte, error) {
			r, err := files.Open(rel)
			if err != nil {
				return nil, err
			}
			defer r.Close()
			if _, err := r.Read(make([]byte, 1)); err != nil {
				return nil, err
			}
			return os.ReadFile(filepath.Join(files.v.dir, filepath.FromSlash(rel)))
		},
	}
	for _, tt := range tests {
		for how, read := range reads {
			t.Run(tt.name+"/"+how, func(t *testing.T) {
				dir := makeBag(t)
				tt.spoil(t, dir)
				want, err := Verify(context.Background(), dir, VerifyOptions{StrictTags: true})
				if err != nil {
					t.Fatal(err)
				}
				got, err := Verify(context.Background(), dir, VerifyOptions{StrictTags: true, Alongside: func(files TagFiles) {
					for _, rel := range tt.read {
						data, err := read(files, rel)
						if disk, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel))); err != nil || string(data) != string(disk) {
							t.Errorf("read(%q) = %q, %v; the file holds %q", rel, data, err, disk)
						}
					}
				}})
				if err != nil {
					t.Fatal(err)
				}
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("report with reads:\n%+v\nwithout:\n%+v", got, want)
				}
			})
		}
	}
	t.Run("missing file", func(t *testing.T) {
		Verify(context.Background(), makeBag(t), VerifyOptions{StrictTags: true, Alongside: func(files TagFiles) {
			if _, err := files.ReadFile("metadata/none.json"); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("read of a missing file: %v, want os.ReadFile's error", err)
			}
			if _, err := files.Open("metadata/none.json"); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("open of a missing file: %v, want os.Open's error", err)
			}
		}})
	})
}

// A payload manifest is read once for the verifier and the readers that
// come while it parses it; once it lets the bytes go, a later reader
// reads the file again and gets the same bytes.
func TestSharedReadAfterRelease(t *testing.T) {
	const rel = "manifest-sha256.txt"
	dir := makeBag(t)
	disk, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		t.Fatal(err)
	}
	v := &verifier{dir: dir, shared: map[string]*sharedRead{rel: {}}}
	first, err1 := v.readShared(rel)
	again, err2 := v.readShared(rel)
	v.release(rel)
	if v.shared[rel].data != nil {
		t.Error("release kept the bytes")
	}
	later, err3 := v.readShared(rel)
	for i, got := range [][]byte{first, again, later} {
		if string(got) != string(disk) {
			t.Errorf("read %d = %q, the file holds %q", i+1, got, disk)
		}
	}
	if err1 != nil || err2 != nil || err3 != nil {
		t.Errorf("errors: %v, %v, %v", err1, err2, err3)
	}
	if &first[0] != &again[0] {
		t.Error("the second read before release read the file again")
	}
}
