package manifest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"gopkg.in/yaml.v3"
)

// ProfileError lists what is wrong with a consign.yaml, each problem with
// its line and column. It wraps ErrBadProfile.
type ProfileError struct {
	Problems []Problem
}

// Problem is one error in consign.yaml.
type Problem struct {
	File    string
	Line    int
	Column  int
	Key     string // dotted path of the value, "licence.compensation.currency"
	Message string
}

func (p Problem) String() string {
	pos := fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
	if p.Column == 0 {
		pos = fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	if p.Key == "" {
		return pos + ": " + p.Message
	}
	return pos + ": " + p.Key + ": " + p.Message
}

func (e *ProfileError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Unwrap makes errors.Is(err, ErrBadProfile) true.
func (e *ProfileError) Unwrap() error { return ErrBadProfile }

// maxProfileSize bounds the bytes of a consign.yaml; a real one is a few
// kilobytes.
const maxProfileSize = 1 << 20

// checkProfileValue checks a consign.yaml's value against its schema: the
// quick form first, as for a bundle's documents, since making the library's
// compiler (which compiles every draft's meta-schema) is most of the cost
// of checking a valid file; the library for anything else, for its
// line-numbered problems.
func checkProfileValue(file string, root *yaml.Node, value any) error {
	if err := loadSchemas(); err != nil {
		return err
	}
	if q := quickFor(ConsignSchema); q != nil && q.check(jsonNumbers(value)) == quickValid {
		return nil
	}
	sch, err := schemaFor(ConsignSchema)
	if err != nil {
		return err
	}
	if err := sch.Validate(value); err != nil {
		var ve *jsonschema.ValidationError
		if !errors.As(err, &ve) {
			return fmt.Errorf("validate %s: %w", file, err)
		}
		return &ProfileError{Problems: problemsAt(file, root, ve)}
	}
	return nil
}

// jsonNumbers returns v with the numbers YAML decodes (int, int64,
// uint64, float64) as the json.Number the quick form reads, as a JSON document
// would give them.
func jsonNumbers(v any) any {
	switch x := v.(type) {
	case int:
		return json.Number(strconv.Itoa(x))
	case int64:
		return json.Number(strconv.FormatInt(x, 10))
	case uint64:
		return json.Number(strconv.FormatUint(x, 10))
	case float64:
		return json.Number(strconv.FormatFloat(x, 'g', -1, 64))
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = jsonNumbers(e)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, e := range x {
			s[i] = jsonNumbers(e)
		}
		return s
	}
	return v
}

// maxProfileNodes bounds the values a consign.yaml may hold once aliases
// are expanded, so that a file of nested aliases cannot exhaust memory.
const maxProfileNodes = 100000

// yamlLineRe finds the line number in yaml.v3's syntax errors.
var yamlLineRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: line (\d+): (.*)$`) })

// typeLineRe finds the line number in one of yaml.v3's decoding errors.
var typeLineRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^line (\d+): (.*)$`) })

// ParseProfile parses and checks a consign.yaml held in data; file names it
// in error messages. Every error about the file is a *ProfileError.
func ParseProfile(file string, data []byte) (*Profile, error) {
	if len(data) > maxProfileSize {
		return nil, &ProfileError{Problems: []Problem{{File: file, Line: 1, Message: fmt.Sprintf("larger than %d bytes", maxProfileSize)}}}
	}
	if line, col, ok := invalidUTF8(data); ok {
		return nil, &ProfileError{Problems: []Problem{{File: file, Line: line, Column: col,
			Message: "not UTF-8 text (saved in another encoding, such as Latin-1?): save it as UTF-8"}}}
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		if p := tabIndent(file, data, err); p != nil {
			return nil, p
		}
		return nil, syntaxError(file, err)
	}
	if err := oneDocument(file, dec); err != nil {
		return nil, err
	}
	p := &Profile{}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return p, nil
	}
	root := doc.Content[0]
	budget := maxProfileNodes
	value, err := nodeValue(file, root, &budget)
	if err != nil {
		return nil, err
	}
	if err := checkProfileValue(file, root, value); err != nil {
		return nil, err
	}
	if err := root.Decode(p); err != nil {
		return nil, syntaxError(file, err)
	}
	if err := checkGlobs(file, root, p); err != nil {
		return nil, err
	}
	if err := checkTerritory(file, root, p); err != nil {
		return nil, err
	}
	if err := sameIdentifier(file, root, p); err != nil {
		return nil, err
	}
	p.file, p.root = file, root
	return p, nil
}

// invalidUTF8 finds the line and column (in characters) of the first byte
// of data that is not UTF-8, which yaml.v3 reports at line 1 whatever the
// line. Text with a UTF-16 byte-order mark is YAML too, and left to it.
func invalidUTF8(data []byte) (line, col int, ok bool) {
	if utf8.Valid(data) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) || bytes.HasPrefix(data, []byte{0xff, 0xfe}) {
		return 0, 0, false
	}
	line, col = 1, 1
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		switch {
		case r == utf8.RuneError && n <= 1:
			return line, col, true
		case r == '\n':
			line, col = line+1, 1
		default:
			col++
		}
		data = data[n:]
	}
	return 0, 0, false
}

// oneDocument reports a second YAML document after the first: consign
// reads only the first, and what follows a stray "---" would otherwise be
// left out without a word, a licence term among it.
func oneDocument(file string, dec *yaml.Decoder) error {
	var next yaml.Node
	err := dec.Decode(&next)
	switch {
	case errors.Is(err, io.EOF):
		return nil
	case err != nil:
		return syntaxError(file, err)
	}
	if len(next.Content) == 0 || next.Content[0].Tag == "!!null" {
		return nil // a trailing "---" or "..." with nothing after it
	}
	n := next.Content[0]
	return &ProfileError{Problems: []Problem{{File: file, Line: n.Line, Column: n.Column,
		Message: "a second YAML document starts here, which consign would not read: remove the --- line before it so that the file is one document"}}}
}

