package diff

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestCompareRefusesWhatIsNotABundle(t *testing.T) {
	good := writeBundle(t, fakeBundle{records: nil})
	file := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	noFiles := writeBundle(t, fakeBundle{})
	if err := os.Remove(filepath.Join(noFiles, "metadata", "files.jsonl")); err != nil {
		t.Fatal(err)
	}
	noBagit := writeBundle(t, fakeBundle{})
	if err := os.Remove(filepath.Join(noBagit, "bagit.txt")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		old, new string
		reason   string
	}{
		{"missing directory", filepath.Join(t.TempDir(), "gone"), good, "no such directory"},
		{"a file", good, file, "a file, not a directory"},
		{"no files.jsonl", good, noFiles, "it has no metadata/files.jsonl"},
		{"no bagit.txt", noBagit, good, "it has no bagit.txt"},
		{"another tool's bag", writeBundle(t, fakeBundle{agent: "bagit.py v1.8"}), good, "does not name consign"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compare(tt.old, tt.new)
			var nb *NotBundleError
			if !errors.Is(err, ErrNotBundle) || !errors.As(err, &nb) {
				t.Fatalf("err = %v, want a NotBundleError", err)
			}
			if bad := tt.old; bad == good {
				if nb.Dir != tt.new {
					t.Errorf("names %s, want the new bundle %s", nb.Dir, tt.new)
				}
			} else if nb.Dir != bad {
				t.Errorf("names %s, want the old bundle %s", nb.Dir, bad)
			}
			if !strings.Contains(err.Error(), tt.reason) {
				t.Errorf("err = %v, want it to say %q", err, tt.reason)
			}
		})
	}
}

func TestCompareRejectsDamagedMetadata(t *testing.T) {
	tests := []struct {
		name   string
		b      fakeBundle
		errSub string
	}{
		{"files.jsonl not json", fakeBundle{rawFiles: "{\"path\":\"a\",\"size\":1}\n{oops\n"}, "metadata/files.jsonl of "},
		{"files.jsonl out of order", fakeBundle{rawFiles: "{\"path\":\"b\",\"size\":1}\n{\"path\":\"a\",\"size\":1}\n"}, `line 2: "a" comes after "b"`},
		{"files.jsonl repeats a path", fakeBundle{rawFiles: "{\"path\":\"a\",\"size\":1}\n{\"path\":\"a\",\"size\":1}\n"}, "sorted by path, each once"},
		{"record without a path", fakeBundle{rawFiles: "{\"size\":1}\n"}, "line 1: a record without a path"},
		{"finding without an id", fakeBundle{rawFinds: "{\"path\":\"a\",\"status\":\"open\"}\n"}, "line 1: a finding without an id"},
		{"content profile not json", fakeBundle{licence: "{"}, "content-profile.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			good := writeBundle(t, fakeBundle{licence: "{}"})
			_, err := Compare(good, writeBundle(t, tt.b))
			if err == nil || errors.Is(err, ErrNotBundle) || !strings.Contains(err.Error(), tt.errSub) {
				t.Errorf("err = %v, want one saying %q", err, tt.errSub)
			}
		})
	}
}

func TestCompareIdentity(t *testing.T) {
	other := "urn:uuid:0b6d2f4e-8f4a-4c1e-9a53-7f2d1c0e5b6a"
	tests := []struct {
		name   string
		oldID  string
		newID  string
		same   bool
		agentN string
	}{
		{"one catalog", catalogA, catalogA, true, ""},
		{"two catalogs", catalogA, other, false, ""},
		{"a newer consign", catalogA, catalogA, true, "consign v0.4.0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustCompare(t, writeBundle(t, fakeBundle{id: tt.oldID}), writeBundle(t, fakeBundle{id: tt.newID, agent: tt.agentN}))
			if r.SameCatalog != tt.same || r.Old.ExternalIdentifier != tt.oldID || r.New.ExternalIdentifier != tt.newID {
				t.Errorf("SameCatalog %v (%s, %s), want %v", r.SameCatalog, r.Old.ExternalIdentifier, r.New.ExternalIdentifier, tt.same)
			}
			if r.Old.BaggingDate != "2024-06-03" || !strings.HasPrefix(r.New.SoftwareAgent, "consign v0.") {
				t.Errorf("bundle facts %+v", r.New)
			}
		})
	}
}

func TestParseBagInfo(t *testing.T) {
	got, err := parseBagInfo(strings.NewReader("A: one\nB: two\n  continued\r\nA: repeated\n\nC:\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got["A"] != "one" || got["B"] != "two continued" || got["C"] != "" || len(got) != 3 {
		t.Errorf("parsed %q", got)
	}
	if _, err := parseBagInfo(strings.NewReader("no colon here\n")); err == nil {
		t.Error("a line without a label gave no error")
	}
}

// TestCompareUnreadableMetadataWording: a metadata file that cannot be
// opened is named once with the reason, not again inside Go's "open
// PATH: ..." error.
func TestCompareUnreadableMetadataWording(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links: a Unix test")
	}
	good := writeBundle(t, fakeBundle{})
	looped := writeBundle(t, fakeBundle{})
	findings := filepath.Join(looped, "metadata", "findings.jsonl")
	os.Remove(findings)
	if err := os.Symlink("findings.jsonl", findings); err != nil { // a link to itself cannot be opened
		t.Fatal(err)
	}
	_, err := Compare(good, looped)
	if err == nil {
		t.Fatal("a findings.jsonl that cannot be opened was compared")
	}
	want := "open metadata/findings.jsonl of " + looped + ": too many levels of symbolic links"
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}
