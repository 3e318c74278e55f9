package rights

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/consignhq/consign/detectors"
)

func TestC2PAFields(t *testing.T) {
	d := NewC2PA(detectors.Config{})
	cases := []struct{ field, value, kind, detail, action string }{
		{"c2pa:manifest", "jpeg app11", KindC2PA, "jpeg app11", ""},
		{"c2pa:c2pa.ai_training", "notAllowed", KindC2PATraining, "c2pa.ai_training=notAllowed", detectors.ActionExclude},
		{"c2pa:c2pa.ai_generative_training", "allowed", KindC2PATraining, "c2pa.ai_generative_training=allowed", ""},
		{"c2pa:c2pa.data_mining", "constrained", KindC2PATraining, "c2pa.data_mining=constrained", detectors.ActionReview},
		{"c2pa:c2pa.ai_inference", "notAllowed", KindC2PATraining, "c2pa.ai_inference=notAllowed", detectors.ActionReview},
		{"html:link:c2pa-manifest", "/credentials/trip.c2pa", KindC2PA, "html link", ""},
		{"xmp:dcterms:provenance", "https://cai.example/manifests/urn:uuid:1234", KindC2PA, "xmp remote manifest", ""},
	}
	for _, c := range cases {
		t.Run(c.field+"="+c.value, func(t *testing.T) {
			fs := detectFields(t, d, detectors.Field{Name: c.field, Value: c.value})
			if len(fs) != 1 || fs[0].Kind != c.kind || fs[0].Detail != c.detail || fs[0].Action != c.action {
				t.Fatalf("findings %+v, want %s %q %q", fs, c.kind, c.detail, c.action)
			}
		})
	}
}

func TestC2PASidecar(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "photos"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "photos", "beach.c2pa"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	d := NewC2PA(detectors.Config{Root: root})
	for path, want := range map[string]int{"photos/beach.jpg": 1, "photos/dune.jpg": 0, "photos/beach.c2pa": 0} {
		t.Run(path, func(t *testing.T) {
			fs, _ := d.Detect(context.Background(), &detectors.Item{Path: path})
			if len(fs) != want {
				t.Fatalf("findings %+v, want %d", fs, want)
			}
			if want == 1 && (fs[0].Kind != KindC2PA || fs[0].Location.Field != "c2pa:sidecar") {
				t.Errorf("finding %+v, want a c2pa sidecar finding", fs[0])
			}
		})
	}
}

// TestC2PASidecarManyFolders: the folder listings that stand in for a
// stat a file give the same answers when more folders are visited than
// are remembered, and when a folder is visited again after it was
// forgotten.
func TestC2PASidecarManyFolders(t *testing.T) {
	root := t.TempDir()
	const folders = sidecarFolders + 10
	for i := range folders {
		dir := filepath.Join(root, fmt.Sprintf("d%03d", i))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if i%3 == 0 {
			if err := os.WriteFile(filepath.Join(dir, "a.c2pa"), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	d := NewC2PA(detectors.Config{Root: root})
	// Enough names a folder that each is listed.
	names := []string{"a.jpg"}
	for k := range statsBeforeListing + 1 {
		names = append(names, fmt.Sprintf("b%d.jpg", k))
	}
	for round := range 2 {
		for i := range folders {
			for _, name := range names {
				p := fmt.Sprintf("d%03d/%s", i, name)
				fs, _ := d.Detect(context.Background(), &detectors.Item{Path: p})
				want := 0
				if i%3 == 0 && name == "a.jpg" {
					want = 1
				}
				if len(fs) != want {
					t.Fatalf("round %d, %s: %d findings, want %d", round, p, len(fs), want)
				}
			}
		}
	}
}

// TestC2PASidecarConcurrent: workers share one detector, and so its
// folder listings.
func TestC2PASidecarConcurrent(t *testing.T) {
	root := t.TempDir()
	for i := range 8 {
		dir := filepath.Join(root, fmt.Sprintf("d%d", i))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "a.c2pa"), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d := NewC2PA(detectors.Config{Root: root})
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for range 4 {
		wg.Go(func() {
			for i := range 8 {
				p := fmt.Sprintf("d%d/a.jpg", i)
				if fs, _ := d.Detect(context.Background(), &detectors.Item{Path: p}); len(fs) != 1 {
					errs <- fmt.Sprintf("%s: %d findings, want 1", p, len(fs))
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

// TestC2PASidecarListsBusyFolders: a folder is listed only once more
// than statsBeforeListing of its names were looked up, and once; the
// answers before and after are the same.
func TestC2PASidecarListsBusyFolders(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "p3.c2pa"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "p30.C2PA"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	d := &C2PA{root: root}
	listings := 0
	d.sidecars.list = func(dir string) *sidecarFolder {
		listings++
		return listSidecars(dir)
	}
	for i := range 2 * statsBeforeListing {
		p := fmt.Sprintf("p%d.jpg", i)
		fs, _ := d.Detect(context.Background(), &detectors.Item{Path: p})
		// p30.C2PA is listed, but only a file system that ignores case
		// has p30.c2pa, the name stat'ed.
		_, err := os.Stat(filepath.Join(root, "p30.c2pa"))
		want := map[bool]int{true: 1}[i == 3 || (i == 30 && err == nil)]
		if len(fs) != want {
			t.Errorf("%s: %d findings, want %d", p, len(fs), want)
		}
		if wantListings := map[bool]int{true: 1}[i >= statsBeforeListing]; listings != wantListings {
			t.Fatalf("after %d names: %d listings, want %d", i+1, listings, wantListings)
		}
	}
}
