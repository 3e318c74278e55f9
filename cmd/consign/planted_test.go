package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// plant is one entry of the generator's manifest of planted values.
type plant struct {
	Path     string `json:"path"`
	Detector string `json:"detector"`
	Category string `json:"category"`
	Kind     string `json:"kind"`
	Value    string `json:"value"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// TestScanFindsEveryPlantedValue generates a folder with planted personal
// data and rights marks (go run ./testdata/gen -manifest), scans it, and
// requires a finding of the planted detector and kind at exactly the
// recorded byte offsets for every one of them.
func TestScanFindsEveryPlantedValue(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the generated folder scan in -short mode")
	}
	for _, tiny := range []bool{false, true} {
		t.Run(fmt.Sprintf("tiny=%v", tiny), func(t *testing.T) {
			work := t.TempDir()
			dir, manifest := filepath.Join(work, "content"), filepath.Join(work, "planted.json")
			args := []string{"run", "./testdata/gen", "-o", dir, "-n", "400", "-seed", "7", "-manifest", manifest}
			if tiny {
				args = append(args, "-tiny")
			}
			gen := exec.Command("go", args...)
			gen.Dir = filepath.Join("..", "..")
			if out, err := gen.CombinedOutput(); err != nil {
				t.Fatalf("generate: %v\n%s", err, out)
			}
			b, err := os.ReadFile(manifest)
			if err != nil {
				t.Fatal(err)
			}
			var m struct{ Plants []plant }
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			if len(m.Plants) < 30 {
				t.Fatalf("only %d planted values", len(m.Plants))
			}
			var stdout, stderr bytes.Buffer
			if code := run([]string{"scan", "--format", "jsonl", dir}, &stdout, &stderr); code != exitOK {
				t.Fatalf("scan exited %d:\n%s", code, stderr.String())
			}
			found := map[plant]bool{}
			sc := bufio.NewScanner(&stdout)
			sc.Buffer(nil, 1<<20)
			for sc.Scan() {
				var f struct {
					Type, Path, Detector, Category, Kind string
					Location                             struct {
						In         string
						Start, End int
					}
				}
				if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
					t.Fatal(err)
				}
				if f.Type == "finding" && f.Location.In == "content" {
					found[plant{Path: f.Path, Detector: f.Detector, Category: f.Category, Kind: f.Kind, Start: f.Location.Start, End: f.Location.End}] = true
				}
			}
			for _, p := range m.Plants {
				key := p
				key.Value = ""
				if !found[key] {
					t.Errorf("%s: no %s finding (%s/%s) at [%d,%d) for %q", p.Path, p.Detector, p.Category, p.Kind, p.Start, p.End, p.Value)
				}
			}
		})
	}
}
