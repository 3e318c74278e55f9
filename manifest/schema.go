package manifest

import (
	"embed"
	"errors"
	"fmt"
	"maps"
	"slices"
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
	loadOnce sync.Once
	loadErr  error
	// quickDocs holds every embedded schema document by file name.
	quickDocs map[string]any
	// quick holds the quick form of each schema asked for (quickFor),
	// compiled the first time: a scan checks only consign.yaml, and
	// verify none of it, where compiling every schema's patterns and
	// references took a few milliseconds of each command's start.
	quick struct {
		sync.Mutex
		qc    *quickCompiler
		forms map[string]*quickSchema // nil: the schema has none
	}
	// general is the general validator, which compiles a schema (and
	// checks it against its draft's metaschema) the first time one is
	// asked for: the quick forms settle a valid bundle's records and
	// findings without it, and compiling every schema up front was a
	// fifth of verifying a small bundle.
	general struct {
		sync.Mutex
		c       *jsonschema.Compiler
		schemas map[string]*jsonschema.Schema // by location
		errs    map[string]error
	}
)

// loadSchemas reads the embedded schemas for the general validator and
// compiles their quick forms, once.
func loadSchemas() error {
	loadOnce.Do(func() { loadErr = loadAll() })
	return loadErr
}

// schemaFor returns the general validator's schema of one of the
// embedded files.
func schemaFor(name string) (*jsonschema.Schema, error) {
	if err := loadSchemas(); err != nil {
		return nil, err
	}
	s, err := generalAt(schemaBase + name)
	if err != nil {
		if errors.Is(err, errUnknownSchema) {
			return nil, fmt.Errorf("no schema named %s", name)
		}
		return nil, fmt.Errorf("compile schema %s: %w", name, err)
	}
	return s, nil
}

// errUnknownSchema says a location is in none of the embedded files.
var errUnknownSchema = errors.New("not an embedded schema")

// generalAt compiles the schema at loc (an embedded file's URL, with a
// fragment for a subschema) the first time it is asked for.
func generalAt(loc string) (*jsonschema.Schema, error) {
	general.Lock()
	defer general.Unlock()
	if s, ok := general.schemas[loc]; ok {
		return s, nil
	}
	if err, ok := general.errs[loc]; ok {
		return nil, err
	}
	var (
		s   *jsonschema.Schema
		err = errUnknownSchema
	)
	if file, ok := strings.CutPrefix(loc, schemaBase); ok && knownSchema(file) {
		if general.c == nil {
			general.c, err = newGeneralCompiler()
		}
		if general.c != nil {
			s, err = general.c.Compile(loc)
		}
	}
	if err != nil {
		general.errs[loc] = err
		return nil, err
	}
	general.schemas[loc] = s
	return s, nil
}

// knownSchema reports whether file (with any fragment) is one of the
// embedded schemas.
func knownSchema(file string) bool {
	file, _, _ = strings.Cut(file, "#")
	_, ok := quickDocs[file]
	return ok
}

func loadAll() error {
	entries, err := schemaFS.ReadDir("schema")
	if err != nil {
		return fmt.Errorf("read embedded schemas: %w", err)
	}
	qc := newQuickCompiler()
	for _, e := range entries {
		b, err := schemaFS.ReadFile("schema/" + e.Name())
		if err != nil {
			return fmt.Errorf("read schema %s: %w", e.Name(), err)
		}
		// decodeJSONValue gives the library's values, without its
		// encoding/json pass: decoding the schemas was a quarter of
		// loading them, which every verify does.
		doc, err := decodeJSONValue(b)
		if err != nil {
			return fmt.Errorf("parse schema %s: %w", e.Name(), err)
		}
		qc.docs[e.Name()] = doc
	}
	quickDocs = qc.docs
	general.schemas, general.errs = map[string]*jsonschema.Schema{}, map[string]error{}
	quick.qc, quick.forms = qc, map[string]*quickSchema{}
	return nil
}

// quickFor is the quick form of the embedded schema name, compiled the
// first time it is asked for; nil when the schemas could not be loaded
// or name is none of them. consign.yaml's schema, which every command
// that reads a folder checks, is compiled alone; the first of the
// bundle's schemas asked for compiles them all, as verify checks its
// documents together, on as many goroutines.
func quickFor(name string) *quickSchema {
	if loadSchemas() != nil {
		return nil
	}
	quick.Lock()
	defer quick.Unlock()
	if q, ok := quick.forms[name]; ok {
		return q
	}
	names := []string{name}
	if name != ConsignSchema {
		names = slices.Sorted(maps.Keys(quickDocs))
	}
	for _, n := range names {
		if _, done := quick.forms[n]; done || n == ConsignSchema && name != ConsignSchema {
			continue
		}
		var q *quickSchema
		if _, known := quickDocs[n]; known {
			q, _ = quick.qc.at(n, "")
		}
		quick.forms[n] = q
	}
	return quick.forms[name]
}

// newGeneralCompiler makes the general validator's compiler, with every
// embedded schema added, when a document first needs it. Making a
// jsonschema compiler compiles the drafts' meta-schemas, a dozen
// milliseconds that verifying a valid bundle no longer pays.
func newGeneralCompiler() (*jsonschema.Compiler, error) {
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	for name, doc := range quickDocs {
		if err := c.AddResource(schemaBase+name, doc); err != nil {
			return nil, fmt.Errorf("add schema %s: %w", name, err)
		}
	}
	return c, nil
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
	if err := loadSchemas(); err != nil {
		return err
	}
	if q := quickFor(schemaName); q != nil && q.scanDocument(data) == quickValid {
		return nil
	}
	v, err := decodeJSONValue(data)
	if err != nil {
		return fmt.Errorf("%s: %w: not JSON: %v", where, ErrInvalidDocument, err)
	}
	return validateValue(where, schemaName, v)
}

func validateValue(where, schemaName string, v any) error {
	if err := loadSchemas(); err != nil {
		return err
	}
	// The quick form first: compiling the schema through the library,
	// which checks it against its metaschema, is only needed for a value
	// the quick form does not accept.
	if q := quickFor(schemaName); q != nil && q.check(v) == quickValid {
		return nil
	}
	s, err := schemaFor(schemaName)
	if err != nil {
		return err
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
