package pipeline

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/consignhq/consign/pipeline/extract"
)

// TestCrashersBecomeRecords scans the malformed files that once made an
// EXIF or tag library panic or allocate gigabytes: each must come out as a
// record whose error names its damage, none may crash the scan, and the
// whole scan must stay within a modest allocation budget.
func TestCrashersBecomeRecords(t *testing.T) {
	src := filepath.Join("extract", "testdata", "crashers")
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	recs, sum, err := scanAll(t, Options{Root: src, Jobs: 2, Extractors: extract.Default()})
	runtime.ReadMemStats(&after)
	if err != nil && err != ErrPartial {
		t.Fatal(err)
	}
	if len(recs) != len(entries) || sum.Files != len(entries) {
		t.Fatalf("%d crashers gave %d records", len(entries), len(recs))
	}
	for _, r := range recs {
		if r.Error == "" {
			t.Errorf("%s: damaged, but its record has no error", r.Path)
		}
		if strings.Contains(r.Error, "parser panic") {
			t.Logf("%s: a library panic was contained: %s", r.Path, r.Error)
		}
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 512<<20 {
		t.Errorf("scanning %d crashers allocated %d MiB", len(recs), alloc>>20)
	}
}
