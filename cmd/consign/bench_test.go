package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkCorpusVersusExiftool scans ../shared/corpus with the consign
// binary and with `exiftool -r -json`, side by side, and reports the CPU
// seconds of each and their ratio (target: consign below 0.25 of exiftool).
func BenchmarkCorpusVersusExiftool(b *testing.B) {
	corpus := sharedDir(b, "corpus")
	exiftool, err := exec.LookPath("exiftool")
	if err != nil {
		b.Skip("skipping: exiftool is not installed (make tools installs it)")
	}
	bin := filepath.Join(b.TempDir(), "consign")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		b.Fatalf("build consign: %v", err)
	}
	var consignCPU, exiftoolCPU time.Duration
	var consignRSS int64
	for b.Loop() {
		st := runMeasured(b, bin, "scan", "--format", "jsonl", "--state", b.TempDir(), corpus)
		consignCPU += st.cpu
		consignRSS = max(consignRSS, st.maxRSS)
		exiftoolCPU += runMeasured(b, exiftool, "-r", "-json", "-q", "-q", corpus).cpu
	}
	n := float64(b.N)
	b.ReportMetric(consignCPU.Seconds()/n, "consign-cpu-s")
	b.ReportMetric(exiftoolCPU.Seconds()/n, "exiftool-cpu-s")
	b.ReportMetric(consignCPU.Seconds()/exiftoolCPU.Seconds(), "cpu-ratio")
	b.ReportMetric(float64(consignRSS)/(1<<20), "consign-peak-rss-MiB")
}

type measured struct {
	cpu    time.Duration
	maxRSS int64 // bytes
}

func runMeasured(b *testing.B, prog string, args ...string) measured {
	b.Helper()
	cmd := exec.Command(prog, args...)
	if err := cmd.Run(); err != nil {
		if _, ok := err.(*exec.ExitError); !ok {
			b.Fatalf("run %s: %v", prog, err)
		}
	}
	ps := cmd.ProcessState
	return measured{cpu: ps.UserTime() + ps.SystemTime(), maxRSS: maxRSS(ps)}
}
