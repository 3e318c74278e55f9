package manifest

import (
	"bytes"
	"os"
	"path/filepath"
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
	q := quickFor(schemaName)
	if q == nil {
		t.Fatalf("%s has no quick form", schemaName)
	}
	got := q.check(v)
	valid := s.Validate(v) == nil
	if got == quickValid && !valid || got == quickInvalid && valid {
		t.Fatalf("%s: quick verdict %d on %s, the validator says valid=%v", schemaName, got, doc, valid)
	}
	// The scan of the bytes is only ever trusted to accept; it must accept
	// nothing the validator or the check of the decoded value refuses.
	if scanned := q.scanDocument(doc); scanned == quickValid && (!valid || got != quickValid) {
		t.Fatalf("%s: scan accepts %s, the check says %d and the validator valid=%v", schemaName, doc, got, valid)
	}
	return got
}

// allQuickForms compiles the quick form of every embedded schema.
func allQuickForms(t *testing.T) []*quickSchema {
	t.Helper()
	entries, err := schemaFS.ReadDir("schema")
	if err != nil {
		t.Fatal(err)
	}
	var forms []*quickSchema
	for _, e := range entries {
		if q := quickFor(e.Name()); q != nil {
			forms = append(forms, q)
		}
	}
	return forms
}

// scanAgrees is agreesWithValidator for the verdict of the scan alone.
func scanAgrees(t *testing.T, schemaName string, doc []byte) quickVerdict {
	t.Helper()
	agreesWithValidator(t, schemaName, doc)
	return quickFor(schemaName).scanDocument(doc)
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
		if quickFor(name) == nil {
			t.Errorf("%s has no quick form", name)
		}
	}
}

// Keywords the quick form does not check itself make their subschema a
// delegate, which the general validator checks.
func TestQuickFormDelegatesUnknownKeywords(t *testing.T) {
	for _, doc := range []string{
		`{"type":"object","patternProperties":{"a":{}}}`,
		`{"enum":[1,2]}`,
		`{"maximum":0.5}`,
		`{"format":"ipv4"}`,
		`{"maximum":9007199254740993}`,
		`{"$ref":"http://example.com/other.json"}`,
		`{"$ref":"#anchor"}`,
		`false`,
	} {
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		qc := newQuickCompiler()
		qc.docs["x.json"] = v
		q, err := qc.at("x.json", "")
		if err != nil {
			t.Fatal(err)
		}
		if !q.delegate {
			t.Errorf("the quick form of %s checks a keyword it cannot", doc)
		}
	}
}

// Every subschema the quick forms delegate must compile, or the quick
// form of its document is never sure; the content profile's own nodes
// must not be delegates, or verifying a large bundle takes several times
// as long.
func TestQuickFormsOfEmbeddedSchemas(t *testing.T) {
	if _, err := schemaFor(ContentProfileSchema); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{ContentProfileSchema, FileRecordSchema, FindingSchema} {
		if quickFor(name).delegate {
			t.Errorf("%s has no quick form of its own", name)
		}
	}
	items := quickFor(ContentProfileSchema).properties["redaction_checklist"].properties["items"].items
	for _, q := range append([]*quickSchema{items}, quickFor(ContentProfileSchema).properties["excluded"].items) {
		if q.delegate {
			t.Errorf("%s is checked by the general validator", q.loc)
		}
	}
	seen := map[*quickSchema]bool{}
	var walk func(q *quickSchema)
	walk = func(q *quickSchema) {
		if q == nil || seen[q] {
			return
		}
		seen[q] = true
		if q.delegate {
			if _, err := generalAt(pointerURL(q.loc)); err != nil {
				t.Errorf("%s: the general validator could not compile it: %v", q.loc, err)
			}
		}
		for _, s := range q.properties {
			walk(s)
		}
		for _, s := range q.applied {
			walk(s)
		}
		walk(q.additional)
		walk(q.items)
		walk(q.not)
	}
	for _, q := range allQuickForms(t) {
		walk(q)
	}
}

