package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// Peak memory of the consign binary, measured as the child process's peak
// resident set size (getrusage), on folders of growing size and on huge
// single files. Run with make bench-memory; the folder of a million files
// takes minutes to generate and scan, so it runs only with
// CONSIGN_BENCH_1M=1. Target: at most 250 MB at a million files, and no
// growth with the number of files or with file size.

// buildConsign builds the binary the benchmark measures.
func buildConsign(b *testing.B) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "consign")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		b.Fatalf("build consign: %v", err)
	}
	return bin
}

// scanPeak scans dir with a fresh state folder each time, so that every
// run reads every file and builds the catalog from scratch, and reports
// the peak RSS, the CPU seconds and the wall time.
func scanPeak(b *testing.B, bin, dir string) {
	b.Helper()
	var peak int64
	var cpu, wall time.Duration
	for b.Loop() {
		start := time.Now()
		st := runMeasured(b, bin, "scan", "--format", "jsonl", "--file-timeout", "0", "--state", b.TempDir(), dir)
		wall += time.Since(start)
		cpu += st.cpu
		peak = max(peak, st.maxRSS)
	}
	n := float64(b.N)
	b.ReportMetric(float64(peak)/(1<<20), "peak-rss-MiB")
	b.ReportMetric(cpu.Seconds()/n, "cpu-s")
	b.ReportMetric(wall.Seconds()/n, "wall-s")
}

// BenchmarkScanPeakRSSFolders scans generated folders of 10,000 and
// 100,000 mixed files (and, with CONSIGN_BENCH_1M=1, a million one-line
// notes): the peak must stay flat as the folder grows.
func BenchmarkScanPeakRSSFolders(b *testing.B) {
	bin := buildConsign(b)
	sizes := []struct {
		name  string
		files int
		tiny  bool
	}{
		{"files=10k", 10_000, false},
		{"files=100k", 100_000, false},
	}
	if os.Getenv("CONSIGN_BENCH_1M") == "1" {
		sizes = append(sizes, struct {
			name  string
			files int
			tiny  bool
		}{"files=1M-tiny", 1_000_000, true})
	}
	for _, size := range sizes {
		b.Run(size.name, func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "content")
			args := []string{"run", "../../testdata/gen", "-o", dir, "-n", fmt.Sprint(size.files)}
			if size.tiny {
				args = append(args, "-tiny")
			}
			start := time.Now()
			if out, err := exec.Command("go", args...).CombinedOutput(); err != nil {
				b.Fatalf("generate %d files: %v\n%s", size.files, err, out)
			}
			b.Logf("generated %d files in %v", size.files, time.Since(start).Round(time.Second))
			scanPeak(b, bin, dir)
		})
	}
}

// BenchmarkScanPeakRSSHugeFiles scans a 4 GB sparse file (hashed through
// every byte) and a 1 GB text with no line break (every text detector and
// the language sampler see all of it): memory must not follow file size.
func BenchmarkScanPeakRSSHugeFiles(b *testing.B) {
	bin := buildConsign(b)
	b.Run("sparse=4GB", func(b *testing.B) {
		dir := b.TempDir()
		f, err := os.Create(filepath.Join(dir, "disk.img"))
		if err != nil {
			b.Fatal(err)
		}
		if err := f.Truncate(4 << 30); err != nil {
			b.Fatal(err)
		}
		f.Close()
		scanPeak(b, bin, dir)
	})
	b.Run("one-line-text=1GB", func(b *testing.B) {
		dir := b.TempDir()
		f, err := os.Create(filepath.Join(dir, "one-line.txt"))
		if err != nil {
			b.Fatal(err)
		}
		words := []byte("the tide came in over the estuary and the light went gold on the mud flats ")
		chunk := bytes.Repeat(words, (1<<20)/len(words)+1)[:1<<20]
		for range 1 << 10 {
			if _, err := f.Write(chunk); err != nil {
				b.Fatal(err)
			}
		}
		if err := f.Close(); err != nil {
			b.Fatal(err)
		}
		scanPeak(b, bin, dir)
	})
}
