package htmlreport

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// chromiumFlags are the flags every headless run takes: no GPU and no
// sandbox, which containers and CI machines lack.
var chromiumFlags = []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars"}

// findChromium returns Debian's chromium, or skips the test with what to
// install.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	t.Skip("chromium is not installed: the page is not rendered in a browser (make tools installs Debian's chromium and chromium-driver; apt-get install chromium chromium-driver)")
	return ""
}

// artifactDir is where the browser tests leave their screenshots:
// $CONSIGN_ARTIFACTS when set, else testdata/artifacts (ignored by git).
func artifactDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("CONSIGN_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("testdata", "artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	return abs
}

// runChromium runs the browser on page with extra flags and returns its
// standard output and error. Each run gets its own profile directory.
func runChromium(t *testing.T, bin, page string, extra ...string) (stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	args := append(append([]string{}, chromiumFlags...), "--user-data-dir="+t.TempDir(), "--enable-logging=stderr", "--v=0")
	args = append(append(args, extra...), "file://"+page)
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(extra, " "), err, errb.String())
	}
	return out.String(), errb.String()
}

// consoleRe finds the page's console messages in chromium's log: errors,
// and the refusals of the page's Content-Security-Policy, which is how a
// request to anything outside the page shows.
var consoleRe = regexp.MustCompile(`(?m)^\[[^\]]*:CONSOLE[^\]]*\] .*$`)

func consoleMessages(stderr string) []string { return consoleRe.FindAllString(stderr, -1) }

// mediaBoxRe finds the page sizes of a PDF chromium printed.
var mediaBoxRe = regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]`)

// writePage renders m to a file and returns its absolute path.
func writePage(t *testing.T, m *Model) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "profile.html")
	if err := WriteFile(path, m); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestChromiumRendersPage(t *testing.T) {
	if testing.Short() {
		t.Skip("renders in a browser; skipped with -short")
	}
	bin := findChromium(t)
	page := writePage(t, sampleModel(60))
	artifacts := artifactDir(t)

	t.Run("screenshot without console errors", func(t *testing.T) {
		shot := filepath.Join(artifacts, "profile.png")
		os.Remove(shot)
		_, stderr := runChromium(t, bin, page, "--window-size=1240,1754", "--screenshot="+shot)
		if msgs := consoleMessages(stderr); len(msgs) > 0 {
			t.Errorf("console messages:\n%s", strings.Join(msgs, "\n"))
		}
		f, err := os.Open(shot)
		if err != nil {
			t.Fatalf("no screenshot: %v", err)
		}
		defer f.Close()
		img, err := png.Decode(f)
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		if b := img.Bounds(); b.Dx() != 1240 || b.Dy() != 1754 {
			t.Errorf("screenshot is %v", b)
		}
		t.Logf("screenshot saved to %s", shot)
	})

	t.Run("DOM holds every section and no script", func(t *testing.T) {
		dom, stderr := runChromium(t, bin, page, "--dump-dom")
		if msgs := consoleMessages(stderr); len(msgs) > 0 {
			t.Errorf("console messages:\n%s", strings.Join(msgs, "\n"))
		}
		for _, id := range []string{"offer", "catalog", "by-kind", "by-year", "by-language", "readiness", "redaction", "terms", "exclude"} {
			if !strings.Contains(dom, `id="`+id+`"`) {
				t.Errorf("DOM lacks #%s", id)
			}
		}
		if strings.Contains(dom, "<script") {
			t.Error("the hostile file name became a script element")
		}
		if !strings.Contains(dom, "&lt;script&gt;alert(1)&lt;/script&gt;.txt") {
			t.Error("the hostile file name is not shown as text")
		}
	})

	t.Run("prints on A4", func(t *testing.T) {
		pdf := filepath.Join(artifacts, "profile.pdf")
		os.Remove(pdf)
		runChromium(t, bin, page, "--no-pdf-header-footer", "--print-to-pdf="+pdf)
		data, err := os.ReadFile(pdf)
		if err != nil {
			t.Fatalf("no PDF: %v", err)
		}
		boxes := mediaBoxRe.FindAllSubmatch(data, -1)
		if len(boxes) < 2 {
			t.Fatalf("%d pages printed, want the 60-finding checklist to take several", len(boxes))
		}
		for i, box := range boxes {
			w, _ := strconv.ParseFloat(string(box[1]), 64)
			h, _ := strconv.ParseFloat(string(box[2]), 64)
			// A4 is 595.28 x 841.89 points; chromium rounds to its own units.
			if w < 593 || w > 597 || h < 840 || h > 844 {
				t.Errorf("page %d is %.2f x %.2f points, not A4", i+1, w, h)
			}
		}
	})
}

func TestChromiumCatchesConsoleErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("renders in a browser; skipped with -short")
	}
	bin := findChromium(t)
	// The page's own policy, with what a broken template could let in.
	bad := filepath.Join(t.TempDir(), "bad.html")
	html := `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"></head>` +
		`<body><img src="http://192.0.2.1/x.png" alt=""></body></html>`
	if err := os.WriteFile(bad, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr := runChromium(t, bin, bad, "--dump-dom")
	if len(consoleMessages(stderr)) == 0 {
		t.Fatalf("an outside image raised no console message; the check would miss it:\n%s", stderr)
	}
}