// smallContentProfile is a small valid content profile.
const smallContentProfile = `{"$schema":"https://raw.githubusercontent.com/consignhq/consign/main/docs/schema/content-profile.schema.json",` +
	`"catalog":{"external_identifier":"urn:uuid:7e140cf1-3719-4b4b-b8cf-34208a8799a7"},"creator":{"name":"Jane Doe","domains":["janedoe.photo"]},` +
	`"metadata_sheet":{"files":3,"bytes":360,"by_kind":{"audio":1,"text":2},"media_types":{"audio":{"audio/flac":1},"text":{"text/plain":2}},` +
	`"date_range":{"first":"2015-01-01","last":"2025-04-16"},"date_sources":{"embedded":1,"file name":2},"languages":{"en":2},"unreadable":0},` +
	`"redaction_checklist":{"policy":{},"by_status":{"open":2},"items":[` +
	`{"id":"60305a911e142537f14e","path":"audio/interview.m4a","detector":"pii/name","category":"pii","kind":"self","severity":"info","location":{"in":"metadata","field":"mp4:cprt"},"action":"review","status":"open"},` +
	`{"id":"989f6cf83ea033918f2a","path":"a.txt","detector":"pii/email","category":"pii","kind":"email","severity":"high","location":{"in":"text","start":3,"end":9,"line":1,"column":4},"action":"mask","status":"open"}]},` +
	`"excluded":[{"path":"extra/000032.md","reason":"the redaction policy excludes the file"}],` +
	`"provenance":{"origin":"original works by Jane Doe","tool":"consign","tool_version":"devel","created":"2023-11-14T22:13:20Z",` +
	`"external_identifier":"urn:uuid:7e140cf1-3719-4b4b-b8cf-34208a8799a7","files_jsonl_sha256":"cbd37ca60848c668c94944924b465913820107082e3e049bcd1f05e3a34cf3ec","redacted_copies":[],"consent":[]},` +
	`"monetization_baseline":{},"licence_offer":{}}`

func TestQuickScanOfContentProfile(t *testing.T) {
	tests := []struct {
		name, from, to string
		want           quickVerdict
	}{
		{"valid", "", "", quickValid},
		// A format the quick form does not accept is left to the general
		// validator, which says why.
		{"bad date, checked through format", `"first":"2015-01-01"`, `"first":"2015-13-01"`, quickUnsure},
		{"bad date-time", `"2023-11-14T22:13:20Z"`, `"2023-11-14 22:13"`, quickUnsure},
		{"leap second", `"2023-11-14T22:13:20Z"`, `"2016-12-31T23:59:60Z"`, quickUnsure},
		{"date-time with an offset", `"2023-11-14T22:13:20Z"`, `"2023-11-14T22:13:20.5+01:00"`, quickValid},
		{"relative schema URL", `"https://raw.githubusercontent.com/consignhq/consign/main/docs/schema/content-profile.schema.json"`, `"content-profile.schema.json"`, quickUnsure},
		{"largest count", `"unreadable":0`, `"unreadable":9007199254740991`, quickUnsure},
		{"large count", `"unreadable":0`, `"unreadable":900719925474099`, quickValid},
		{"licence uses", `"licence_offer":{}`, `"licence_offer":{"uses":["training","inference"]}`, quickValid},
		{"licence uses twice", `"licence_offer":{}`, `"licence_offer":{"uses":["training","inference","training"]}`, quickInvalid},
		{"licence uses escaped", `"licence_offer":{}`, `"licence_offer":{"uses":["training","\u0074raining"]}`, quickUnsure},
		{"licence uses not a string", `"licence_offer":{}`, `"licence_offer":{"uses":["training",1]}`, quickInvalid},
		{"redaction policy", `"policy":{}`, `"policy":{"gps":"remove","default":"review"}`, quickValid},
		{"redaction policy with a bad kind", `"policy":{}`, `"policy":{"GPS":"remove"}`, quickInvalid},
		{"redaction policy with a bad action", `"policy":{}`, `"policy":{"gps":"burn"}`, quickInvalid},
		{"catalog without its identifier, through allOf", `"catalog":{"external_identifier":"urn:uuid:7e140cf1-3719-4b4b-b8cf-34208a8799a7"}`, `"catalog":{}`, quickInvalid},
		{"bad category, through $ref", `"category":"pii","kind":"self"`, `"category":"pi","kind":"self"`, quickInvalid},
		{"bad location, through $ref", `"in":"metadata"`, `"in":"meta"`, quickInvalid},
		{"negative count", `"unreadable":0`, `"unreadable":-1`, quickInvalid},
		{"count as a fraction", `"unreadable":0`, `"unreadable":0.0`, quickUnsure},
		{"unknown member", `"licence_offer":{}`, `"licence_offer":{},"x":1`, quickInvalid},
		{"repeated member", `"licence_offer":{}`, `"licence_offer":{},"licence_offer":{}`, quickUnsure},
		{"escaped string", `"Jane Doe"`, `"Jane \u0044oe"`, quickValid},
		{"escaped member name", `"creator":`, `"cr\u0065ator":`, quickUnsure},
		{"trailing data", `"licence_offer":{}}`, `"licence_offer":{}}{}`, quickUnsure},
		{"empty item path", `"path":"a.txt"`, `"path":""`, quickInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := strings.Replace(smallContentProfile, tt.from, tt.to, 1)
			if tt.from != "" && doc == smallContentProfile {
				t.Fatalf("%q is not in the document", tt.from)
			}
			if got := scanAgrees(t, ContentProfileSchema, []byte(doc)); got != tt.want {
				t.Errorf("scan verdict = %d, want %d", got, tt.want)
			}
		})
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
	f.Add([]byte(smallContentProfile))
	f.Add([]byte(strings.Replace(smallContentProfile, `"licence_offer":{}`, `"licence_offer":{"uses":["training","inference"]}`, 1)))
	if croissant, err := os.ReadFile(filepath.Join("testdata", "golden", "croissant.json")); err == nil {
		f.Add(croissant)
	}
	f.Add([]byte(`{"license":"other","license_name":"x","pretty_name":"p","size_categories":["n<1K"]}`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		agreesWithValidator(t, FileRecordSchema, doc)
		agreesWithValidator(t, FindingSchema, doc)
		agreesWithValidator(t, ContentProfileSchema, doc)
		agreesWithValidator(t, CroissantSchema, doc)
		agreesWithValidator(t, DatasetCardSchema, doc)
	})
}

