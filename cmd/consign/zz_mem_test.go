package main

import (
	"io"
	"testing"
)

func BenchmarkZZScanCorpusNoCache(b *testing.B) {
	dir, _ := corpusCopy(b)
	for b.Loop() {
		if code := run([]string{"scan", dir, "--no-cache", "--format", "jsonl", "-q"}, io.Discard, io.Discard); code != 0 && code != exitPartial {
			b.Fatalf("scan exited %d", code)
		}
	}
}
