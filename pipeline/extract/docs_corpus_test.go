package extract

import (
	"io/fs"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestDocumentCorpus runs the document extractors over the shared corpus
// of real documents (read in place, never copied): every file must give a
// result or an error without a panic. What is extracted is logged for a
// side-by-side look with exiftool.
func TestDocumentCorpus(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "corpus", "documents")
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			files = append(files, p)
		}
		return err
	})
	if err != nil || len(files) == 0 {
		t.Skipf("document corpus not available at %s: %v", root, err)
	}
	sort.Strings(files)
	debugPanics = true
	t.Cleanup(func() { debugPanics = false })
	for _, p := range files {
		t.Run(filepath.Base(p), func(t *testing.T) {
			src, res, sink := runDocFile(t, p)
			for _, err := range res.Errors {
				if strings.Contains(err.Error(), "parser panic") {
					t.Errorf("%s: %v", p, err)
				}
			}
			text := sink.all()
			if len(text) > 200 {
				text = text[:200]
			}
			t.Logf("%s (%s): tags=%v fields=%d dates=%v xmp=%d text=%d bytes %q errors=%v",
				p, src.MediaType, res.Tags, len(res.Fields), res.Dates, len(res.XMP), res.TextBytes, text, res.Errors)
		})
	}
}
