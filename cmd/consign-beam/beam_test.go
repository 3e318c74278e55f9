package main

import (
	"bytes"
	"context"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/memfs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/consignhq/consign/cmd/internal/scanconfig"
	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/manifest/bagit"
	"github.com/consignhq/consign/pipeline"
)

// TestMain runs the pipelines of these tests on Prism, in this process.
func TestMain(m *testing.M) { ptest.MainWithDefault(m, "prism") }

// TestBeamMatchesScan runs consign-beam on Prism over generated folders
// and requires its shards to hold exactly the lines consign scan writes
// for the same folder: every "file" and "finding" line byte for byte
// (after sorting, since shards are in no order among themselves), the
// summary's counts, and a SHA-512 line per file with the file's digest.
func TestBeamMatchesScan(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a folder and runs a pipeline")
	}
	tmp := t.TempDir()
	folder := generate(t, filepath.Join(tmp, "folder"), 200)
	listFile := filepath.Join(tmp, "list.txt")
	listed := filesOf(t, folder)
	for i, rel := range listed {
		if i%2 == 1 {
			listed[i] = filepath.Join(folder, rel) // full paths and relative ones mix
		}
	}
	if err := os.WriteFile(listFile, []byte(strings.Join(listed, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		flags   flags
		choices scanconfig.Choices
	}{
		{name: "glob", flags: flags{input: folder + "/**", shards: 3}},
		{name: "folder", flags: flags{input: folder, shards: 1}},
		{
			name:    "file list with exclusions",
			flags:   flags{files: listFile, root: folder, shards: 5, exclude: []string{"extra/", "*.mp3"}, languages: "en,fr"},
			choices: scanconfig.Choices{Exclude: []string{"extra/", "*.mp3"}, Languages: []string{"en", "fr"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.flags.output = filepath.Join(tmp, "out-"+strings.ReplaceAll(tc.name, " ", "-"))
			tc.flags.fileTimeout = pipeline.DefaultFileTimeout
			tc.choices.FileTimeout = pipeline.DefaultFileTimeout
			want := scanLines(t, folder, tc.choices)
			runJob(t, &tc.flags)
			compareOutput(t, folder, tc.flags.output, want)
		})
	}
}

// TestBeamReadsObjects runs consign-beam over a list of objects in Beam's
// in-memory filesystem, which stands in for gs:// and s3://: each is
// copied to a temporary file and scanned, dated by the object's
// modification time as a local scan dates the same file by its own.
func TestBeamReadsObjects(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a folder and runs a pipeline")
	}
	tmp := t.TempDir()
	folder := generate(t, filepath.Join(tmp, "folder"), 0)
	ctx := context.Background()
	fsys := memfs.New(ctx)
	var urls []string
	for _, rel := range filesOf(t, folder) {
		b, err := os.ReadFile(filepath.Join(folder, rel))
		if err != nil {
			t.Fatal(err)
		}
		url := "memfs://catalog/photos/" + rel
		memfs.Write(url, b)
		urls = append(urls, url)
		mtime, err := fsys.(filesystem.LastModifiedGetter).LastModified(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(filepath.Join(folder, rel), mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	list := filepath.Join(tmp, "objects.txt")
	if err := os.WriteFile(list, []byte(strings.Join(urls, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	choices := scanconfig.Choices{FileTimeout: pipeline.DefaultFileTimeout}
	want := scanLines(t, folder, choices)
	f := &flags{
		files: list, root: "memfs://catalog/photos", output: filepath.Join(tmp, "out"), shards: 2,
		config: filepath.Join(folder, manifest.ProfileFile), keyFile: filepath.Join(folder, pipeline.StateDir, "key"),
		fileTimeout: pipeline.DefaultFileTimeout,
	}
	runJob(t, f)
	compareOutput(t, folder, f.output, want)
}

// generate writes the generator's folder with n extra files into dir.
func generate(t *testing.T, dir string, n int) string {
	t.Helper()
	cmd := exec.Command("go", "run", "../../testdata/gen", "-o", dir, "-n", strconv.Itoa(n))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generate %s: %v\n%s", dir, err, out)
	}
	return dir
}

// filesOf lists the files under folder a scan reads, relative to it.
func filesOf(t *testing.T, folder string) []string {
	t.Helper()
	var rels []string
	err := filepath.WalkDir(folder, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(folder, p)
		if rel != manifest.ProfileFile && !strings.HasPrefix(rel, pipeline.StateDir+"/") {
			rels = append(rels, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rels
}

// scanLines scans folder as consign scan --format jsonl does and returns
// its lines.
func scanLines(t *testing.T, folder string, c scanconfig.Choices) []string {
	t.Helper()
	profile, err := manifest.LoadProfile(folder)
	if err != nil {
		t.Fatal(err)
	}
	opts, err := scanconfig.Options(folder, profile, c)
	if err != nil {
		t.Fatal(err)
	}
	if opts.Detection, err = scanconfig.Detection(folder, profile, c); err != nil {
		t.Fatal(err)
	}
	if opts.Detection.Key, err = detectors.ReadKey(filepath.Join(folder, pipeline.StateDir, "key")); err != nil {
		t.Fatal(err)
	}
	opts.Detection.Ignore = &detectors.IgnoreList{}
	var buf bytes.Buffer
	report, err := manifest.NewReport("jsonl", &buf, manifest.ReportConfig{Root: folder})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := pipeline.Scan(context.Background(), opts, report.Record)
	if err != nil {
		t.Fatalf("scan %s: %v", folder, err)
	}
	if err := report.Close(sum); err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
}

// runJob runs consign-beam as f says, on Prism, timing it.
func runJob(t *testing.T, f *flags) {
	t.Helper()
	j, err := newJob(f)
	if err != nil {
		t.Fatal(err)
	}
	p, err := j.pipeline()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := ptest.Run(p); err != nil {
		t.Fatalf("run pipeline: %v", err)
	}
	t.Logf("pipeline ran in %v", time.Since(start).Round(time.Millisecond))
}

// compareOutput checks the shards and summary.json under out against the
// lines of consign scan, and the SHA-512 lines against the files in folder.
func compareOutput(t *testing.T, folder, out string, scan []string) {
	t.Helper()
	var wantFiles, wantFindings, wantSums []string
	var wantSummary pipeline.Summary
	for _, l := range scan {
		var head struct {
			Type string `json:"type"`
			Path string `json:"path"`
		}
		if err := json.Unmarshal([]byte(l), &head); err != nil {
			t.Fatalf("scan line %q: %v", l, err)
		}
		switch head.Type {
		case "file":
			wantFiles = append(wantFiles, l)
			b, err := os.ReadFile(filepath.Join(folder, filepath.FromSlash(head.Path)))
			if err != nil {
				t.Fatal(err)
			}
			sum := sha512.Sum512(b)
			wantSums = append(wantSums, hex.EncodeToString(sum[:])+"  data/"+bagit.EncodePath(head.Path))
		case "finding":
			wantFindings = append(wantFindings, l)
		case "summary":
			if err := json.Unmarshal([]byte(l), &wantSummary); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, c := range []struct {
		glob string
		want []string
	}{{"files-*.jsonl", wantFiles}, {"findings-*.jsonl", wantFindings}, {"sha512-*.txt", wantSums}} {
		got := shardLines(t, out, c.glob)
		slices.Sort(got)
		slices.Sort(c.want)
		if len(c.want) == 0 {
			t.Fatalf("%s: the scan wrote no such lines; the comparison would prove nothing", c.glob)
		}
		if !slices.Equal(got, c.want) {
			for i := range min(len(got), len(c.want)) {
				if got[i] != c.want[i] {
					t.Fatalf("%s: line %d differs\n got %s\nwant %s", c.glob, i, got[i], c.want[i])
				}
			}
			t.Fatalf("%s: %d lines, scan wrote %d", c.glob, len(got), len(c.want))
		}
	}
	b, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var got summaryDoc
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("summary.json: %v", err)
	}
	if !reflect.DeepEqual(got.Summary, wantSummary) {
		t.Errorf("summary.json counts\n got %+v\nwant %+v", got.Summary, wantSummary)
	}
	if n := len(wantFiles) + len(wantFindings) + len(wantSums); got.Lines != n {
		t.Errorf("summary.json says %d lines were written, want %d", got.Lines, n)
	}
	if got.Root == "" || got.Version == "" || !strings.HasPrefix(got.Versions.Extract, pipeline.ExtractVersion+":") || len(got.Versions.Detect) == 0 {
		t.Errorf("summary.json root %q, version %q, versions %+v", got.Root, got.Version, got.Versions)
	}
	// consign pack --from reads these shards: its reader must take them
	// whole, every record with its findings and its SHA-512.
	shards, err := manifest.ReadShards(out)
	if err != nil {
		t.Fatalf("pack --from cannot read the shards: %v", err)
	}
	if len(shards.Records) != len(wantFiles) || len(shards.Findings) != len(wantFindings) {
		t.Errorf("pack --from reads %d records and %d findings, want %d and %d", len(shards.Records), len(shards.Findings), len(wantFiles), len(wantFindings))
	}
}

// shardLines reads the lines of the shards matching glob, checking that
// each shard is sorted by path.
func shardLines(t *testing.T, out, glob string) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(out, glob))
	if err != nil || len(names) == 0 {
		t.Fatalf("no shards %s in %s (%v)", glob, out, err)
	}
	var all []string
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		paths := make([]string, len(lines))
		for i, l := range lines {
			paths[i] = pathOf(t, l)
		}
		if !slices.IsSorted(paths) {
			t.Errorf("%s is not sorted by path", name)
		}
		all = append(all, lines...)
	}
	return all
}

// pathOf is the path a shard line is about.
func pathOf(t *testing.T, l string) string {
	if _, p, ok := strings.Cut(l, "  "); ok && !strings.HasPrefix(l, "{") {
		return p
	}
	var v struct {
		Path string `json:"path"`
	}
	if err := json.Unmarshal([]byte(l), &v); err != nil {
		t.Fatalf("shard line %q: %v", l, err)
	}
	return v.Path
}

// TestInterruptedRunLeavesNoSummary: summary.json says the output is
// complete, so an interrupted run must not leave one, neither its own nor
// an earlier run's beside its partial shards.
func TestInterruptedRunLeavesNoSummary(t *testing.T) {
	tmp := t.TempDir()
	folder := generate(t, filepath.Join(tmp, "folder"), 0)
	out := filepath.Join(tmp, "out")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "summary.json"), []byte(`{"files":3}`), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stderr bytes.Buffer
	f := &flags{input: folder + "/**", output: out, shards: 1, fileTimeout: pipeline.DefaultFileTimeout}
	if code := run(ctx, f, &stderr); code != exitInterrupted {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitInterrupted, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(out, "summary.json")); !os.IsNotExist(err) {
		t.Fatalf("summary.json left after an interrupted run (stat: %v); stderr:\n%s", err, stderr.String())
	}
}
