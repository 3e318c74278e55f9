package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consignhq/consign/manifest/sign"
)

// fromFixture is a content folder, a signing key and an isolated home,
// with SOURCE_DATE_EPOCH set.
type fromFixture struct {
	dir, key, work string
}

func newFromFixture(t *testing.T, files map[string]string) *fromFixture {
	t.Helper()
	work := t.TempDir()
	for _, env := range []string{"HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"} {
		t.Setenv(env, filepath.Join(work, "home", strings.ToLower(env)))
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	dir := filepath.Join(work, "folder")
	for rel, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	key, _, err := sign.GenerateKeyPair(filepath.Join(work, "keys"), false)
	if err != nil {
		t.Fatal(err)
	}
	return &fromFixture{dir: dir, key: key, work: work}
}

// consign runs the command in this process and returns its exit code,
// stdout and stderr.
func (f *fromFixture) consign(args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// shards scans the folder with consign scan --format jsonl and splits the
// output into a shard directory whose summary names root.
func (f *fromFixture) shards(t *testing.T, root string) string {
	t.Helper()
	code, scan, stderr := f.consign("scan", f.dir, "--format", "jsonl", "--no-cache")
	if code != 0 && code != exitFindings {
		t.Fatalf("scan exit %d: %s", code, stderr)
	}
	out := filepath.Join(f.work, "shards-"+strings.NewReplacer("/", "_", ":", "_").Replace(root))
	if err := splitScan([]byte(scan), f.dir, out, root, 3); err != nil {
		t.Fatal(err)
	}
	return out
}

var fromFiles = map[string]string{
	"consign.yaml":     "creator:\n  name: Ada\nexternal_identifier: urn:uuid:0b6d2f4e-8f4a-4c1e-9a53-7f2d1c0e5b6a\n",
	"a.txt":            "first\n",
	"b/c.md":           "# second\n",
	"e f.txt":          "a name with a space\n",
	"100%/done.txt":    "a name with a percent sign\n",
	"photos/raw.bin":   strings.Repeat("\x00\x01binary", 100),
	"order.txt":        "paid with 4111 1111 1111 1111 on Monday\n",
	"nested/deep/z.md": "last\n",
}

func TestPackFromLocalShardsEqualsPack(t *testing.T) {
	f := newFromFixture(t, fromFiles)
	scanned := filepath.Join(f.work, "scanned")
	if code, _, stderr := f.consign("pack", f.dir, "-o", scanned, "--key", f.key, "--no-cache"); code != 0 {
		t.Fatalf("pack: exit %d: %s", code, stderr)
	}
	shards := f.shards(t, f.dir)
	fromShards := filepath.Join(f.work, "from-shards")
	code, stdout, stderr := f.consign("pack", "--from", shards, "-o", fromShards, "--key", f.key, f.dir)
	if code != 0 {
		t.Fatalf("pack --from: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "packed 7 files") {
		t.Errorf("stdout %q", stdout)
	}
	a, b := treeFiles(t, scanned), treeFiles(t, fromShards)
	if len(a) != len(b) {
		t.Fatalf("pack wrote %d files, pack --from %d", len(a), len(b))
	}
	for name, want := range a {
		if got, ok := b[name]; !ok || !bytes.Equal(got, want) {
			t.Errorf("%s differs between pack and pack --from", name)
		}
	}
	if code, stdout, _ := f.consign("verify", fromShards); code != 0 {
		t.Fatalf("verify: exit %d:\n%s", code, stdout)
	}
}

func TestPackFromRemoteRootFetches(t *testing.T) {
	f := newFromFixture(t, fromFiles)
	var tamper bool
	srv := httptest.NewServer(http.StripPrefix("/cat/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := os.ReadFile(filepath.Join(f.dir, filepath.FromSlash(r.URL.Path)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		if tamper && r.URL.Path == "a.txt" {
			body[0] ^= 1
		}
		w.Write(body)
	})))
	defer srv.Close()
	shards := f.shards(t, srv.URL+"/cat")

	bundle := filepath.Join(f.work, "holey")
	code, _, stderr := f.consign("pack", "--from", shards, "-o", bundle, "--key", f.key, f.dir)
	if code != exitFindings || !strings.Contains(stderr, "1 file under the remote root "+srv.URL+"/cat needs a redacted copy, which pack cannot make without reading it (redact it at the source, exclude it in consign.yaml, or pass --accept-open to list it unredacted)") || !strings.Contains(stderr, "needs redaction order.txt") {
		t.Fatalf("pack of a remote root with a file to redact: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(bundle); !os.IsNotExist(err) {
		t.Fatalf("a refused pack wrote %s", bundle)
	}
	code, stdout, stderr := f.consign("pack", "--from", shards, "-o", bundle, "--key", f.key, "--accept-open", f.dir)
	if code != 0 || !strings.Contains(stdout, "7 of them listed in fetch.txt") || !strings.Contains(stderr, "order.txt: listed unredacted") {
		t.Fatalf("pack --accept-open: exit %d, %s %s", code, stdout, stderr)
	}
	fetchTxt, err := os.ReadFile(filepath.Join(bundle, "fetch.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{srv.URL + "/cat/e%20f.txt 20 data/e f.txt\n", srv.URL + "/cat/100%25/done.txt 27 data/100%25/done.txt\n"} {
		if !strings.Contains(string(fetchTxt), want) {
			t.Errorf("fetch.txt lacks %q:\n%s", want, fetchTxt)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(bundle, "data")); len(entries) != 0 {
		t.Fatalf("the holey bag holds payload files: %v", entries)
	}
	copyDir := func(name string) string {
		dst := filepath.Join(f.work, name)
		if code, _, stderr := f.consign("pack", "--from", shards, "-o", dst, "--key", f.key, "--accept-open", f.dir); code != 0 {
			t.Fatalf("pack: %s", stderr)
		}
		return dst
	}
	tampered := copyDir("tampered")

	code, stdout, _ = f.consign("verify", bundle)
	if code != exitFindings || !strings.Contains(stdout, "incomplete: 7 payload files are listed in fetch.txt") {
		t.Fatalf("verify of a holey bag: exit %d\n%s", code, stdout)
	}
	code, stdout, _ = f.consign("verify", bundle, "--fetch")
	if code != 0 || !strings.Contains(stdout, "fetched 7 files") || !strings.HasSuffix(stdout, "\nvalid\n") {
		t.Fatalf("verify --fetch: exit %d\n%s", code, stdout)
	}
	tamper = true
	code, stdout, _ = f.consign("verify", tampered, "--fetch")
	if code != exitFindings || !strings.Contains(stdout, "problem: fetch: data/a.txt: fetch "+srv.URL+"/cat/a.txt: sha256 checksum differs") ||
		!strings.Contains(stdout, "incomplete: 1 payload file is listed in fetch.txt and not in the bundle, so its checksums were not checked (fetching it failed)") {
		t.Fatalf("verify --fetch of a tampered file: exit %d\n%s", code, stdout)
	}
}

// TestPackFromTrailingBlank: a name ending in a blank keeps it through
// the shards' manifest lines, and the bundle verifies.
func TestPackFromTrailingBlank(t *testing.T) {
	f := newFromFixture(t, map[string]string{"a.txt": "first\n", "end .txt ": "blank\n"})
	shards := f.shards(t, f.dir)
	out := filepath.Join(f.work, "out")
	if code, _, stderr := f.consign("pack", "--from", shards, "-o", out, "--key", f.key, f.dir); code != 0 {
		t.Fatalf("pack --from: exit %d: %s", code, stderr)
	}
	if code, stdout, _ := f.consign("verify", out); code != 0 {
		t.Fatalf("verify: exit %d:\n%s", code, stdout)
	}
}

func TestPackFromRefusals(t *testing.T) {
	f := newFromFixture(t, map[string]string{"a.txt": "first\n"})
	shards := f.shards(t, f.dir)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{name: "scan flags", args: []string{"pack", "--from", shards, "-o", "x", "--exclude", "*.txt"}, want: "--exclude cannot be used with --from"},
		{name: "config and dir", args: []string{"pack", "--from", shards, "-o", "x", "--config", "c.yaml", f.dir}, want: "either as DIR or as --config"},
		{name: "config without from", args: []string{"pack", f.dir, "-o", "x", "--config", "c.yaml"}, want: "--config is for --from"},
		{name: "no shards", args: []string{"pack", "--from", f.dir, "-o", filepath.Join(f.work, "x")}, want: "summary.json"},
		{name: "out inside the root", args: []string{"pack", "--from", shards, "-o", filepath.Join(f.dir, "x")}, want: "must be outside the folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := f.consign(append(tt.args, "--key", f.key)...)
			if code != exitUsage || !strings.Contains(stderr, tt.want) {
				t.Fatalf("exit %d, stderr %q; want exit 2 and %q", code, stderr, tt.want)
			}
		})
	}
}

func treeFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestPackFromRecordsInCatalog checks that pack --from with DIR records the
// pack in DIR's catalog, as pack DIR does: status then compares with it.
func TestPackFromRecordsInCatalog(t *testing.T) {
	f := newFromFixture(t, fromFiles)
	shards := f.shards(t, f.dir)
	out := filepath.Join(f.work, "from-shards")
	if code, _, stderr := f.consign("pack", "--from", shards, "-o", out, "--key", f.key, f.dir); code != 0 {
		t.Fatalf("pack --from: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := f.consign("status", f.dir, "--format", "json")
	if code != 0 && code != exitPartial {
		t.Fatalf("status: exit %d: %s", code, stderr)
	}
	var st struct {
		LastPack *struct {
			Output string `json:"output"`
		} `json:"last_pack"`
		Files struct {
			New  []string `json:"new"`
			Same int      `json:"unchanged"`
		} `json:"files"`
	}
	if err := json.Unmarshal([]byte(stdout), &st); err != nil {
		t.Fatalf("status output: %v\n%s", err, stdout)
	}
	if st.LastPack == nil || st.LastPack.Output != out {
		t.Fatalf("status does not know the pack --from made: %s", stdout)
	}
	if len(st.Files.New) != 0 || st.Files.Same != 7 {
		t.Errorf("status after pack --from: new %v, unchanged %d; want none new, 7 unchanged", st.Files.New, st.Files.Same)
	}
}