// sameIdentifier makes the top-level external_identifier and the catalog's
// one value, or reports where they disagree.
func sameIdentifier(file string, root *yaml.Node, p *Profile) error {
	top, cat := p.ExternalIdentifier, p.Catalog.ExternalIdentifier
	switch {
	case top == "":
		p.ExternalIdentifier = cat
	case cat == "":
		p.Catalog.ExternalIdentifier = top
	case top != cat:
		n := keyNode(root, "external_identifier")
		return &ProfileError{Problems: []Problem{{File: file, Line: n.Line, Column: n.Column, Key: "external_identifier",
			Message: fmt.Sprintf("%s differs from catalog.external_identifier %s: keep one", top, cat)}}}
	}
	return nil
}

// tabIndent explains a YAML syntax error at a line indented with a tab,
// which YAML does not allow and which an editor shows as spaces: yaml.v3
// says only that a character "cannot start any token", or names the line
// before. It returns nil when neither the line the error names nor those
// beside it have a tab in their indentation.
func tabIndent(file string, data []byte, err error) error {
	m := yamlLineRe().FindStringSubmatch(err.Error())
	if m == nil {
		return nil
	}
	n, _ := strconv.Atoi(m[1])
	lines := strings.Split(string(data), "\n")
	for _, at := range []int{n, n + 1, n - 1} {
		if at < 1 || at > len(lines) {
			continue
		}
		line := lines[at-1]
		indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
		if i := strings.IndexByte(indent, '\t'); i >= 0 {
			return &ProfileError{Problems: []Problem{{File: file, Line: at, Column: i + 1,
				Message: "a tab indents this line: YAML indents with spaces only, so replace the tab with spaces"}}}
		}
	}
	return nil
}

func syntaxError(file string, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		// A value the schema allows but Go cannot hold, such as a number
		// too large for an int: one problem per value.
		pe := &ProfileError{}
		for _, e := range te.Errors {
			line, msg := 1, e
			if m := typeLineRe().FindStringSubmatch(e); m != nil {
				line, _ = strconv.Atoi(m[1])
				msg = m[2]
			}
			pe.Problems = append(pe.Problems, Problem{File: file, Line: line, Message: msg})
		}
		return pe
	}
	msg := err.Error()
	line := 1
	if m := yamlLineRe().FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	return &ProfileError{Problems: []Problem{{File: file, Line: line, Message: "not valid YAML: " + msg}}}
}

// nodeValue turns a YAML node into the value encoding/json would decode
// from the same document, so that the JSON Schema applies to it: mappings
// with string keys, sequences, strings, numbers, booleans and null. Dates
// stay the text they were written as.
func nodeValue(file string, n *yaml.Node, budget *int) (any, error) {
	*budget--
	if *budget < 0 {
		return nil, &ProfileError{Problems: []Problem{{File: file, Line: n.Line, Column: n.Column, Message: fmt.Sprintf("too many values (more than %d, counting each alias as the values it repeats)", maxProfileNodes)}}}
	}
	bad := func(msg string) error {
		return &ProfileError{Problems: []Problem{{File: file, Line: n.Line, Column: n.Column, Message: msg}}}
	}
	switch n.Kind {
	case yaml.AliasNode:
		return nodeValue(file, n.Alias, budget)
	case yaml.MappingNode:
		m := make(map[string]any, len(n.Content)/2)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || k.ShortTag() == "!!merge" {
				return nil, &ProfileError{Problems: []Problem{{File: file, Line: k.Line, Column: k.Column, Message: "keys must be plain names"}}}
			}
			v, err := nodeValue(file, n.Content[i+1], budget)
			if err != nil {
				return nil, err
			}
			m[k.Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := nodeValue(file, c, budget)
			if err != nil {
				return nil, err
			}
			s = append(s, v)
		}
		return s, nil
	case yaml.ScalarNode:
		var v any
		if err := n.Decode(&v); err != nil {
			return nil, bad(err.Error())
		}
		switch x := v.(type) {
		case time.Time:
			return n.Value, nil
		case float64:
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, bad("numbers must be finite")
			}
		}
		return v, nil
	}
	return nil, bad("unsupported YAML node")
}

// problemsAt turns the schema's verdict into problems positioned at the
// YAML nodes they are about, in file order.
func problemsAt(file string, root *yaml.Node, ve *jsonschema.ValidationError) []Problem {
	var out []Problem
	for _, leaf := range leafErrors(ve) {
		out = append(out, problemFor(file, root, leaf)...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Column < out[j].Column
	})
	// The same problem can be reached through two branches of a schema.
	uniq := out[:0]
	for i, p := range out {
		if i == 0 || p != out[i-1] {
			uniq = append(uniq, p)
		}
	}
	return uniq
}

// leafErrors returns the innermost errors: the ones that say what is wrong
// rather than which subschema failed. A bad key name is one leaf, told at
// the key rather than through its causes.
func leafErrors(ve *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if _, ok := ve.ErrorKind.(*kind.PropertyNames); ok || len(ve.Causes) == 0 {
		return []*jsonschema.ValidationError{ve}
	}
	var out []*jsonschema.ValidationError
	for _, c := range ve.Causes {
		out = append(out, leafErrors(c)...)
	}
	return out
}
