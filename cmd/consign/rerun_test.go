package main

import (
	"context"
	"io"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/consignhq/consign/pipeline"
)

// TestRerunReadsNothingUnchanged packs a generated folder and then scans
// it again: with nothing changed, the rerun reads no file content, even
// though pack hard-linked every file into the bundle.
func TestRerunReadsNothingUnchanged(t *testing.T) {
	needGo(t)
	work := t.TempDir()
	dir := filepath.Join(work, "content")
	if out, err := exec.Command("go", "run", "../../testdata/gen", "-o", dir, "-n", "50").CombinedOutput(); err != nil {
		t.Fatalf("generate the folder: %v\n%s", err, out)
	}
	setHome(t, filepath.Join(work, "home"))
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	consign := consignOK(t)
	consign("keygen")
	consign("pack", "--accept-open", dir, "-o", filepath.Join(work, "out"))
	consign("pack", "--accept-open", "--force", dir, "-o", filepath.Join(work, "out"))
	g := &globalOptions{jobs: 2, stdout: io.Discard, stderr: io.Discard}
	opts, _, done, err := newPipeline(context.Background(), dir, &selection{}, g)
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	sum, err := pipeline.Scan(context.Background(), opts, func(*pipeline.Record) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if sum.Read != 0 {
		t.Errorf("a rerun with nothing changed read %d bytes of content (of %d)", sum.Read, sum.Bytes)
	}
}
