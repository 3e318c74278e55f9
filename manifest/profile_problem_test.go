package manifest

import (
	"encoding/json"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// TestDescribeCountsInWords: a bound on a list or a text reads "at least
// 1 item", "at most 2 items", never "item(s)".
func TestDescribeCountsInWords(t *testing.T) {
	for _, tt := range []struct {
		kind jsonschema.ErrorKind
		want string
	}{
		{&kind.MinItems{Want: 1}, "must list at least 1 item"},
		{&kind.MinItems{Want: 2}, "must list at least 2 items"},
		{&kind.MaxItems{Want: 1}, "must list at most 1 item"},
		{&kind.MaxItems{Want: 3}, "must list at most 3 items"},
		{&kind.MaxLength{Want: 1}, "must be at most 1 character"},
		{&kind.MaxLength{Want: 64}, "must be at most 64 characters"},
	} {
		if got := describe(tt.kind); got != tt.want {
			t.Errorf("describe(%T %+v) = %q, want %q", tt.kind, tt.kind, got, tt.want)
		}
	}
}

func TestTerritoryWorldwideOrCodes(t *testing.T) {
	for _, list := range []string{"[worldwide]", "[GB, FR]", "[EU]"} {
		if _, err := ParseProfile("consign.yaml", []byte("licence:\n  territory: "+list+"\n")); err != nil {
			t.Errorf("territory %s: %v", list, err)
		}
	}
}

// TestPatternWordsCoverSchema: every pattern of consign.schema.json is
// said in words, so no one editing consign.yaml is shown a regular
// expression.
func TestPatternWordsCoverSchema(t *testing.T) {
	b, err := schemaFS.ReadFile("schema/" + ConsignSchema)
	if err != nil {
		t.Fatal(err)
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if p, ok := x.(string); ok && k == "pattern" && p != `\S` {
					if _, ok := patternWords[p]; !ok {
						t.Errorf("pattern %s of %s has no words in patternWords", p, ConsignSchema)
					}
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	walk(doc)
}
