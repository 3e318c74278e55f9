package manifest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
)

// quickSchema is a schema compiled for the common case of a bundle's
// metadata: it accepts most valid values at a fraction of the general
// validator's cost (which allocates a scope per keyword and compares every
// number as a big.Rat), and for anything else says it is not sure. Verify
// checks tens of thousands of file records and findings and a content
// profile that repeats every finding; through the general validator alone
// that took three times as long as hashing the payload.
//
// It is compiled from the same schema text. It checks the keywords the
// bundle's records and findings use itself, follows $ref and allOf, and
// hands any subschema with another keyword (oneOf, patternProperties...)
// to the general validator, compiled at that subschema's location: such a
// node is a delegate, and its verdict is the library's. Its own verdicts
// are exact except where it says quickUnsure (numbers it cannot compare
// exactly as float64, integers written with a fraction or an exponent): a
// value it does not accept is always validated again by the general
// validator, which decides and says why.
type quickSchema struct {
	loc string // file#pointer, where the general validator finds it
	// delegate marks a subschema the general validator checks (generalAt
	// compiles it at loc).
	delegate bool

	hasOwn     bool     // any keyword below applies
	types      []string // empty: any type
	properties map[string]*quickSchema
	required   []string
	// members is properties with the bits scanObject tracks them by, and
	// requiredOutside says a required name is not among them.
	members         memberIndex
	requiredOutside bool
	// additional is nil when additionalProperties is absent (anything
	// goes), noAdditional when it is false.
	additional   *quickSchema
	noAdditional bool
	items        *quickSchema
	minItems     int // -1: none
	maxItems     int // -1: none
	uniqueItems  bool
	enum         []string // all string values (a schema with others delegates)
	hasEnum      bool
	// constNumber is a const that is an integer (a consign.yaml's
	// version): only a number equal to it is valid.
	constNumber *float64
	minLength   int // -1: none
	minimum     *float64
	maximum     *float64
	pattern     *regexp.Regexp
	classes     *classPattern // pattern's faster form, when it has one
	dfa         *asciiDFA     // or this one
	format      func(string) bool
	// propertyNames checks every member name of an object.
	propertyNames *quickSchema

	// applied are the schemas the value must match too: $ref's target and
	// allOf's members.
	applied  []*quickSchema
	not      *quickSchema
	combined *quickLogic // anyOf, contains, if/then/else
}

// quickVerdict is a quickSchema's answer.
type quickVerdict int

const (
	quickValid quickVerdict = iota
	quickInvalid
	quickUnsure
)

// annotations are keywords that do not assert anything (contentEncoding
// asserts only with Compiler.AssertContent, which consign does not set).
// $defs only holds subschemas that $ref reaches.
var annotations = map[string]bool{
	"$schema": true, "$id": true, "$comment": true, "title": true, "description": true,
	"examples": true, "default": true, "contentEncoding": true, "contentMediaType": true,
	"$defs": true,
}

// quickCompiler builds the quick forms of a set of schema documents that
// refer to each other by file name.
type quickCompiler struct {
	docs  map[string]any          // file name -> schema document
	nodes map[string]*quickSchema // file#pointer -> its quick form
}

func newQuickCompiler() *quickCompiler {
	return &quickCompiler{docs: map[string]any{}, nodes: map[string]*quickSchema{}}
}

// at returns the quick form of the subschema at pointer ptr of file,
// compiling it once: a $ref cycle meets the node being built.
func (qc *quickCompiler) at(file, ptr string) (*quickSchema, error) {
	loc := file + "#" + ptr
	if q, ok := qc.nodes[loc]; ok {
		return q, nil
	}
	doc, ok := qc.docs[file]
	if !ok {
		return nil, fmt.Errorf("no schema named %s", file)
	}
	v, err := resolvePointer(doc, ptr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", loc, err)
	}
	q := &quickSchema{loc: loc, minLength: -1, minItems: -1, maxItems: -1}
	qc.nodes[loc] = q
	if err := qc.fill(q, file, ptr, v); err != nil {
		// The library checks what this form cannot: the whole subschema.
		*q = quickSchema{loc: loc, delegate: true, minLength: -1, minItems: -1, maxItems: -1}
	}
	return q, nil
}

// fill compiles one subschema's keywords into q, or returns an error
// naming the first keyword it does not check itself.
func (qc *quickCompiler) fill(q *quickSchema, file, ptr string, v any) error {
	switch b := v.(type) {
	case bool:
		if b {
			return nil // anything is valid
		}
		return fmt.Errorf("schema false")
	case map[string]any:
	default:
		return fmt.Errorf("schema is a %T, not an object", v)
	}
	for k, val := range v.(map[string]any) {
		if err := qc.keyword(q, file, ptr, k, val); err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
	}
	q.indexMembers()
	return nil
}

