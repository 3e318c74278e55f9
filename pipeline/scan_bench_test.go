package pipeline

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// benchScan scans root with sniffing and hashing only: the walk, the one
// sequential read and the ordered collection, without any parser.
func benchScan(b *testing.B, root string, jobs int) Summary {
	b.Helper()
	sum, err := Scan(context.Background(), Options{Root: root, Jobs: jobs}, func(*Record) error { return nil })
	if err != nil {
		b.Fatal(err)
	}
	return sum
}

// BenchmarkWalkHashSniffSmallFiles measures files per second on many small
// files (target: 5,000 files/s on 2 cores).
func BenchmarkWalkHashSniffSmallFiles(b *testing.B) {
	root := b.TempDir()
	const files = 5000
	rng := rand.New(rand.NewPCG(1, 2))
	buf := make([]byte, 8<<10)
	for i := range files {
		dir := filepath.Join(root, fmt.Sprintf("d%02d", i%50))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			b.Fatal(err)
		}
		n := 512 + rng.IntN(len(buf)-512)
		for j := range n {
			buf[j] = byte('a' + rng.IntN(26))
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("f%05d.txt", i)), buf[:n], 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if sum := benchScan(b, root, 0); sum.Files != files {
			b.Fatalf("scanned %d files, want %d", sum.Files, files)
		}
	}
	b.ReportMetric(float64(files*b.N)/b.Elapsed().Seconds(), "files/s")
}

// BenchmarkWalkHashSniffLargeFiles measures bytes per second on large files
// (target: 1 GB/s on 2 cores).
func BenchmarkWalkHashSniffLargeFiles(b *testing.B) {
	root := b.TempDir()
	const files, size = 4, 128 << 20
	chunk := make([]byte, 1<<20)
	rng := rand.New(rand.NewPCG(3, 4))
	for i := range chunk {
		chunk[i] = byte(rng.Uint32())
	}
	for i := range files {
		f, err := os.Create(filepath.Join(root, fmt.Sprintf("big%d.bin", i)))
		if err != nil {
			b.Fatal(err)
		}
		for range size / len(chunk) {
			if _, err := f.Write(chunk); err != nil {
				b.Fatal(err)
			}
		}
		f.Close()
	}
	b.SetBytes(files * size)
	b.ResetTimer()
	for b.Loop() {
		benchScan(b, root, 0)
	}
}
