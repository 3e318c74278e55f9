package bagit

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStreamTagFile(t *testing.T) {
	dir := t.TempDir()
	w, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.Repeat("x", 999) + "\n"
	size, sum, err := w.StreamTagFile("metadata/files.jsonl", func(out io.Writer) error {
		for range 1000 { // past the write buffer
			if _, err := io.WriteString(out, line); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	data := readFile(t, dir, "metadata/files.jsonl")
	want := sha256.Sum256(data)
	if size != int64(len(data)) || size != 1000*1000 || sum != hex.EncodeToString(want[:]) {
		t.Errorf("size %d, sum %s; the file has %d bytes, sha256 %x", size, sum, len(data), want)
	}

	broken := errors.New("generator failed")
	if _, _, err := w.StreamTagFile("croissant.json", func(out io.Writer) error {
		io.WriteString(out, "{")
		return broken
	}); !errors.Is(err, broken) || !strings.Contains(err.Error(), "croissant.json") {
		t.Fatalf("got %v, want the write's error naming the file", err)
	}
	if _, err := os.Lstat(filepath.Join(dir, "croissant.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a failed tag file was left behind: %v", err)
	}
	// The name is free again, and the manifest lists only what was written.
	if err := w.AddTagFile("croissant.json", []byte("{}\n")); err != nil {
		t.Fatalf("the name of a failed tag file stayed taken: %v", err)
	}
	if _, _, err := w.StreamTagFile("metadata/files.jsonl", func(io.Writer) error { return nil }); !errors.Is(err, ErrExists) {
		t.Errorf("got %v, want ErrExists for a second files.jsonl", err)
	}
	if err := w.Close(nil); err != nil {
		t.Fatal(err)
	}
	tm := string(readFile(t, dir, "tagmanifest-sha256.txt"))
	for _, name := range []string{"metadata/files.jsonl", "croissant.json"} {
		if !strings.Contains(tm, "  "+name+"\n") {
			t.Errorf("tagmanifest-sha256.txt does not list %s:\n%s", name, tm)
		}
	}
	if !strings.Contains(tm, sum+"  metadata/files.jsonl\n") {
		t.Errorf("tagmanifest-sha256.txt lists another digest for files.jsonl:\n%s", tm)
	}
}
