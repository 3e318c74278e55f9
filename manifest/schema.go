package manifest

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Schema files, embedded from manifest/schema/ and published byte for byte
// in docs/schema/.
const (
	ConsignSchema        = "consign.schema.json"
	CroissantSchema      = "croissant.schema.json"
	ContentProfileSchema = "content-profile.schema.json"
	DPSSchema            = "dps.schema.json"
	FileRecordSchema     = "file-record.schema.json"
	FindingSchema        = "finding.schema.json"
	DatasetCardSchema    = "dataset-card.schema.json"
)

//go:embed schema/*.schema.json
var schemaFS embed.FS

// SchemaFS holds the JSON Schemas (draft 2020-12) of consign.yaml and of
// every metadata document in a bundle, under schema/.
func SchemaFS() embed.FS { return schemaFS }

// schemaBase is where the schemas are published; their $id is this plus
// the file name.
const schemaBase = "https://raw.githubusercontent.com/consignhq/consign/main/docs/schema/"

var (
	compileOnce sync.Once
	compiled    map[string]*jsonschema.Schema
	compileErr  error
	// quick holds the quick form of each schema that has one.
	quick map[string]*quickSchema
)

// schemaFor returns the compiled schema of one of the embedded files.
func schemaFor(name string) (*jsonschema.Schema, error) {
	compileOnce.Do(func() {
		compiled, compileErr = compileAll()
	})
	if compileErr != nil {
		return nil, compileErr
	}
	s, ok := compiled[name]
	if !ok {
		return nil, fmt.Errorf("no schema named %s", name)
	}
	return s, nil
}

func compileAll() (map[string]*jsonschema.Schema, error) {
	entries, err := schemaFS.ReadDir("schema")
	if err != nil {
		return nil, fmt.Errorf("read embedded schemas: %w", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	qc := newQuickCompiler()
	for _, e := range entries {
		b, err := schemaFS.ReadFile("schema/" + e.Name())
		if err != nil {
			return nil, fmt.Errorf("read schema %s: %w", e.Name(), err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("parse schema %s: %w", e.Name(), err)
		}
		qc.docs[e.Name()] = doc
		if err := c.AddResource(schemaBase+e.Name(), doc); err != nil {
			return nil, fmt.Errorf("add schema %s: %w", e.Name(), err)
		}
	}
	out := make(map[string]*jsonschema.Schema, len(entries))
	for _, e := range entries {
		s, err := c.Compile(schemaBase + e.Name())
		if err != nil {
			return nil, fmt.Errorf("compile schema %s: %w", e.Name(), err)
		}
		out[e.Name()] = s
	}
	quick = map[string]*quickSchema{}
	for _, e := range entries {
		if q, err := qc.at(e.Name(), ""); err == nil {
			quick[e.Name()] = q
		}
	}
	for _, d := range qc.delegates() {
		// A delegate left without its schema only ever says quickUnsure.
		d.general, _ = c.Compile(pointerURL(d.loc))
	}
	return out, nil
}

// ErrNoSchema is returned by ValidateDocument for a name that has no schema.
var ErrNoSchema = errors.New("no schema for this document")

// ErrInvalidDocument is wrapped by every error ValidateDocument returns for
// a document that does not match its schema.
var ErrInvalidDocument = errors.New("document does not match its schema")

// documentSchemas maps a bundle path to its schema. JSON Lines files are
// checked line by line.
var documentSchemas = map[string]string{
	"consign.yaml":                  ConsignSchema,
	"croissant.json":                CroissantSchema,
	"metadata/content-profile.json": ContentProfileSchema,
	"metadata/dps.json":             DPSSchema,
	"metadata/files.jsonl":          FileRecordSchema,
	"metadata/findings.jsonl":       FindingSchema,
	"README.md":                     DatasetCardSchema,
}

// DocumentNames lists the bundle paths ValidateDocument knows, sorted.
func DocumentNames() []string {
	names := make([]string, 0, len(documentSchemas))
	for n := range documentSchemas {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// ValidateDocument checks one metadata document of a bundle against its
// schema. name is its path in the bundle ("metadata/dps.json"); data is
// the whole file. JSON Lines files are checked line by line, README.md by
// its YAML front matter, consign.yaml as LoadProfile does. Errors wrap
// ErrInvalidDocument (ErrBadProfile for consign.yaml) and say where.
func ValidateDocument(name string, data []byte) error {
	schemaName, ok := documentSchemas[name]
	if !ok {
		return fmt.Errorf("%s: %w", name, ErrNoSchema)
	}
	switch {
	case name == "consign.yaml":
		_, err := ParseProfile(name, data)
		return err
	case name == "README.md":
		fm, err := frontMatter(data)
		if err != nil {
			return fmt.Errorf("%s: %w: %v", name, ErrInvalidDocument, err)
		}
		return validateValue(name, schemaName, fm)
	case strings.HasSuffix(name, ".jsonl"):
		return validateLines(name, schemaName, data)
	}
	return validateJSON(name, schemaName, data)
}

func validateJSON(where, schemaName string, data []byte) error {
	if _, err := schemaFor(schemaName); err != nil { // compiles quick too
		return err
	}
	if q := quick[schemaName]; q != nil && q.scanDocument(data) == quickValid {
		return nil
	}
	v, err := decodeJSONValue(data)
	if err != nil {
		return fmt.Errorf("%s: %w: not JSON: %v", where, ErrInvalidDocument, err)
	}
	return validateValue(where, schemaName, v)
}

func validateValue(where, schemaName string, v any) error {
	s, err := schemaFor(schemaName)
	if err != nil {
		return err
	}
	if q := quick[schemaName]; q != nil && q.check(v) == quickValid {
		return nil
	}
	if err := s.Validate(v); err != nil {
		var ve *jsonschema.ValidationError
		if !errors.As(err, &ve) {
			return fmt.Errorf("%s: %w", where, err)
		}
		var msgs []string
		for _, leaf := range leafErrors(ve) {
			msgs = append(msgs, fmt.Sprintf("/%s: %s", strings.Join(leaf.InstanceLocation, "/"), describe(leaf.ErrorKind)))
		}
		return fmt.Errorf("%s: %w: %s", where, ErrInvalidDocument, strings.Join(msgs, "; "))
	}
	return nil
}
