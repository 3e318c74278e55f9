package main

import (
	"context"
	"io"
	"os"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/consignhq/consign/pipeline"
)

func TestZZProfileRescan(t *testing.T) {
	dir := "/tmp/big/c"
	g := &globalOptions{jobs: 2, stdout: io.Discard, stderr: io.Discard}
	scan := func(prof string) time.Duration {
		opts, _, done, err := newPipeline(context.Background(), dir, &selection{}, g)
		if err != nil {
			t.Fatal(err)
		}
		defer done()
		if prof != "" {
			f, _ := os.Create(prof)
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
		start := time.Now()
		sum, err := pipeline.Scan(context.Background(), opts, func(*pipeline.Record) error { return nil })
		t.Logf("read %d of %d bytes", sum.Read, sum.Bytes)
		return time.Since(start)
	}
	first := scan("")
	second := scan("/tmp/rescan.prof")
	t.Logf("first %v, rescan %v: %.3f", first, second, second.Seconds()/first.Seconds())
}
