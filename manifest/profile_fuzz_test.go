package manifest

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzParseProfile: no input panics, every error is a *ProfileError, and
// every problem points at a line of the input.
func FuzzParseProfile(f *testing.F) {
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
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ParseProfile("consign.yaml", data)
		if err == nil {
			return
		}
		var pe *ProfileError
		if !errors.As(err, &pe) || !errors.Is(err, ErrBadProfile) {
			t.Fatalf("error %v is not a ProfileError", err)
		}
		lines := bytes.Count(data, []byte("\n")) + 2
		for _, p := range pe.Problems {
			if p.Line < 0 || p.Line > lines {
				t.Fatalf("problem at line %d of a %d-line input: %s", p.Line, lines, p)
			}
		}
	})
}
