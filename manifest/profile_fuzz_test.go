package manifest

import (
	"errors"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// FuzzParseProfile: no input panics, every error is a *ProfileError, and
// every problem points at a line of the input.
func FuzzParseProfile(f *testing.F) {
	addProfileSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ParseProfile("consign.yaml", data)
		if err == nil {
			return
		}
		var pe *ProfileError
		if !errors.As(err, &pe) || !errors.Is(err, ErrBadProfile) {
			t.Fatalf("error %v is not a ProfileError", err)
		}
		lines := yamlLines(data) + 1
		for _, p := range pe.Problems {
			if p.Line < 0 || p.Line > lines {
				t.Fatalf("problem at line %d of a %d-line input: %s", p.Line, lines, p)
			}
		}
	})
}

// yamlLines counts the lines of data as the YAML parser numbers them: a
// line ends at LF, CR, CR LF, NEL, LS or PS (an editor shows a lone CR
// as a line break too).
func yamlLines(data []byte) int {
	n := 1
	for _, r := range strings.ReplaceAll(string(data), "\r\n", "\n") {
		switch r {
		case '\n', '\r', '\u0085', '\u2028', '\u2029':
			n++
		}
	}
	return n
}

// FuzzQuickProfileCheck: the quick form never accepts a consign.yaml value
// the library rejects, since ParseProfile then skips the library.
func FuzzQuickProfileCheck(f *testing.F) {
	addProfileSeeds(f)
	if err := loadSchemas(); err != nil {
		f.Fatal(err)
	}
	q := quickFor(ConsignSchema)
	if q == nil {
		f.Fatal("the consign.yaml schema has no quick form")
	}
	sch, err := schemaFor(ConsignSchema)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var doc yaml.Node
		if yaml.Unmarshal(data, &doc) != nil || doc.Kind == 0 || len(doc.Content) == 0 {
			return
		}
		budget := maxProfileNodes
		value, err := nodeValue("consign.yaml", doc.Content[0], &budget)
		if err != nil {
			return
		}
		if q.check(jsonNumbers(value)) == quickValid {
			if err := sch.Validate(value); err != nil {
				t.Fatalf("quick form accepts what the library rejects: %v", err)
			}
		}
	})
}

func addProfileSeeds(f *testing.F) {
	tmpl, err := ProfileTemplate(TemplateValues{Name: "Ada", Uses: []string{"training"}})
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		string(tmpl),
		"licence:\n  compensation:\n    revenue_share_percent: 120\n",
		"a: &a [x, x]\nb: [*a, *a]\n",
		"redaction: {Gps: blur}\n",
		"consent:\n  - who: x\n    date: 2023-02-30\n",
		"creator: [unclosed\n",
		"external_identifier: urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e\ncatalog: {external_identifier: x}\n",
		"\xff\xfe",
		"---\n...\n",
		"licence:\n  compensation:\n    revenue_share_percent: 12.5\n    one_time_fee: 0x10\n",
		"licence:\n  compensation:\n    revenue_share_percent: -1\n",
		"licence:\n  revocation_notice_days: 30.0\n  term_months: 1_000\n",
	} {
		f.Add([]byte(seed))
	}
}

// TestQuickProfileCheckAcceptsTemplate: the file consign init writes is
// settled by the quick form, so checking it makes no library compiler.
func TestQuickProfileCheckAcceptsTemplate(t *testing.T) {
	fee := 1500.0
	tmpl, err := ProfileTemplate(TemplateValues{Name: "Ada", Uses: []string{"training"}, Fee: &fee})
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(tmpl, &doc); err != nil {
		t.Fatal(err)
	}
	budget := maxProfileNodes
	value, err := nodeValue("consign.yaml", doc.Content[0], &budget)
	if err != nil {
		t.Fatal(err)
	}
	if err := loadSchemas(); err != nil {
		t.Fatal(err)
	}
	if vd := quickFor(ConsignSchema).check(jsonNumbers(value)); vd != quickValid {
		t.Errorf("quick form gives %v for the init template, want valid", vd)
	}
}
