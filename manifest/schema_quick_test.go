package manifest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// agreesWithValidator fails t if the quick form of schemaName gives a sure
// verdict on doc that the general validator contradicts.
func agreesWithValidator(t *testing.T, schemaName string, doc []byte) quickVerdict {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return quickUnsure
	}
	s, err := schemaFor(schemaName)
	if err != nil {
		t.Fatal(err)
	}
	q := quick[schemaName]
	if q == nil {
		t.Fatalf("%s has no quick form", schemaName)
	}
	got := q.check(v)
	valid := s.Validate(v) == nil
	if got == quickValid && !valid || got == quickInvalid && valid {
		t.Fatalf("%s: quick verdict %d on %s, the validator says valid=%v", schemaName, got, doc, valid)
	}
	return got
}

func TestQuickSchemaAgreesWithValidator(t *testing.T) {
	sha := strings.Repeat("ab", 32)
	finding := func(extra string) string {
		return `{"id":"x","path":"a.md","detector":"pii/email","category":"pii","kind":"email","severity":"high","confidence":0.9,"location":{"in":"content","start":1,"end":5}` + extra + `,"status":"open"}`
	}
	tests := []struct {
		name, schema, doc string
		want              quickVerdict
	}{
		{"record", FileRecordSchema, `{"path":"a.jpg","size":3,"sha256":"` + sha + `","kind":"image","tags":{"width":"3"},"languages":[{"code":"en","confidence":0.97}],"rights":{"c2pa":true,"tdm_reservation":1}}`, quickValid},
		{"record without size", FileRecordSchema, `{"path":"a.jpg"}`, quickInvalid},
		{"record with unknown field", FileRecordSchema, `{"path":"a.jpg","size":1,"x":1}`, quickInvalid},
		{"record escaping path", FileRecordSchema, `{"path":"../a","size":1}`, quickInvalid},
		{"record empty path", FileRecordSchema, `{"path":"","size":1}`, quickInvalid},
		{"record bad kind", FileRecordSchema, `{"path":"a","size":1,"kind":"picture"}`, quickInvalid},
		{"record kind not a string", FileRecordSchema, `{"path":"a","size":1,"kind":3}`, quickInvalid},
		{"record bad sha256", FileRecordSchema, `{"path":"a","size":1,"sha256":"AB"}`, quickInvalid},
		{"record negative size", FileRecordSchema, `{"path":"a","size":-1}`, quickInvalid},
		{"record size as a string", FileRecordSchema, `{"path":"a","size":"1"}`, quickInvalid},
		{"record size written as a fraction", FileRecordSchema, `{"path":"a","size":1.0}`, quickUnsure},
		{"record fractional size", FileRecordSchema, `{"path":"a","size":1.5}`, quickUnsure},
		{"record tag not a string", FileRecordSchema, `{"path":"a","size":1,"tags":{"w":3}}`, quickInvalid},
		{"record type file", FileRecordSchema, `{"type":"file","path":"a","size":1}`, quickValid},
		{"record type finding", FileRecordSchema, `{"type":"finding","path":"a","size":1}`, quickInvalid},
		{"record confidence above one", FileRecordSchema, `{"path":"a","size":1,"languages":[{"code":"en","confidence":1.01}]}`, quickInvalid},
		{"record confidence a hair above one", FileRecordSchema, `{"path":"a","size":1,"languages":[{"code":"en","confidence":1.00000000000000001}]}`, quickUnsure},
		{"record confidence with exponent", FileRecordSchema, `{"path":"a","size":1,"languages":[{"code":"en","confidence":5e-1}]}`, quickUnsure},
		{"record not an object", FileRecordSchema, `[1]`, quickInvalid},
		{"finding", FindingSchema, finding(""), quickValid},
		{"finding unknown field", FindingSchema, finding(`,"secret":"x"`), quickInvalid},
		{"finding bad detector", FindingSchema, strings.Replace(finding(""), "pii/email", "Email", 1), quickInvalid},
		{"finding bad value hash", FindingSchema, finding(`,"value_hash":"xyz"`), quickInvalid},
		{"finding negative confidence", FindingSchema, strings.Replace(finding(""), "0.9", "-0.1", 1), quickInvalid},
		{"finding zero line", FindingSchema, strings.Replace(finding(""), `"end":5`, `"end":5,"line":0`, 1), quickInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := agreesWithValidator(t, tt.schema, []byte(tt.doc)); got != tt.want {
				t.Errorf("verdict = %d, want %d", got, tt.want)
			}
		})
	}
}

// The schemas verify checks a record at a time must have a quick form:
// without one, verifying a large bundle takes several times as long.
func TestLineSchemasHaveQuickForms(t *testing.T) {
	if _, err := schemaFor(FileRecordSchema); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{FileRecordSchema, FindingSchema} {
		if quick[name] == nil {
			t.Errorf("%s has no quick form", name)
		}
	}
}

func TestCompileQuickRefusesUnknownKeywords(t *testing.T) {
	for _, doc := range []string{
		`{"type":"object","patternProperties":{"a":{}}}`,
		`{"enum":[1,2]}`,
		`{"maximum":0.5}`,
		`{"properties":{"a":{"format":"date"}}}`,
	} {
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := compileQuick(v); err == nil {
			t.Errorf("compileQuick(%s) accepted a keyword it cannot check", doc)
		}
	}
}

// FuzzQuickSchema: on any document, a sure verdict of the quick form
// agrees with the general validator.
func FuzzQuickSchema(f *testing.F) {
	sha := strings.Repeat("0f", 32)
	for _, seed := range []string{
		`{"path":"a.jpg","size":3,"sha256":"` + sha + `","kind":"image","tags":{"w":"3"},"languages":[{"code":"en","confidence":0.97}]}`,
		`{"path":"a/../b","size":0,"redaction":{"original_sha256":"` + sha + `","original_size":2,"applied":["gps"]},"rights":{"owner":"self"}}`,
		`{"id":"x","path":"a.md","detector":"pii/email","category":"pii","kind":"email","severity":"high","confidence":1,"location":{"in":"text","part":"p","line":1,"column":2},"status":"ignored","reason":"r"}`,
		`{"path":"a","size":1e3,"content_date":{"value":"2021","source":"exif"}}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		agreesWithValidator(t, FileRecordSchema, doc)
		agreesWithValidator(t, FindingSchema, doc)
	})
}
