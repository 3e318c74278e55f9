package manifest

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The schemas are published in docs/schema/ for buyers and other tools;
// they must be the ones consign checks with.
func TestPublishedSchemasAreTheEmbeddedOnes(t *testing.T) {
	entries, err := schemaFS.ReadDir("schema")
	if err != nil {
		t.Fatal(err)
	}
	published, err := filepath.Glob(filepath.Join("..", "docs", "schema", "*.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(published) != len(entries) {
		t.Errorf("docs/schema has %d schemas, manifest/schema %d", len(published), len(entries))
	}
	for _, e := range entries {
		embedded, _ := schemaFS.ReadFile("schema/" + e.Name())
		doc, err := os.ReadFile(filepath.Join("..", "docs", "schema", e.Name()))
		if err != nil {
			t.Errorf("%s is not published: %v", e.Name(), err)
			continue
		}
		if !bytes.Equal(embedded, doc) {
			t.Errorf("docs/schema/%s differs from manifest/schema/%s", e.Name(), e.Name())
		}
	}
}

func TestEverySchemaCompiles(t *testing.T) {
	for _, name := range DocumentNames() {
		if _, err := schemaFor(documentSchemas[name]); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestValidateDocument(t *testing.T) {
	sha := strings.Repeat("ab", 32)
	tests := []struct {
		name, doc, data string
		want            string // "" for valid
	}{
		{"file record", FilesJSONL, `{"path":"a.jpg","size":3,"sha256":"` + sha + `","kind":"image"}` + "\n", ""},
		{"file record bad kind on line 2", FilesJSONL, `{"path":"a","size":1}` + "\n" + `{"path":"b","size":1,"kind":"picture"}` + "\n", "metadata/files.jsonl:2: document does not match its schema: /kind: must be one of"},
		{"file record escaping path", FilesJSONL, `{"path":"../etc/passwd","size":1}`, "metadata/files.jsonl:1:"},
		{"file record not JSON", FilesJSONL, "{\n", "not JSON"},
		{"finding", FindingsJSONL, `{"id":"x","path":"a.md","detector":"pii/email","category":"pii","kind":"email","severity":"high","confidence":0.9,"location":{"in":"content","start":1,"end":5},"status":"open"}`, ""},
		{"finding unknown field", FindingsJSONL, `{"id":"x","path":"a.md","detector":"pii/email","category":"pii","kind":"email","severity":"high","confidence":0.9,"location":{"in":"content"},"status":"open","secret":"x"}`, `unknown "secret"`},
		{"dps missing groups", "metadata/dps.json", `{"standards_version":"1.0.0"}`, `missing "source", "provenance", "use"`},
		{"consign.yaml", "consign.yaml", "licence:\n  uses: [x]\n", "consign.yaml:2:10: licence.uses[0]"},
		{"card without front matter", "README.md", "# Title\n", "no YAML front matter"},
		{"card with other licence but no name", "README.md", "---\nlicense: other\npretty_name: x\nsize_categories: [n<1K]\n---\n", `missing "license_name", "license_link"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidateDocument(tt.doc, []byte(tt.data))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("valid document rejected: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
			if !errors.Is(err, ErrInvalidDocument) && !errors.Is(err, ErrBadProfile) {
				t.Errorf("err = %v wraps neither ErrInvalidDocument nor ErrBadProfile", err)
			}
		})
	}
	if err := ValidateDocument("data/x.jpg", nil); !errors.Is(err, ErrNoSchema) {
		t.Errorf("unknown document: err = %v, want ErrNoSchema", err)
	}
}
