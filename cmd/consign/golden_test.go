package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestGoldenFixture scans the fixture folder that testdata/gen writes
// (photos with EXIF, GPS and offsets, tagged MP3/FLAC/M4A, a DOCX, Markdown
// with front matter, HTML, subtitles, several languages) and compares the
// JSON Lines with testdata/golden/fixture.jsonl. Run with -update to
// rewrite the golden file, then review the diff.
func TestGoldenFixture(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the fixture scan in -short mode")
	}
	dir := filepath.Join(t.TempDir(), "fixture")
	gen := exec.Command("go", "run", "./testdata/gen", "-o", dir)
	gen.Dir = filepath.Join("..", "..")
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("generate the fixture: %v\n%s", err, out)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"scan", "--format", "jsonl", dir}, &stdout, &stderr); code != exitOK {
		t.Fatalf("scan exited %d:\n%s", code, stderr.String())
	}
	golden := filepath.Join("testdata", "golden", "fixture.jsonl")
	if *update {
		if err := os.WriteFile(golden, stdout.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if !bytes.Equal(stdout.Bytes(), want) {
		t.Errorf("scan output differs from %s (run go test -update and review the diff):\n%s", golden, lineDiff(want, stdout.Bytes()))
	}
}

// lineDiff lists the lines that differ, position by position.
func lineDiff(want, got []byte) string {
	wl, gl := bytes.Split(want, []byte("\n")), bytes.Split(got, []byte("\n"))
	var b bytes.Buffer
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			b.WriteString("- " + string(w) + "\n+ " + string(g) + "\n")
		}
	}
	return b.String()
}
