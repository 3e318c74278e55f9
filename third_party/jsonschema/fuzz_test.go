package jsonschema

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// consignSchemas is where consign keeps the schemas of consign.yaml and
// of its bundle's metadata documents, relative to this copy.
var consignSchemas = filepath.Join("..", "..", "manifest", "schema")

// consignSchemaBase is the published location of consign's schemas: each
// one's $id is this plus its file name, and they refer to each other by it.
const consignSchemaBase = "https://raw.githubusercontent.com/consignhq/consign/main/docs/schema/"

// FuzzValidateConsignDocument validates any JSON document against each of
// consign's schemas, as consign verify does with a bundle's metadata, and
// renders each error as consign reports it. Nothing may panic, and a
// document either validates or gives a ValidationError. (Change from
// upstream santhosh-tekuri/jsonschema, which has no fuzz target.)
func FuzzValidateConsignDocument(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(consignSchemas, "*.schema.json"))
	if len(files) == 0 {
		f.Skip("consign's schemas are not beside this copy")
	}
	c := NewCompiler()
	c.DefaultDraft(Draft2020)
	c.AssertFormat()
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		doc, err := UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			f.Fatalf("%s: %v", file, err)
		}
		if err := c.AddResource(consignSchemaBase+filepath.Base(file), doc); err != nil {
			f.Fatalf("%s: %v", file, err)
		}
		f.Add(b)
	}
	var schemas []*Schema
	for _, file := range files {
		s, err := c.Compile(consignSchemaBase + filepath.Base(file))
		if err != nil {
			f.Fatalf("%s: %v", file, err)
		}
		schemas = append(schemas, s)
	}
	// consign's golden bundle documents, and a record and a finding.
	golden, _ := filepath.Glob(filepath.Join("..", "..", "manifest", "testdata", "golden", "*.json"))
	for _, file := range golden {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	sha := strings.Repeat("0f", 32)
	f.Add([]byte(`{"path":"a.jpg","size":3,"sha256":"` + sha + `","media_type":"image/jpeg","kind":"image","content_date":{"value":"2021-06-03T14:22:10+02:00","source":"exif:DateTimeOriginal"},"tags":{"camera_make":"Canon"},"languages":[{"code":"en","confidence":0.97}]}`))
	f.Add([]byte(`{"id":"0123456789abcdef0123","path":"a.md","detector":"pii/email","category":"pii","kind":"email","severity":"high","confidence":0.95,"location":{"in":"content","start":1,"end":9,"line":1,"column":2},"status":"open"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, s := range schemas {
			err := s.Validate(doc)
			if err == nil {
				continue
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("%s: %T %v, not a ValidationError", s.Location, err, err)
			}
			_ = ve.Error() + ve.GoString()
			ve.BasicOutput()
			ve.DetailedOutput()
			var walk func(e *ValidationError, depth int)
			walk = func(e *ValidationError, depth int) {
				if depth > 1000 {
					t.Fatalf("%s: errors nested past 1000", s.Location)
				}
				e.ErrorKind.KeywordPath()
				for _, c := range e.Causes {
					walk(c, depth+1)
				}
			}
			walk(ve, 0)
		}
	})
}
