package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest/sign"
)

func TestOpenFindings(t *testing.T) {
	all := []detectors.Finding{
		{ID: "a", Severity: detectors.SeverityHigh, Status: "open"},
		{ID: "b", Severity: detectors.SeverityHigh, Status: "ignored"},
		{ID: "c", Severity: detectors.SeverityMedium, Status: "open"},
		{ID: "d", Severity: detectors.SeverityLow, Status: "open"},
	}
	tests := []struct {
		threshold string
		want      int
	}{
		{detectors.SeverityHigh, 1},
		{detectors.SeverityMedium, 2},
		{detectors.SeverityInfo, 3},
	}
	for _, tt := range tests {
		t.Run(tt.threshold, func(t *testing.T) {
			if got := openFindings(all, nil, tt.threshold); len(got) != tt.want {
				t.Errorf("%d open findings at or above %s, want %d", len(got), tt.threshold, tt.want)
			}
		})
	}
}

func TestRefuseOpen(t *testing.T) {
	open := []detectors.Finding{{ID: "a", Path: "order.txt", Detector: "pii/card", Kind: "card", Severity: detectors.SeverityHigh, Status: "open",
		Excerpt: "paid with 4111 **** **** 1111", Location: detectors.Location{In: detectors.InContent, Line: 3}}}
	var stderr strings.Builder
	g := &globalOptions{stdout: io.Discard, stderr: &stderr}
	err := refuseOpen(open, nil, detectors.SeverityHigh, false, "folder", g)
	if !errors.Is(err, errFindings) || exitCode(err) != exitFindings {
		t.Fatalf("got %v (exit %d), want errFindings and exit 1", err, exitCode(err))
	}
	if want := "open high card (pii/card) order.txt line 3 paid with 4111 **** **** 1111  id a\n"; stderr.String() != want {
		t.Errorf("listed %q, want %q", stderr.String(), want)
	}
	if want := "consign ignore ID --reason TEXT -C folder,"; !strings.Contains(err.Error(), want) {
		t.Errorf("refusal %q does not name the folder as %q", err, want)
	}
	if err := refuseOpen(open, nil, detectors.SeverityHigh, true, "folder", g); err != nil {
		t.Errorf("--accept-open: %v", err)
	}
	open[0].Status = "ignored"
	if err := refuseOpen(open, nil, detectors.SeverityHigh, false, "folder", g); err != nil {
		t.Errorf("ignored finding refused: %v", err)
	}
}

