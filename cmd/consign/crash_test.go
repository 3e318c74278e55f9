package main

import (
	"bytes"
	"context"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/consignhq/consign/pipeline/catalog"
)

// crashTrials is how many times TestKilledAtRandomMoments kills consign.
const crashTrials = 26

// TestKilledAtRandomMoments kills scan and pack with SIGKILL at random
// moments on a generated folder. After each kill the next run must
// succeed, the catalog must pass SQLite's integrity check, and the bundle
// must come out byte-identical to one an uninterrupted run made.
func TestKilledAtRandomMoments(t *testing.T) {
	if testing.Short() {
		t.Skip("kills consign 26 times: skipped with -short")
	}
	work := t.TempDir()
	bin := filepath.Join(work, "consign")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build consign: %v\n%s", err, out)
	}
	dir := filepath.Join(work, "content")
	if out, err := exec.Command("go", "run", "../../testdata/gen", "-o", dir, "-n", "400").CombinedOutput(); err != nil {
		t.Fatalf("generate the folder: %v\n%s", err, out)
	}
	env := append(os.Environ(), "HOME="+filepath.Join(work, "home"), "SOURCE_DATE_EPOCH=1700000000")
	run := func(args ...string) (time.Duration, error) {
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		err := cmd.Run()
		if err != nil {
			t.Logf("consign %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
		}
		return time.Since(start), err
	}
	if _, err := run("keygen"); err != nil {
		t.Fatal(err)
	}
	ref := filepath.Join(work, "ref")
	took, err := run("pack", "--accept-open", dir, "-o", ref)
	if err != nil {
		t.Fatal(err)
	}
	want := treeBytes(t, ref)

	rng := rand.New(rand.NewPCG(7, 11))
	out := filepath.Join(work, "out")
	for trial := range crashTrials {
		args := []string{"pack", "--accept-open", "--force", dir, "-o", out}
		if trial%3 == 0 {
			args = []string{"scan", "--format", "jsonl", dir}
		}
		if trial%5 == 4 {
			// Now and then start from a cold catalog, so kills land in
			// its first writes too.
			if _, err := run("cache", "clear", dir); err != nil {
				t.Fatal(err)
			}
		}
		delay := time.Duration(rng.Int64N(int64(took)))
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		if _, err := run("pack", "--accept-open", "--force", dir, "-o", out); err != nil {
			t.Fatalf("trial %d (%s killed after %v): the next pack failed", trial, args[0], delay)
		}
		checkCatalog(t, dir)
		if got := treeBytes(t, out); !sameTree(got, want) {
			t.Fatalf("trial %d (%s killed after %v): the bundle differs from an uninterrupted run's", trial, args[0], delay)
		}
	}
}

func checkCatalog(t *testing.T, dir string) {
	t.Helper()
	cat, err := catalog.Open(context.Background(), filepath.Join(dir, ".consign"), catalog.Options{
		Rebuilt: func(reason string) { t.Errorf("the catalog had to be rebuilt: %s", reason) },
	})
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	if err := cat.Check(context.Background()); err != nil {
		t.Fatalf("catalog integrity: %v", err)
	}
}

// treeBytes maps every file under root to its bytes.
func treeBytes(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		files[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameTree(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !bytes.Equal(v, w) {
			return false
		}
	}
	return true
}
