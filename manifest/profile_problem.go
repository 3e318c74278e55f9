package manifest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"gopkg.in/yaml.v3"
)

// englishPrinter words the schema errors describe does not word itself.
var englishPrinter = message.NewPrinter(language.English)

// problemFor explains one schema error in consign.yaml's terms, at the
// position of the value (or, for an unknown key, of the key) it is about.
func problemFor(file string, root *yaml.Node, ve *jsonschema.ValidationError) []Problem {
	node := lookup(root, ve.InstanceLocation)
	at := func(n *yaml.Node, path []string, msg string) Problem {
		return Problem{File: file, Line: n.Line, Column: n.Column, Key: dotted(path), Message: msg}
	}
	path := ve.InstanceLocation
	switch k := ve.ErrorKind.(type) {
	case *kind.AdditionalProperties:
		var out []Problem
		for _, name := range k.Properties {
			key := keyNode(node, name)
			msg := fmt.Sprintf("unknown key %q", name)
			if s := suggestKey(path, name); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			out = append(out, at(key, path, msg))
		}
		return out
	case *kind.PropertyNames:
		// The library loses the mapping's location for this error; the
		// mapping is the one that holds the key.
		if p, ok := findKey(root, nil, k.Property); ok {
			path, node = p, lookup(root, p)
		}
		return []Problem{at(keyNode(node, k.Property), path, fmt.Sprintf("key %q is not a valid name: use lower case letters, digits and _", k.Property))}
	case *kind.MaxItems:
		// The schema's "if it contains worldwide, then at most one item"
		// would otherwise read as a limit on the list's length.
		if dotted(path) == "licence.territory" {
			return []Problem{at(node, path, "worldwide cannot be listed with country codes: give worldwide alone, or only the codes")}
		}
	case *kind.Required:
		msg := fmt.Sprintf("missing key %q", k.Missing[0])
		if len(k.Missing) > 1 {
			msg = "missing keys " + strings.Join(quoteAll(k.Missing), ", ")
		}
		return []Problem{at(node, path, msg)}
	}
	return []Problem{at(node, path, describe(ve.ErrorKind))}
}

// describe words a value error the way a person editing YAML reads it.
func describe(ek jsonschema.ErrorKind) string {
	switch k := ek.(type) {
	case *kind.Type:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = yamlType(w)
		}
		return fmt.Sprintf("must be %s, not %s", strings.Join(want, " or "), yamlType(k.Got))
	case *kind.Enum:
		opts := make([]string, len(k.Want))
		for i, w := range k.Want {
			opts[i] = fmt.Sprint(w)
		}
		return fmt.Sprintf("must be one of %s, not %s", strings.Join(opts, ", "), gotText(k.Got))
	case *kind.Const:
		return fmt.Sprintf("must be %v", k.Want)
	case *kind.Minimum:
		return "must be >= " + k.Want.FloatString(decimals(k.Want.IsInt()))
	case *kind.Maximum:
		return "must be <= " + k.Want.FloatString(decimals(k.Want.IsInt()))
	case *kind.ExclusiveMinimum:
		return "must be > " + k.Want.FloatString(decimals(k.Want.IsInt()))
	case *kind.ExclusiveMaximum:
		return "must be < " + k.Want.FloatString(decimals(k.Want.IsInt()))
	case *kind.MinLength:
		if k.Want == 1 {
			return "must not be empty"
		}
		return fmt.Sprintf("must be at least %d characters", k.Want)
	case *kind.MaxLength:
		return "must be at most " + Count(k.Want, "character")
	case *kind.MinItems:
		return "must list at least " + Count(k.Want, "item")
	case *kind.MaxItems:
		return "must list at most " + Count(k.Want, "item")
	case *kind.UniqueItems:
		return fmt.Sprintf("item %d repeats item %d", k.Duplicates[1], k.Duplicates[0])
	case *kind.Pattern:
		if k.Want == `\S` {
			// Text that must say something: "" also fails minLength,
			// and the same words make the two one problem.
			if k.Got == "" {
				return "must not be empty"
			}
			return "must not be blank"
		}
		return patternProblem(k.Got, k.Want)
	case *kind.Format:
		return fmt.Sprintf("%s is not a valid %s", gotText(k.Got), k.Want)
	case *kind.MultipleOf:
		return "must be a multiple of " + k.Want.FloatString(decimals(k.Want.IsInt()))
	case *kind.Required:
		return "missing " + strings.Join(quoteAll(k.Missing), ", ")
	case *kind.AdditionalProperties:
		return "unknown " + strings.Join(quoteAll(k.Properties), ", ")
	}
	return ek.LocalizedString(englishPrinter)
}

func decimals(isInt bool) int {
	if isInt {
		return 0
	}
	return 2
}

func yamlType(t string) string {
	switch t {
	case "object":
		return "a mapping"
	case "array":
		return "a list"
	case "string":
		return "text"
	case "null":
		return "empty"
	case "integer":
		return "a whole number"
	case "number":
		return "a number"
	case "boolean":
		return "true or false"
	}
	return t
}

