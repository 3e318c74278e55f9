package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

// BenchmarkRerunAfterEdits generates a folder of 20,000 files, scans and
// packs it, edits 1% of the files, and scans and packs again. It reports
// each rerun's wall time as a share of the first run's (targets: scan at
// most 0.10, pack at most 0.15): the catalog makes a rerun read only what
// changed. The "-cpu" shares compare CPU time instead, the steadier
// figure on a machine shared with other work. The runs are made twice:
// inside the benchmark's process ("in-process", where a rerun takes the
// heap the first run grew and pays no start-up), and as consign
// processes, as a creator runs them ("processes", each with its own
// start-up, heap and huge-page reserve; see cmd/internal/hugeheap).
func BenchmarkRerunAfterEdits(b *testing.B) {
	const files = 20000
	work := b.TempDir()
	dir := filepath.Join(work, "content")
	if out, err := exec.Command("go", "run", "../../testdata/gen", "-o", dir, "-n", fmt.Sprint(files)).CombinedOutput(); err != nil {
		b.Fatalf("generate the folder: %v\n%s", err, out)
	}
	home := filepath.Join(work, "home")
	setHome(b, home)
	b.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	b.Run("in-process", func(b *testing.B) {
		rerunAfterEdits(b, work, dir, func(args ...string) cost {
			start, cpu := time.Now(), cpuTime()
			if code := run(args, io.Discard, io.Discard); code != exitOK && code != exitPartial {
				b.Fatalf("consign %v: exit %d", args, code)
			}
			return cost{time.Since(start), cpuTime() - cpu}
		})
	})
	b.Run("processes", func(b *testing.B) {
		bin := filepath.Join(work, "consign")
		if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
			b.Fatalf("build consign: %v\n%s", err, out)
		}
		rerunAfterEdits(b, work, dir, func(args ...string) cost {
			cmd := exec.Command(bin, args...)
			start := time.Now()
			err := cmd.Run()
			wall := time.Since(start)
			if code := cmd.ProcessState.ExitCode(); err != nil && code != exitPartial {
				b.Fatalf("consign %v: %v", args, err)
			}
			return cost{wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
		})
	})
}

// cost is what one consign run took.
type cost struct{ wall, cpu time.Duration }

// rerunAfterEdits runs the benchmark's rounds on dir with consign.
func rerunAfterEdits(b *testing.B, work, dir string, consign func(args ...string) cost) {
	const edited = 200
	consign("keygen", "--force")
	var paths []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && filepath.Ext(p) == ".txt" {
			paths = append(paths, p)
		}
		return nil
	})
	sort.Strings(paths)
	var scanShare, packShare, scanCPU, packCPU float64
	for i := 0; b.Loop(); i++ {
		consign("cache", "clear", dir)
		firstScan := consign("scan", "--format", "jsonl", dir)
		consign("cache", "clear", dir)
		firstPack := consign("pack", "--accept-open", "--force", dir, "-o", filepath.Join(work, "out"))
		for k := range edited {
			p := paths[(k*len(paths)/edited+i)%len(paths)]
			f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				b.Fatal(err)
			}
			fmt.Fprintf(f, "edit %d\n", i)
			f.Close()
		}
		rescan := consign("scan", "--format", "jsonl", dir)
		for k := range edited {
			p := paths[(k*len(paths)/edited+i+1)%len(paths)]
			os.Chtimes(p, time.Now(), time.Now().Add(time.Duration(i+1)*time.Second))
		}
		repack := consign("pack", "--accept-open", "--force", dir, "-o", filepath.Join(work, "out"))
		scanShare += rescan.wall.Seconds() / firstScan.wall.Seconds()
		packShare += repack.wall.Seconds() / firstPack.wall.Seconds()
		scanCPU += rescan.cpu.Seconds() / firstScan.cpu.Seconds()
		packCPU += repack.cpu.Seconds() / firstPack.cpu.Seconds()
	}
	b.ReportMetric(scanShare/float64(b.N), "rescan/scan")
	b.ReportMetric(packShare/float64(b.N), "repack/pack")
	b.ReportMetric(scanCPU/float64(b.N), "rescan/scan-cpu")
	b.ReportMetric(packCPU/float64(b.N), "repack/pack-cpu")
}
