package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/consignhq/consign/manifest/sign"
)

// BenchmarkPackPeakRSSFolders packs generated folders of 5,000 and 20,000
// mixed files with the consign binary, each run with a fresh state folder
// (a first pack: every file read, the catalog built), and reports the
// peak RSS at each size and what the peak grows by per file between them
// (docs/scale.md, "Pack and verify are not flat"). Pack still holds each
// file's record and findings until the bundle is written, so the slope is
// not zero; a change that holds more per file shows in
// rss-KiB-per-file.
func BenchmarkPackPeakRSSFolders(b *testing.B) {
	bin := buildConsign(b)
	key, _, err := sign.GenerateKeyPair(filepath.Join(b.TempDir(), "keys"), false)
	if err != nil {
		b.Fatal(err)
	}
	sizes := []int{5_000, 20_000}
	dirs := make([]string, len(sizes))
	for i, n := range sizes {
		dirs[i] = filepath.Join(b.TempDir(), fmt.Sprintf("content-%d", n))
		start := time.Now()
		if out, err := exec.Command("go", "run", "../../testdata/gen", "-o", dirs[i], "-n", fmt.Sprint(n)).CombinedOutput(); err != nil {
			b.Fatalf("generate %d files: %v\n%s", n, err, out)
		}
		b.Logf("generated %d files in %v", n, time.Since(start).Round(time.Second))
	}
	peaks := make([]int64, len(sizes))
	var cpu time.Duration
	for b.Loop() {
		for i, dir := range dirs {
			out := filepath.Join(b.TempDir(), "bundle")
			st := runMeasured(b, bin, "pack", dir, "-o", out, "--accept-open", "--key", key, "-q", "--state", b.TempDir())
			if _, err := os.Stat(filepath.Join(out, "bagit.txt")); err != nil {
				b.Fatalf("pack of %d files wrote no bundle: %v", sizes[i], err)
			}
			peaks[i] = max(peaks[i], st.maxRSS)
			cpu += st.cpu
		}
	}
	for i, n := range sizes {
		b.ReportMetric(float64(peaks[i])/(1<<20), fmt.Sprintf("peak-rss-%dk-MiB", n/1000))
	}
	b.ReportMetric(float64(peaks[1]-peaks[0])/1024/float64(sizes[1]-sizes[0]), "rss-KiB-per-file")
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s")
}