// gotText words a value the schema refused as the YAML showed it: Go's
// "<nil>" or "map[...]" would mean nothing to the person editing the file.
func gotText(v any) string {
	switch x := v.(type) {
	case nil:
		return "empty"
	case string:
		if x == "" {
			return `""`
		}
		return x
	case map[string]any:
		return "a mapping"
	case []any:
		return "a list"
	}
	return fmt.Sprint(v)
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = strconv.Quote(v)
	}
	return out
}

// dotted renders a value's location as its YAML keys: "consent[0].date".
func dotted(path []string) string {
	var b strings.Builder
	for _, tok := range path {
		if _, err := strconv.Atoi(tok); err == nil {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(tok)
	}
	return b.String()
}

// lookup follows a JSON pointer's tokens through the YAML tree and returns
// the deepest node it reaches.
func lookup(n *yaml.Node, path []string) *yaml.Node {
	for _, tok := range path {
		n = deref(n)
		switch n.Kind {
		case yaml.MappingNode:
			found := false
			for i := 0; i+1 < len(n.Content); i += 2 {
				if n.Content[i].Value == tok {
					n, found = n.Content[i+1], true
					break
				}
			}
			if !found {
				return n
			}
		case yaml.SequenceNode:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n.Content) {
				return n
			}
			n = n.Content[i]
		default:
			return n
		}
	}
	return n
}

// keyNode returns the key node named name in mapping n, or n itself.
func keyNode(n *yaml.Node, name string) *yaml.Node {
	m := deref(n)
	if m.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == name {
				return m.Content[i]
			}
		}
	}
	return n
}

// findKey returns the path of the first mapping, in file order, that has
// a key named name.
func findKey(n *yaml.Node, path []string, name string) ([]string, bool) {
	n = deref(n)
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == name {
				return path, true
			}
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			sub := append(append([]string(nil), path...), n.Content[i].Value)
			if p, ok := findKey(n.Content[i+1], sub, name); ok {
				return p, true
			}
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			sub := append(append([]string(nil), path...), strconv.Itoa(i))
			if p, ok := findKey(c, sub, name); ok {
				return p, true
			}
		}
	}
	return nil, false
}

func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// ProblemAt turns err, found in the value of key (say "detectors": a
// name no detector has; nested keys dotted, "redaction.emial"), into a
// *ProfileError at that value's line and column, so that it points into
// consign.yaml rather than at a command-line flag. A profile not read
// from a file gives err back, wrapped in ErrBadProfile.
func (p *Profile) ProblemAt(key string, err error) error {
	if p.root == nil {
		return fmt.Errorf("%w: %s: %w", ErrBadProfile, key, err)
	}
	n := lookup(p.root, strings.Split(key, "."))
	return &ProfileError{Problems: []Problem{{File: p.file, Line: n.Line, Column: n.Column, Key: key, Message: err.Error()}}}
}

// patternWords says in words what each pattern of consign.schema.json
// takes: a regular expression means nothing to most people editing the
// file. Keep in step with the schema (TestPatternWordsCoverSchema).
var patternWords = map[string]string{
	patternCountry:                    "a two-letter ISO 3166-1 country code in capitals, like GB or FR",
	patternTerritory:                  "worldwide, EU or a two-letter ISO 3166-1 country code in capitals, like GB or FR",
	`^[a-z]{2}$`:                      "a two-letter ISO 639-1 language code in lower case, like en or fr",
	`^[A-Z]{3}$`:                      "a three-letter ISO 4217 currency code in capitals, like USD or EUR",
	`^[0-9]+(\.[0-9]+){0,2}$`:         "a version of one to three numbers, like 1, 1.2 or 1.2.3",
	`^(LicenseRef-)?[A-Za-z0-9.+-]+$`: "an SPDX licence id (CC-BY-4.0) or LicenseRef- and a name, without spaces",
	`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`:             "urn:uuid: and a UUID in lower-case hex, like urn:uuid:4fa8202b-dba1-4b72-b354-3f29393d9b61",
	`^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$`: "a domain name, like janedoe.photo, without https:// or a path",
	`^[a-z][a-z0-9_]*$`: "a name of lower-case letters, digits and _",
}

// The schema's patterns for country codes, whose values in capitals must
// also be a country to be suggested.
const (
	patternCountry   = `^[A-Z]{2}$`
	patternTerritory = `^(worldwide|[A-Z]{2})$`
)

// patternProblem words a value that does not match the schema's pattern
// want, and gives the value to write when only its case is wrong.
func patternProblem(got, want string) string {
	words, ok := patternWords[want]
	if !ok {
		return fmt.Sprintf("%q does not have the expected form (%s)", got, want)
	}
	msg := fmt.Sprintf("%q is not %s", got, words)
	re, err := regexp.Compile(want)
	if err != nil {
		return msg
	}
	for _, fixed := range []string{strings.ToUpper(got), strings.ToLower(got)} {
		if fixed == got || !re.MatchString(fixed) {
			continue
		}
		if want == patternCountry || want == patternTerritory {
			if fixed == "UK" {
				return msg + ": the United Kingdom is GB"
			}
			if !KnownTerritory(fixed) || (fixed == "EU" && want == patternCountry) {
				continue
			}
		}
		return msg + ": write " + fixed
	}
	return msg
}
