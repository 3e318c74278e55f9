package redact

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/consignhq/consign/pipeline/extract"
)

// TestCorpusFields takes out every field a scan reads from each file of
// the shared corpus and samples that Fields can name there: each copy
// must be made, and every field be gone from it or reported kept with a
// reason, with no new extraction error.
func TestCorpusFields(t *testing.T) {
	if testing.Short() {
		t.Skip("the corpus run reads every file three times; skipped in -short mode")
	}
	var files, removed, kept int
	walkShared(t, []string{"corpus", filepath.Join("testdata", "samples")}, func(sf sharedFile) {
		data, mt := sf.data, sf.mediaType
		if len(data) > 64<<20 || !Supports(mt) {
			return
		}
		before := readAll(sf.name, mt, sf.kind, data)
		var fields []string
		for _, f := range before.Fields {
			if FieldSupported(mt, f.Name) && strings.TrimSpace(f.Value) != "" && !slices.Contains(fields, f.Name) {
				fields = append(fields, f.Name)
			}
		}
		if len(fields) == 0 {
			return
		}
		t.Run(sf.rel, func(t *testing.T) {
			files++
			var out bytes.Buffer
			rep, err := Metadata(&out, bytes.NewReader(data), int64(len(data)), mt, Strip{Fields: fields})
			if err != nil {
				t.Fatalf("%s: %v", mt, err)
			}
			after := readAll(sf.name, mt, sf.kind, out.Bytes())
			for _, f := range fields {
				switch v, ok := after.Field(f); {
				case rep.Removed(f) && ok && strings.TrimSpace(v) != "":
					t.Errorf("%s is reported removed, the copy has %q", f, v)
				case rep.Removed(f):
					removed++
				case slices.ContainsFunc(rep.Kept, func(k string) bool { return strings.HasPrefix(k, f+" kept") }):
					kept++
					t.Logf("kept: %s", f)
				default:
					// Taken with another (a property inside a structure
					// goes with the top-level one), or not found where
					// the redactor looks: it must be gone.
					if ok && strings.TrimSpace(v) != "" {
						t.Errorf("%s (%s) neither removed nor reported kept: %q", f, mt, v)
					}
				}
			}
			for _, e := range after.Errors {
				if !hasError(before.Errors, e) {
					t.Errorf("new extraction error: %v", e)
				}
			}
		})
	})
	t.Logf("%d files, %d fields removed, %d kept", files, removed, kept)
	if files == 0 {
		t.Error("no file with fields to take out in the shared folder")
	}
}

// readAll runs every extractor a scan runs over data.
func readAll(name, mediaType, kind string, data []byte) *extract.Result {
	var res extract.Result
	head := data[:min(len(data), extract.HeadSize)]
	extract.Run(context.Background(), extract.Default(), &extract.Source{Path: name, Size: int64(len(data)), Head: head, R: bytes.NewReader(data), MediaType: mediaType, Kind: kind}, &res)
	return &res
}
