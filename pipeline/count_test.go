package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestCountMatchesScan checks that Count sees the files Scan records, with
// their sizes, and leaves out what Scan leaves out.
func TestCountMatchesScan(t *testing.T) {
	root := t.TempDir()
	for name, body := range map[string]string{
		"a.txt":          "hello",
		"sub/b.md":       "# title\n",
		"sub/skip.psd":   "layers",
		StateDir + "/x":  "state",
		ConfigFile:       "creator: {}\n",
		"deep/er/c.json": "{}",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name    string
		exclude []string
	}{
		{"everything", nil},
		{"with an exclude", []string{"*.psd"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ex := NewExcluder()
			if err := ex.Add("test", tc.exclude...); err != nil {
				t.Fatal(err)
			}
			opts := Options{Root: root, Exclude: ex, Jobs: 2}
			files, bytes := 0, int64(0)
			if err := Count(context.Background(), opts, func(size int64) { files++; bytes += size }); err != nil {
				t.Fatal(err)
			}
			sum, err := Scan(context.Background(), opts, func(*Record) error { return nil })
			if err != nil {
				t.Fatal(err)
			}
			if files != sum.Files || bytes != sum.Bytes {
				t.Errorf("Count saw %d files, %d bytes; Scan recorded %d files, %d bytes", files, bytes, sum.Files, sum.Bytes)
			}
		})
	}
}
