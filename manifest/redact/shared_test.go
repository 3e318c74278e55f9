package redact

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/consignhq/consign/pipeline/extract"
)

// sharedFile is a file of the shared folder beside the project, sniffed
// as a scan sniffs it; rel is its path in the shared folder.
type sharedFile struct {
	rel, name, mediaType, kind string
	data                       []byte
}

// walkShared calls fn with each non-empty regular file under dirs of the
// shared folder (paths relative to it), and skips the test when the
// folder is absent.
func walkShared(t *testing.T, dirs []string, fn func(f sharedFile)) {
	t.Helper()
	shared := filepath.Join("..", "..", "..", "shared")
	if _, err := os.Stat(shared); err != nil {
		t.Skipf("shared folder not available at %s: %v", shared, err)
	}
	for _, dir := range dirs {
		err := filepath.WalkDir(filepath.Join(shared, dir), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !d.Type().IsRegular() {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil || len(data) == 0 {
				return err
			}
			rel, _ := filepath.Rel(shared, path)
			mt, kind := extract.Sniff(d.Name(), data[:min(len(data), extract.HeadSize)])
			fn(sharedFile{rel: rel, name: d.Name(), mediaType: mt, kind: kind, data: data})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