func (qc *quickCompiler) keyword(q *quickSchema, file, ptr, k string, v any) error {
	var err error
	own := true
	switch k {
	case "type":
		err = q.setTypes(v)
	case "properties":
		err = qc.setProperties(q, file, ptr, v)
	case "required":
		q.required, err = stringList(v)
	case "additionalProperties":
		if b, isBool := v.(bool); isBool {
			q.noAdditional = !b
		} else {
			q.additional, err = qc.at(file, ptr+"/additionalProperties")
		}
	case "items":
		q.items, err = qc.at(file, ptr+"/items")
	case "minItems":
		q.minItems, err = schemaInt(v)
	case "maxItems":
		q.maxItems, err = schemaInt(v)
	case "uniqueItems":
		b, isBool := v.(bool)
		if !isBool {
			err = fmt.Errorf("uniqueItems %v", v)
		}
		q.uniqueItems, own = b, b
	case "enum":
		q.enum, err = stringList(v)
		q.hasEnum = true
	case "const":
		if n, isNumber := v.(json.Number); isNumber {
			q.constNumber, err = schemaFloat(n)
			break
		}
		s, isString := v.(string)
		if !isString {
			err = fmt.Errorf("const %v is neither a string nor a number", v)
		}
		q.enum, q.hasEnum = []string{s}, true
	case "minLength":
		q.minLength, err = schemaInt(v)
	case "minimum":
		q.minimum, err = schemaFloat(v)
	case "maximum":
		q.maximum, err = schemaFloat(v)
	case "pattern":
		s, _ := v.(string)
		if q.pattern, err = regexp.Compile(s); err == nil {
			if q.classes = compileClassPattern(q.pattern); q.classes == nil {
				q.dfa = compileASCIIDFA(q.pattern)
			}
		}
	case "format":
		err = q.setFormat(v)
	case "propertyNames":
		q.propertyNames, err = qc.at(file, ptr+"/propertyNames")
	case "not":
		own = false
		q.not, err = qc.at(file, ptr+"/not")
	case "$ref":
		own = false
		err = qc.addRef(q, file, v)
	case "allOf":
		own = false
		err = qc.addAllOf(q, file, ptr, v)
	default:
		own = false
		if logic, lerr := qc.setLogic(q, file, ptr, k, v); logic {
			err = lerr
		} else if !annotations[k] {
			return fmt.Errorf("keyword %q", k)
		}
	}
	q.hasOwn = q.hasOwn || own
	return err
}

func (q *quickSchema) setTypes(v any) error {
	switch t := v.(type) {
	case string:
		q.types = []string{t}
		return nil
	case []any:
		var err error
		q.types, err = stringList(t)
		return err
	}
	return fmt.Errorf("type %v", v)
}

func (qc *quickCompiler) setProperties(q *quickSchema, file, ptr string, v any) error {
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("properties is a %T", v)
	}
	q.properties = make(map[string]*quickSchema, len(m))
	for name := range m {
		s, err := qc.at(file, ptr+"/properties/"+escapePointer(name))
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		q.properties[name] = s
	}
	return nil
}

// addRef follows a $ref to a JSON pointer in one of the schema files,
// named as the schemas name each other (relative to their shared base).
func (qc *quickCompiler) addRef(q *quickSchema, file string, v any) error {
	ref, ok := v.(string)
	if !ok {
		return fmt.Errorf("$ref %v is not a string", v)
	}
	target, frag, _ := strings.Cut(strings.TrimPrefix(ref, schemaBase), "#")
	if target == "" {
		target = file
	}
	ptr, err := url.PathUnescape(frag)
	if err != nil || ptr != "" && !strings.HasPrefix(ptr, "/") {
		return fmt.Errorf("$ref %q is not a JSON pointer", ref)
	}
	s, err := qc.at(target, ptr)
	if err != nil {
		return err
	}
	q.applied = append(q.applied, s)
	return nil
}

func (qc *quickCompiler) addAllOf(q *quickSchema, file, ptr string, v any) error {
	list, ok := v.([]any)
	if !ok {
		return fmt.Errorf("allOf is a %T", v)
	}
	for i := range list {
		s, err := qc.at(file, ptr+"/allOf/"+strconv.Itoa(i))
		if err != nil {
			return err
		}
		q.applied = append(q.applied, s)
	}
	return nil
}

// resolvePointer finds the value a JSON pointer (RFC 6901) names in doc.
func resolvePointer(doc any, ptr string) (any, error) {
	if ptr == "" {
		return doc, nil
	}
	v := doc
	for _, tok := range strings.Split(ptr[1:], "/") {
		tok = unescapePointer.Replace(tok)
		switch x := v.(type) {
		case map[string]any:
			next, ok := x[tok]
			if !ok {
				return nil, fmt.Errorf("no member %q", tok)
			}
			v = next
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(x) {
				return nil, fmt.Errorf("no item %q", tok)
			}
			v = x[i]
		default:
			return nil, fmt.Errorf("no member %q in a %T", tok, v)
		}
	}
	return v, nil
}

func escapePointer(name string) string { return pointerEscaper.Replace(name) }

// The JSON Pointer escapes (RFC 6901), built once: building a Replacer for
// each token was a fifth of compiling the schemas, which verify does on
// every run.
var (
	pointerEscaper  = strings.NewReplacer("~", "~0", "/", "~1")
	unescapePointer = strings.NewReplacer("~1", "/", "~0", "~")
)

// pointerURL is where the general compiler finds the subschema at loc.
func pointerURL(loc string) string {
	file, ptr, _ := strings.Cut(loc, "#")
	return schemaBase + file + "#" + (&url.URL{Fragment: ptr}).EscapedFragment()
}

func stringList(v any) ([]string, error) {
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("%v is not a list", v)
	}
	out := make([]string, len(list))
	for i, e := range list {
		s, ok := e.(string)
		if !ok {
			return nil, fmt.Errorf("%v is not a string", e)
		}
		out[i] = s
	}
	return out, nil
}

func schemaInt(v any) (int, error) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, fmt.Errorf("%v is not a number", v)
	}
	i, err := strconv.Atoi(string(n))
	return i, err
}

// schemaFloat reads a bound: an integer a float64 holds exactly. The
// numbers check compares with it have at most 15 digits (exactFloat),
// whose float64 is off by less than the distance to the nearest integer
// they are not, so the comparison is exact.
func schemaFloat(v any) (*float64, error) {
	n, ok := v.(json.Number)
	if !ok {
		return nil, fmt.Errorf("%v is not a number", v)
	}
	i, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil || i > 1<<53 || i < -(1<<53) {
		return nil, fmt.Errorf("bound %s is not an integer a float64 holds", n)
	}
	f := float64(i)
	return &f, nil
}
