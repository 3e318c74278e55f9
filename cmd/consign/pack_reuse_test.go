package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/consignhq/consign/manifest/redact"
	"github.com/consignhq/consign/pipeline"
)

// consignOK returns a function that runs consign in the test's process
// and fails the test unless it exits 0.
func consignOK(t *testing.T) func(args ...string) {
	return func(args ...string) {
		t.Helper()
		if code := run(args, io.Discard, io.Discard); code != exitOK {
			t.Fatalf("consign %v: exit %d", args, code)
		}
	}
}

// TestRepackTakesRedactedCopies packs a folder again and again: a
// redacted copy is taken from the bundle being replaced only while the
// original, the policy and the copy itself are unchanged, and every bundle
// is byte for byte the one a pack from scratch makes.
func TestRepackTakesRedactedCopies(t *testing.T) {
	work := t.TempDir()
	dir := filepath.Join(work, "content")
	write := func(name, body string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		later := time.Now().Add(time.Duration(len(body)) * time.Second)
		os.Chtimes(p, later, later)
	}
	const profile = "creator:\n  name: Jane Doe\nphone_region: GB\n"
	write("consign.yaml", profile)
	write("notes/a.txt", "Call 07400 410220 or write to me@example.org.\n")
	write("notes/b.txt", "Write to someone@example.org today.\n")
	write("notes/c.txt", "Nothing to hide here.\n")
	setHome(t, filepath.Join(work, "home"))
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	consign := consignOK(t)
	consign("keygen")
	out := filepath.Join(work, "out")
	consign("pack", "--accept-open", dir, "-o", out)

	stat := func(name string) os.FileInfo {
		t.Helper()
		info, err := os.Lstat(filepath.Join(out, "data", name))
		if err != nil {
			t.Fatal(err)
		}
		// On Windows the file's id is read at the first comparison, by
		// its name: read it now, before a repack puts another file there.
		os.SameFile(info, info)
		return info
	}
	if a, _ := os.ReadFile(filepath.Join(out, "data/notes/a.txt")); bytes.Contains(a, []byte("410220")) {
		t.Fatalf("the phone number was not masked: %q", a)
	}
	tests := []struct {
		name   string
		edit   func()
		taken  map[string]bool // redacted copies that must be the previous bundle's
		masked bool            // notes/a.txt's number
	}{
		{"nothing changed", func() {}, map[string]bool{"notes/a.txt": true, "notes/b.txt": true}, true},
		{"one original edited", func() { write("notes/a.txt", "Call 07400 410220 or write to me@example.org, later.\n") },
			map[string]bool{"notes/a.txt": false, "notes/b.txt": true}, true},
		{"a copy tampered with in the bundle", func() {
			p := filepath.Join(out, "data/notes/b.txt")
			b, _ := os.ReadFile(p)
			os.WriteFile(p, bytes.ToUpper(b), 0o644)
		}, map[string]bool{"notes/a.txt": true, "notes/b.txt": false}, true},
		{"the policy changed", func() { write("consign.yaml", profile+"redaction: {phone: review}\n") },
			map[string]bool{"notes/a.txt": false, "notes/b.txt": true}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := map[string]os.FileInfo{}
			for name := range tt.taken {
				before[name] = stat(name)
			}
			tt.edit()
			consign("pack", "--accept-open", "--force", dir, "-o", out)
			for name, taken := range tt.taken {
				if got := os.SameFile(stat(name), before[name]); got != taken {
					t.Errorf("%s taken from the last bundle: %v, want %v", name, got, taken)
				}
			}
			scratch := filepath.Join(t.TempDir(), "scratch")
			consign("pack", "--accept-open", "--no-cache", dir, "-o", scratch)
			a, _ := os.ReadFile(filepath.Join(out, "data/notes/a.txt"))
			if masked := !bytes.Contains(a, []byte("410220")); masked != tt.masked {
				t.Errorf("the phone number masked: %v, want %v", masked, tt.masked)
			}
			if !sameTree(treeBytes(t, out), treeBytes(t, scratch)) {
				t.Error("the bundle differs from a pack from scratch")
			}
		})
	}
}

// TestCopyRecipeKeepsItsBytes pins the recipe of redacted copies to the
// encoding the catalogs of earlier packs hold (encoding/json's): a recipe
// that changed would have every repack after an upgrade make each copy
// again.
func TestCopyRecipeKeepsItsBytes(t *testing.T) {
	rec := &pipeline.Record{SHA256: strings.Repeat("ab", 32), Size: 1234, MediaType: "application/xhtml+xml"}
	for _, plan := range []*filePlan{
		{strip: redact.Strip{GPS: true, Owner: true}},
		{ranges: []redact.Range{{Start: 3, End: 9}, {Start: 40, End: 52}}},
		{},
	} {
		b, err := json.Marshal(recipeOf(rec, plan))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		if got, want := copyRecipe(rec, plan), hex.EncodeToString(sum[:]); got != want {
			t.Errorf("recipe of %+v: %s, want %s (of %s)", plan, got, want, b)
		}
	}
}
