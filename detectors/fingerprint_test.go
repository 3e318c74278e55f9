package detectors

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
)

func TestLoadOrCreateKey(t *testing.T) {
	dir := filepath.Join(t.TempDir(), ".consign")
	key, err := LoadOrCreateKey(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(key) != KeySize {
		t.Fatalf("key of %d bytes", len(key))
	}
	st, err := os.Stat(filepath.Join(dir, "key"))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 && runtime.GOOS != "windows" { // Windows keeps no mode bits
		t.Errorf("key mode %v, want 0600", st.Mode().Perm())
	}
	again, err := LoadOrCreateKey(dir)
	if err != nil || !bytes.Equal(key, again) {
		t.Fatalf("second load: %x, %v; want %x", again, err, key)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("state dir holds %d entries, want only the key", len(entries))
	}
}

func TestLoadOrCreateKeyRace(t *testing.T) {
	dir := t.TempDir()
	keys := make([][]byte, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() {
			k, err := LoadOrCreateKey(dir)
			if err != nil {
				t.Error(err)
			}
			keys[i] = k
		})
	}
	wg.Wait()
	for _, k := range keys[1:] {
		if !bytes.Equal(k, keys[0]) {
			t.Fatalf("racing runs got different keys: %x and %x", k, keys[0])
		}
	}
}

func TestLoadOrCreateKeyRejectsCorruptKey(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "key"), []byte("not hex\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateKey(dir); err == nil {
		t.Fatal("a corrupt key was accepted")
	}
}

func TestFingerprinter(t *testing.T) {
	a := NewFingerprinter(bytes.Repeat([]byte{1}, KeySize))
	b := NewFingerprinter(bytes.Repeat([]byte{2}, KeySize))
	id := a.ID("pii/email", "a.txt", "x@y.org", 0)
	tests := []struct {
		name  string
		other string
		same  bool
	}{
		{"same inputs", a.ID("pii/email", "a.txt", "x@y.org", 0), true},
		{"other occurrence", a.ID("pii/email", "a.txt", "x@y.org", 1), false},
		{"other path", a.ID("pii/email", "b.txt", "x@y.org", 0), false},
		{"other detector", a.ID("pii/card", "a.txt", "x@y.org", 0), false},
		{"fields do not run together", a.ID("pii/email", "a.tx", "tx@y.org", 0), false},
		{"other key", b.ID("pii/email", "a.txt", "x@y.org", 0), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if (tt.other == id) != tt.same {
				t.Errorf("id %s vs %s, want same=%v", id, tt.other, tt.same)
			}
		})
	}
	if len(id) != idLength {
		t.Errorf("id %q is %d chars", id, len(id))
	}
	if h := a.ValueHash("v"); h != a.ValueHash("v") || h == b.ValueHash("v") || len(h) != 64 {
		t.Error("value hash must be keyed, deterministic, 64 hex digits")
	}
}

// TestFingerprinterKnownAnswers pins ids and value hashes, which reports,
// ignore lists and bundles keep from run to run: HMAC-SHA256 under
// "consign finding id", NUL, the key, of the detector, path, value and
// occurrence each followed by NUL (an id is the first 20 hex digits);
// and HMAC-SHA256 under the key of the value.
func TestFingerprinterKnownAnswers(t *testing.T) {
	f := NewFingerprinter(bytes.Repeat([]byte{1}, KeySize))
	for range 2 { // the second time through the reused buffers
		if got, want := f.ID("pii/email", "a.txt", "x@y.org", 12), "d9ca79ab2f288842c0ab"; got != want {
			t.Errorf("id %s, want %s", got, want)
		}
		if got, want := f.ValueHash("+12025550143"), "4a093180b9aa7cec57b381cba4cbc67e90f3e8749d12a1b722dd94c76663dc42"; got != want {
			t.Errorf("value hash %s, want %s", got, want)
		}
	}
}

// TestLoadOrCreateKeyWording: a state folder that cannot be made is named
// once, with the reason, not again inside a raw "mkdir PATH: ..." error.
func TestLoadOrCreateKeyWording(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links: a Unix test")
	}
	dir := t.TempDir()
	// A link to nowhere: no key is there to read, and no folder can be
	// made in its place.
	state := filepath.Join(dir, "state")
	if err := os.Symlink(filepath.Join(dir, "gone", "state"), state); err != nil {
		t.Fatal(err)
	}
	_, err := LoadOrCreateKey(state)
	if err == nil {
		t.Fatal("a state folder was made where a link stands")
	}
	if want := "create state directory " + state + ": file exists"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}

// TestReadKeyUnreadableWording: a key that cannot be read is named once,
// with the reason, not again inside Go's "open PATH:" chain; and a missing
// key is still told apart, as LoadOrCreateKey needs.
func TestReadKeyUnreadableWording(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "key")
	_, err := ReadKey(missing)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("ReadKey(missing) = %v, want an error that is fs.ErrNotExist", err)
	}
	if want := "read fingerprint key " + missing + ": " + syscall.ENOENT.Error(); err.Error() != want {
		t.Errorf("ReadKey(missing) = %q, want %q", err, want)
	}
	if strings.Count(err.Error(), missing) != 1 {
		t.Errorf("ReadKey(missing) = %q names the file more than once", err)
	}
}
