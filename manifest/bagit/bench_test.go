package bagit

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// benchPayload is 64 files of 1 MiB each.
const benchFiles, benchFileSize = 64, 1 << 20

func benchBag(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	w, err := Create(dir)
	if err != nil {
		b.Fatal(err)
	}
	buf := make([]byte, benchFileSize)
	for i := range benchFiles {
		rand.Read(buf)
		if err := w.AddFile(fmt.Sprintf("f%03d.bin", i), bytes.NewReader(buf)); err != nil {
			b.Fatal(err)
		}
	}
	if err := w.Close(nil); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkVerify checks a bag's two payload manifests; compare its MB/s
// with BenchmarkSHA256Read, one sha256 over the same files, as sha256sum
// would do it. The target is verify at 0.8x that throughput or better.
func BenchmarkVerify(b *testing.B) {
	dir := benchBag(b)
	b.SetBytes(benchFiles * benchFileSize)
	b.ResetTimer()
	for b.Loop() {
		r, err := Verify(context.Background(), dir, VerifyOptions{})
		if err != nil || !r.Valid() {
			b.Fatal(err, r.Problems)
		}
	}
}

// BenchmarkVerifySHA256Only is Verify over a bag with only the sha256
// manifest, the like-for-like comparison with sha256sum.
func BenchmarkVerifySHA256Only(b *testing.B) {
	dir := benchBag(b)
	os.Remove(filepath.Join(dir, "manifest-sha512.txt"))
	os.Remove(filepath.Join(dir, "tagmanifest-sha256.txt"))
	b.SetBytes(benchFiles * benchFileSize)
	b.ResetTimer()
	for b.Loop() {
		r, err := Verify(context.Background(), dir, VerifyOptions{})
		if err != nil || !r.Valid() {
			b.Fatal(err, r.Problems)
		}
	}
}

// BenchmarkSHA256Read reads every payload file once through sha256, one
// file after another, the way sha256sum does.
func BenchmarkSHA256Read(b *testing.B) {
	dir := benchBag(b)
	b.SetBytes(benchFiles * benchFileSize)
	buf := make([]byte, 256<<10)
	b.ResetTimer()
	for b.Loop() {
		for i := range benchFiles {
			f, err := os.Open(filepath.Join(dir, "data", fmt.Sprintf("f%03d.bin", i)))
			if err != nil {
				b.Fatal(err)
			}
			h := sha256.New()
			io.CopyBuffer(h, f, buf)
			f.Close()
		}
	}
}
