package htmlreport

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// layoutScript measures the page in the browser and returns what is
// broken: content wider than the window or than the page's column, an
// empty section or chart, a script element.
const layoutScript = `
const out = [];
const de = document.documentElement;
if (de.scrollWidth > de.clientWidth + 1) out.push("page scrolls sideways: " + de.scrollWidth + "px in " + de.clientWidth + "px");
const main = document.querySelector("main");
if (!main) return ["no main element"];
const box = main.getBoundingClientRect();
for (const id of ["offer", "catalog", "readiness", "redaction", "terms", "exclude"]) {
  const el = document.getElementById(id);
  if (!el) { out.push("no section #" + id); continue; }
  if (el.getBoundingClientRect().height < 40) out.push("section #" + id + " is empty");
}
for (const svg of document.querySelectorAll("figure svg")) {
  const r = svg.getBoundingClientRect();
  if (r.height < 10 || r.width < 100) out.push("chart " + svg.closest("figure").id + " is " + r.width + "x" + r.height);
}
for (const el of main.querySelectorAll("*")) {
  const r = el.getBoundingClientRect();
  if (r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1)) {
    out.push(el.tagName.toLowerCase() + "." + el.className + " overflows the page by " + Math.round(Math.max(r.right - box.right, box.left - r.left)) + "px: " + el.textContent.slice(0, 40));
  }
  if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible") {
    out.push(el.tagName.toLowerCase() + " clips its content: " + el.textContent.slice(0, 40));
  }
}
for (const cell of main.querySelectorAll("td, th, dd, dt")) {
  const c = cell.getBoundingClientRect();
  for (const el of cell.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > c.right + 1) out.push(el.tagName.toLowerCase() + "." + el.className + " overflows its cell: " + el.textContent.slice(0, 40));
  }
}
if (document.querySelector("script")) out.push("page has a script element");
return out.slice(0, 30);`

// webDriver is the least of the W3C WebDriver protocol that the layout
// check needs, spoken to chromedriver.
type webDriver struct {
	base, session string
}

func (w *webDriver) call(method, path string, body any) (json.RawMessage, error) {
	var r *bytes.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	} else {
		r = bytes.NewReader(nil)
	}
	req, err := http.NewRequest(method, w.base+path, r)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, fmt.Errorf("webdriver %s %s: %w", method, path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("webdriver %s %s: %s: %s", method, path, resp.Status, out.Value)
	}
	return out.Value, nil
}

// startWebDriver runs chromedriver on a free port and opens a headless
// chromium session of the given window size.
func startWebDriver(t *testing.T, chromium string, width, height int) *webDriver {
	t.Helper()
	driver, err := exec.LookPath("chromedriver")
	if err != nil {
		t.Skip("chromedriver is not installed: the layout is not measured (apt-get install chromium-driver)")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, driver, "--port="+strconv.Itoa(port))
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("start chromedriver: %v", err)
	}
	t.Cleanup(func() { cancel(); _ = cmd.Wait() })
	w := &webDriver{base: "http://127.0.0.1:" + strconv.Itoa(port)}
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, err := w.call("GET", "/status", nil); err == nil {
			break
		} else if time.Now().After(deadline) {
			t.Fatalf("chromedriver did not start: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}
	args := append(append([]string{}, chromiumFlags...), fmt.Sprintf("--window-size=%d,%d", width, height), "--user-data-dir="+t.TempDir())
	v, err := w.call("POST", "/session", map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"goog:chromeOptions": map[string]any{"binary": chromium, "args": args},
		"goog:loggingPrefs":  map[string]string{"browser": "ALL"},
	}}})
	if err != nil {
		t.Fatalf("open a chromium session: %v", err)
	}
	var s struct {
		SessionID string `json:"sessionId"`
	}
	if err := json.Unmarshal(v, &s); err != nil || s.SessionID == "" {
		t.Fatalf("open a chromium session: %s", v)
	}
	w.session = "/session/" + s.SessionID
	t.Cleanup(func() { _, _ = w.call("DELETE", w.session, nil) })
	return w
}

func TestChromiumLayout(t *testing.T) {
	if testing.Short() {
		t.Skip("renders in a browser; skipped with -short")
	}
	bin := findChromium(t)
	page := writePage(t, sampleModel(60))
	// A screen, and a window as wide as an A4 sheet at 96 dpi.
	for _, size := range [][2]int{{1240, 900}, {794, 1123}, {420, 900}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			w := startWebDriver(t, bin, size[0], size[1])
			if _, err := w.call("POST", w.session+"/url", map[string]string{"url": "file://" + page}); err != nil {
				t.Fatal(err)
			}
			v, err := w.call("POST", w.session+"/execute/sync", map[string]any{"script": layoutScript, "args": []any{}})
			if err != nil {
				t.Fatal(err)
			}
			var broken []string
			if err := json.Unmarshal(v, &broken); err != nil {
				t.Fatalf("layout check returned %s", v)
			}
			if len(broken) > 0 {
				t.Errorf("broken layout:\n%s", strings.Join(broken, "\n"))
			}
			logs, err := w.call("POST", w.session+"/se/log", map[string]string{"type": "browser"})
			if err != nil {
				t.Fatal(err)
			}
			var entries []struct{ Level, Message string }
			_ = json.Unmarshal(logs, &entries)
			for _, e := range entries {
				t.Errorf("console %s: %s", e.Level, e.Message)
			}
		})
	}
}