// scanObject and scanArray hand a string member straight to scanString
// when its schema has only keywords of its own (ownString): the verdict
// and where the scan stops must be scan's, for every such node of the
// embedded schemas.
func TestOwnStringScansAsScan(t *testing.T) {
	if err := loadSchemas(); err != nil {
		t.Fatal(err)
	}
	literals := []string{`""`, `"a"`, `"open"`, `"pii/email"`, `"../x"`, `"a/../b"`, `"image/jpeg"`, `"en"`, `"2021-01-01"`,
		`"` + strings.Repeat("0f", 32) + `"`, `"0123456789abcdef0123"`, `"Zo\u00eb"`, `"a\"b"`, "\"a\xffb\"", `"x"` + "  ,"}
	seen := map[*quickSchema]bool{}
	checked := 0
	var walk func(q *quickSchema)
	walk = func(q *quickSchema) {
		if q == nil || seen[q] {
			return
		}
		seen[q] = true
		for _, lit := range literals {
			p := jsonParser{data: []byte(lit)}
			if !q.ownString(&p, 1) {
				break
			}
			checked++
			again := jsonParser{data: []byte(lit)}
			got, want := q.scanString(&p), q.scan(&again, 1)
			if got != want || got == quickValid && p.pos != again.pos {
				t.Errorf("%s on %s: scanString %d at %d, scan %d at %d", q.loc, lit, got, p.pos, want, again.pos)
			}
		}
		for _, s := range q.properties {
			walk(s)
		}
		for _, s := range q.applied {
			walk(s)
		}
		walk(q.additional)
		walk(q.items)
		walk(q.not)
	}
	for _, q := range allQuickForms(t) {
		walk(q)
	}
	if checked < 100 {
		t.Fatalf("%d strings checked: the schemas have fewer string nodes than they should", checked)
	}
}

// A consign.yaml's version is a number const: the quick form checks it
// itself, as JSON Schema compares numbers, by value, so that loading a
// consign.yaml does not compile the general validator; a literal it
// cannot read exactly goes to the library.
func TestQuickFormOfNumberConst(t *testing.T) {
	if _, err := schemaFor(ConsignSchema); err != nil {
		t.Fatal(err)
	}
	if v := quickFor(ConsignSchema).properties["version"]; v == nil || v.delegate {
		t.Fatalf("consign.yaml's version has no quick form of its own: %+v", v)
	}
	for _, tt := range []struct {
		version string
		want    quickVerdict
	}{
		{"1", quickValid},
		{"1.0", quickValid},
		{"2", quickInvalid},
		{"-1", quickInvalid},
		{"0.5", quickInvalid},
		{"1e0", quickUnsure},
		{`"1"`, quickInvalid},
		{"true", quickInvalid},
		{"null", quickInvalid},
		{"[1]", quickInvalid},
		{`{"v":1}`, quickInvalid},
	} {
		doc := []byte(`{"version":` + tt.version + `}`)
		if got := agreesWithValidator(t, ConsignSchema, doc); got != tt.want {
			t.Errorf("version %s: verdict %d, want %d", tt.version, got, tt.want)
		}
		if got := quickFor(ConsignSchema).scanDocument(doc); got != tt.want && !(got == quickUnsure && tt.want == quickInvalid) {
			t.Errorf("version %s: scan verdict %d, want %d", tt.version, got, tt.want)
		}
	}
}
