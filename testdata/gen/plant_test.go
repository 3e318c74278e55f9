package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readManifest(t *testing.T, b []byte) []Plant {
	t.Helper()
	var m struct {
		Plants []Plant `json:"plants"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("read planted manifest: %v", err)
	}
	return m.Plants
}

// TestPlantedValuesSitAtTheirOffsets checks every planted value is in its
// file at the recorded offsets, that every kind is planted, and that the
// same seed gives the same manifest.
func TestPlantedValuesSitAtTheirOffsets(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts options
	}{
		{"mixed files", options{seed: 3, n: 200}},
		{"tiny files", options{seed: 3, n: 200, tiny: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "a")
			b, err := generateOpts(dir, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			again, err := generateOpts(filepath.Join(t.TempDir(), "b"), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b, again) {
				t.Error("the same options gave two different manifests")
			}
			plants := readManifest(t, b)
			kinds := map[string]int{}
			for _, p := range plants {
				kinds[p.Kind]++
				content, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p.Path)))
				if err != nil {
					t.Fatal(err)
				}
				if p.Start < 0 || p.End > len(content) || string(content[p.Start:p.End]) != p.Value {
					t.Errorf("%s: %q is not at [%d,%d)", p.Path, p.Value, p.Start, p.End)
				}
			}
			for _, k := range plantKinds {
				if kinds[k.kind] == 0 {
					t.Errorf("no %s planted", k.kind)
				}
			}
		})
	}
}

func TestManifestMustBeOutsideTheFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	var stderr strings.Builder
	if code := run([]string{"-o", dir, "-manifest", filepath.Join(dir, "planted.json")}, &stderr); code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	if !strings.Contains(stderr.String(), "outside the output directory") {
		t.Errorf("stderr = %q", stderr.String())
	}
	manifest := filepath.Join(filepath.Dir(dir), "planted.json")
	if code := run([]string{"-o", dir, "-n", "20", "-manifest", manifest}, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	b, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(readManifest(t, b)); got != 4+3 {
		t.Errorf("%d plants, want 7 (the letter's four, one in each Markdown and text file of 20 extras)", got)
	}
}
