package manifest

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
)

// quickSchema is a schema compiled for the common case of a bundle's
// records: it accepts most valid values at a fraction of the general
// validator's cost (which allocates a scope per keyword and compares every
// number as a big.Rat), and for anything else says it is not sure. Verify
// checks tens of thousands of file records and findings; through the
// general validator alone that took three times as long as hashing the
// payload.
//
// It is compiled from the same schema text and knows only the keywords
// those schemas use; a schema with any other keyword gets no quick form.
// Its verdicts are exact except where it says quickUnsure (numbers it
// cannot compare exactly as float64, integers written with a fraction or an
// exponent): a value it does not accept is always validated again by the
// general validator, which decides and says why.
type quickSchema struct {
	types      []string // empty: any type
	properties map[string]*quickSchema
	required   []string
	// additional is nil when additionalProperties is absent (anything
	// goes), noAdditional when it is false.
	additional   *quickSchema
	noAdditional bool
	items        *quickSchema
	enum         []string // all string values (a schema with others is not quick)
	hasEnum      bool
	minLength    int // -1: none
	minimum      *float64
	maximum      *float64
	pattern      *regexp.Regexp
	not          *quickSchema
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
var annotations = map[string]bool{
	"$schema": true, "$id": true, "$comment": true, "title": true, "description": true,
	"examples": true, "default": true, "contentEncoding": true, "contentMediaType": true,
}

// compileQuick builds the quick form of a schema document, or returns an
// error naming the first keyword it does not know.
func compileQuick(doc any) (*quickSchema, error) {
	m, ok := doc.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("schema is a %T, not an object", doc)
	}
	q := &quickSchema{minLength: -1}
	for k, v := range m {
		var err error
		switch {
		case annotations[k]:
		case k == "type":
			err = q.setTypes(v)
		case k == "properties":
			err = q.setProperties(v)
		case k == "required":
			q.required, err = stringList(v)
		case k == "additionalProperties":
			if b, isBool := v.(bool); isBool {
				q.noAdditional = !b
			} else {
				q.additional, err = compileQuick(v)
			}
		case k == "items":
			q.items, err = compileQuick(v)
		case k == "enum":
			q.enum, err = stringList(v)
			q.hasEnum = true
		case k == "const":
			s, isString := v.(string)
			if !isString {
				err = fmt.Errorf("const %v is not a string", v)
			}
			q.enum, q.hasEnum = []string{s}, true
		case k == "minLength":
			q.minLength, err = schemaInt(v)
		case k == "minimum":
			q.minimum, err = schemaFloat(v)
		case k == "maximum":
			q.maximum, err = schemaFloat(v)
		case k == "pattern":
			s, _ := v.(string)
			q.pattern, err = regexp.Compile(s)
		case k == "not":
			q.not, err = compileQuick(v)
		default:
			err = fmt.Errorf("keyword %q", k)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
	}
	return q, nil
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

func (q *quickSchema) setProperties(v any) error {
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("properties is a %T", v)
	}
	q.properties = make(map[string]*quickSchema, len(m))
	for name, sub := range m {
		s, err := compileQuick(sub)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		q.properties[name] = s
	}
	return nil
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

// schemaFloat reads a bound; only bounds a float64 holds exactly compare
// exactly.
func schemaFloat(v any) (*float64, error) {
	n, ok := v.(json.Number)
	if !ok {
		return nil, fmt.Errorf("%v is not a number", v)
	}
	i, err := strconv.ParseInt(string(n), 10, 32)
	if err != nil {
		return nil, fmt.Errorf("bound %s is not a small integer", n)
	}
	f := float64(i)
	return &f, nil
}
