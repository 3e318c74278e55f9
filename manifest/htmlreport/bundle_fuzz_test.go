package htmlreport

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzReadBundle feeds arbitrary files.jsonl and findings.jsonl to the
// bundle reader: it must return an error or a model that renders, never
// panic.
func FuzzReadBundle(f *testing.F) {
	f.Add([]byte(`{"path":"a.txt","size":3,"kind":"text"}`+"\n"), []byte(`{"id":"x","path":"a.txt","kind":"email","category":"pii","status":"open"}`+"\n"))
	f.Add([]byte(`{"path":"b","content_date":{"value":"20","source":"exif"}}`), []byte(`{"path":"a"}{"path":"c","redaction":"mask"}`))
	f.Add([]byte(`{"path":"z","languages":[{"code":"zz-!!"}],"rights":{"tdm_reservation":1}}`), []byte(`[]`))
	f.Add([]byte("{oops"), []byte(""))
	dir := f.TempDir()
	for name, data := range map[string]string{
		"bagit.txt":                     "BagIt-Version: 1.0\n",
		"metadata/content-profile.json": `{"catalog":{"title":"t"},"licence_offer":{"uses":["training"]}}`,
	} {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, files, findings []byte) {
		if err := os.WriteFile(filepath.Join(dir, "metadata", "files.jsonl"), files, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "metadata", "findings.jsonl"), findings, 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := ReadBundle(dir, "fuzz")
		if err != nil {
			return
		}
		m := b.Model(time.Time{})
		if len(m.Rows) > MaxRows || len(m.Excluded) > MaxRows {
			t.Fatalf("%d rows and %d exclusions past the cap", len(m.Rows), len(m.Excluded))
		}
		if err := Render(io.Discard, m); err != nil {
			t.Fatal(err)
		}
	})
}