// packFixture makes a content folder, a signing key, and the scanned
// inputs of a bundle.
func packFixture(t testing.TB, files, size int) (*bundleInputs, string) {
	t.Helper()
	dir := t.TempDir()
	buf := make([]byte, size)
	for i := range files {
		rand.Read(buf)
		p := filepath.Join(dir, fmt.Sprintf("d%02d", i%10), fmt.Sprintf("f%04d.bin", i))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	privPath, _, err := sign.GenerateKeyPair(filepath.Join(t.TempDir(), "keys"), false)
	if err != nil {
		t.Fatal(err)
	}
	g := &globalOptions{jobs: 2, stdout: io.Discard, stderr: io.Discard}
	b, err := scanForPack(context.Background(), dir, &selection{}, g)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(b.close)
	b.Identifier, b.Version, b.Date = "urn:uuid:0b6d2f4e-8f4a-4c1e-9a53-7f2d1c0e5b6a", "test", time.Unix(1700000000, 0)
	b.Profile.Catalog.ExternalIdentifier = b.Identifier
	return b, privPath
}

// TestBuildBundleCancelled stops a build at each point a signal can land:
// the old bundle stays whole and no temp directory is left.
func TestBuildBundleCancelled(t *testing.T) {
	b, privPath := packFixture(t, 20, 1024)
	priv, err := sign.LoadPrivateKey(privPath)
	if err != nil {
		t.Fatal(err)
	}
	g := &globalOptions{jobs: 2, stdout: io.Discard, stderr: io.Discard}
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	if err := buildBundle(context.Background(), b, out, true, priv, sign.Options{}, b.Date, g); err != nil {
		t.Fatal(err)
	}
	b.oldGone()
	before, _ := os.ReadFile(filepath.Join(out, "tagmanifest-sha256.txt"))

	b.Records = b.Records[:10]
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := buildBundle(ctx, b, out, true, priv, sign.Options{}, b.Date, g); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	after, _ := os.ReadFile(filepath.Join(out, "tagmanifest-sha256.txt"))
	if string(before) != string(after) {
		t.Error("a cancelled build changed the old bundle")
	}
	if left, _ := filepath.Glob(filepath.Join(parent, ".consign-*")); len(left) > 0 {
		t.Errorf("temp directories left: %v", left)
	}
}

// TestBuildBundleOutMadeMeanwhile: a pack without --force found no OUT
// when it started, but another pack (one it waited for, or one on another
// folder) wrote OUT while it ran. It must not replace that bundle, nor an
// empty folder made there, and must leave no temp directory.
func TestBuildBundleOutMadeMeanwhile(t *testing.T) {
	b, privPath := packFixture(t, 4, 64)
	priv, err := sign.LoadPrivateKey(privPath)
	if err != nil {
		t.Fatal(err)
	}
	g := &globalOptions{jobs: 2, stdout: io.Discard, stderr: io.Discard}
	for _, tc := range []struct {
		name string
		make func(out string)
	}{
		{"bundle", func(out string) {
			os.Mkdir(out, 0o755)
			os.WriteFile(filepath.Join(out, "bagit.txt"), []byte("the other pack's"), 0o644)
		}},
		{"empty folder", func(out string) { os.Mkdir(out, 0o755) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			out := filepath.Join(parent, "out")
			if err := checkOutput(b.Root, out, false); err != nil {
				t.Fatal(err)
			}
			tc.make(out)
			err := buildBundle(context.Background(), b, out, false, priv, sign.Options{}, b.Date, g)
			var ue *usageError
			if !errors.As(err, &ue) || !strings.Contains(err.Error(), "appeared while this pack ran") {
				t.Fatalf("got %v, want the usage error that OUT appeared", err)
			}
			entries, _ := os.ReadDir(out)
			if tc.name == "bundle" {
				got, _ := os.ReadFile(filepath.Join(out, "bagit.txt"))
				if string(got) != "the other pack's" || len(entries) != 1 {
					t.Errorf("the other pack's bundle was changed: %d entries, bagit.txt %q", len(entries), got)
				}
			} else if len(entries) != 0 {
				t.Errorf("the empty folder was replaced: it holds %d entries", len(entries))
			}
			if left, _ := filepath.Glob(filepath.Join(parent, ".consign-*")); len(left) > 0 {
				t.Errorf("temp directories left: %v", left)
			}
		})
	}
}

func TestReplaceDir(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "out")
	mk := func(content string) string {
		d, _ := os.MkdirTemp(parent, ".consign-pack-*")
		os.WriteFile(filepath.Join(d, "bagit.txt"), []byte(content), 0o644)
		return d
	}
	for i, content := range []string{"first", "second"} {
		tmp := mk(content)
		if err := replaceDir(tmp, out, true); err != nil {
			t.Fatal(err)
		}
		os.RemoveAll(tmp)
		got, _ := os.ReadFile(filepath.Join(out, "bagit.txt"))
		if string(got) != content {
			t.Errorf("round %d: out holds %q, want %q", i, got, content)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(parent, ".consign-*")); len(left) > 0 {
		t.Errorf("temp directories left: %v", left)
	}
}

// BenchmarkPack packs 200 files of 256 KiB (hard links, so no copy);
// compare with BenchmarkPackScanOnly, the scan alone: the target is pack at
// 1.3x the scan or less.
func BenchmarkPack(b *testing.B) {
	in, privPath := packFixture(b, 200, 256<<10)
	in.close() // the fixture's scan holds the catalog, which pack locks
	out := filepath.Join(b.TempDir(), "out")
	b.SetBytes(in.Summary.Bytes)
	b.ResetTimer()
	for b.Loop() {
		if code := run([]string{"pack", in.Root, "-o", out, "--force", "--key", privPath, "-q"}, io.Discard, io.Discard); code != 0 {
			b.Fatalf("pack exited %d", code)
		}
	}
}

// BenchmarkPackScanOnly is the scan that pack starts with.
func BenchmarkPackScanOnly(b *testing.B) {
	in, _ := packFixture(b, 200, 256<<10)
	in.close()
	b.SetBytes(in.Summary.Bytes)
	b.ResetTimer()
	for b.Loop() {
		if code := run([]string{"scan", in.Root, "--format", "jsonl", "-q"}, io.Discard, io.Discard); code != 0 {
			b.Fatalf("scan exited %d", code)
		}
	}
}

// BenchmarkPackCorpus and BenchmarkPackScanCorpus compare pack with scan
// on a copy of the shared corpus (real photos, audio, documents), where
// extraction weighs more than in the random files above.
func BenchmarkPackCorpus(b *testing.B) {
	dir, privPath := corpusCopy(b)
	out := filepath.Join(b.TempDir(), "out")
	for b.Loop() {
		if code := run([]string{"pack", dir, "-o", out, "--force", "--accept-open", "--key", privPath, "-q"}, io.Discard, io.Discard); code != 0 && code != exitPartial {
			b.Fatalf("pack exited %d", code)
		}
	}
}

func BenchmarkPackScanCorpus(b *testing.B) {
	dir, _ := corpusCopy(b)
	for b.Loop() {
		if code := run([]string{"scan", dir, "--format", "jsonl", "-q"}, io.Discard, io.Discard); code != 0 && code != exitPartial {
			b.Fatalf("scan exited %d", code)
		}
	}
}

// BenchmarkScanCorpusNoCache scans a copy of the shared corpus without
// the catalog, so that every file is read, extracted and detected each
// time; with -benchmem it gives what one scan allocates, memory that a
// short scan faults in fresh before its first collection (docs/scale.md).
func BenchmarkScanCorpusNoCache(b *testing.B) {
	dir, _ := corpusCopy(b)
	for b.Loop() {
		if code := run([]string{"scan", dir, "--no-cache", "--format", "jsonl", "-q"}, io.Discard, io.Discard); code != 0 && code != exitPartial {
			b.Fatalf("scan exited %d", code)
		}
	}
}

// corpusCopy copies ../shared/corpus into a temp dir (pack writes the
// catalog identifier into its folder, and the shared corpus is read-only).
func corpusCopy(b *testing.B) (dir, privPath string) {
	b.Helper()
	src := sharedDir(b, "corpus")
	dir = b.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755)
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		b.Fatal(err)
	}
	yaml := "external_identifier: urn:uuid:0b6d2f4e-8f4a-4c1e-9a53-7f2d1c0e5b6a\n"
	if err := os.WriteFile(filepath.Join(dir, "consign.yaml"), []byte(yaml), 0o644); err != nil {
		b.Fatal(err)
	}
	privPath, _, err = sign.GenerateKeyPair(filepath.Join(b.TempDir(), "keys"), false)
	if err != nil {
		b.Fatal(err)
	}
	return dir, privPath
}
