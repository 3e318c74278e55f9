package manifest

import (
	"regexp"
	"strings"
	"testing"
)

var uuidURN = regexp.MustCompile(`^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestNewExternalIdentifierIsARandomUUID(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		id, err := NewExternalIdentifier()
		if err != nil {
			t.Fatal(err)
		}
		if !uuidURN.MatchString(id) {
			t.Fatalf("%s is not a version 4 urn:uuid", id)
		}
		if seen[id] {
			t.Fatalf("%s generated twice", id)
		}
		seen[id] = true
	}
}

func TestProfileTemplatePassesItsSchema(t *testing.T) {
	fee, share := 2500.0, 7.5
	tests := []struct {
		name  string
		v     TemplateValues
		check func(t *testing.T, p *Profile)
	}{
		{
			name: "no values",
			check: func(t *testing.T, p *Profile) {
				if p.Creator.Name != "" || len(p.Licence.Uses) != 0 || p.Licence.IsCommercial() {
					t.Errorf("empty template chose values: %+v", p)
				}
				if !uuidURN.MatchString(p.Catalog.ExternalIdentifier) {
					t.Errorf("identifier %q", p.Catalog.ExternalIdentifier)
				}
				if got := p.Missing(); strings.Join(got, ",") != "creator.name,catalog.title,licence.uses" {
					t.Errorf("Missing() = %v", got)
				}
				if p.RedactionAction("gps", "review") != RedactRemove || p.RedactionAction("unknown_kind", "mask") != RedactReview {
					t.Errorf("redaction policy %v", p.Redaction)
				}
			},
		},
		{
			name: "every flag",
			v: TemplateValues{
				Name: `Ada "Countess" Lovelace: notes`, Email: "ada@example.com", Organisation: "Analytical Engines # Ltd",
				Title: "Notes on the engine", Description: "Sketches\nand letters", Keywords: []string{"math", "yes"},
				ExternalIdentifier: "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e",
				LicenseURL:         "https://example.com/licence", Uses: []string{"training", "embeddings"},
				Commercial: true, Exclusive: true, Territory: []string{"GB", "FR"}, TermMonths: 36,
				Currency: "GBP", Fee: &fee, RevenueSharePercent: &share, Attribution: "Notes by Ada",
			},
			check: func(t *testing.T, p *Profile) {
				c, l := p.Creator, p.Licence
				if c.Name != `Ada "Countess" Lovelace: notes` || c.Organisation != "Analytical Engines # Ltd" || c.Contact.Email != "ada@example.com" {
					t.Errorf("creator %+v", c)
				}
				if p.Catalog.Description != "Sketches\nand letters" || strings.Join(p.Catalog.Keywords, ",") != "math,yes" {
					t.Errorf("catalog %+v", p.Catalog)
				}
				if !l.IsCommercial() || l.Exclusivity != "exclusive" || strings.Join(l.Territory, ",") != "GB,FR" || *l.Term.Months != 36 {
					t.Errorf("licence %+v", l)
				}
				if l.Compensation.Currency != "GBP" || *l.Compensation.OneTimeFee != 2500 || *l.Compensation.RevenueSharePercent != 7.5 {
					t.Errorf("compensation %+v", l.Compensation)
				}
				if !*l.Attribution.Required || l.Attribution.Text != "Notes by Ada" || l.URL != "https://example.com/licence" {
					t.Errorf("attribution %+v", l.Attribution)
				}
				if len(p.Missing()) != 0 {
					t.Errorf("Missing() = %v", p.Missing())
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := ProfileTemplate(tt.v)
			if err != nil {
				t.Fatal(err)
			}
			p, err := ParseProfile("consign.yaml", b)
			if err != nil {
				t.Fatalf("template fails its schema: %v\n%s", err, b)
			}
			tt.check(t, p)
		})
	}
}

func TestProfileTemplateExplainsEverySection(t *testing.T) {
	b, err := ProfileTemplate(TemplateValues{})
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, section := range []string{"creator", "catalog", "licence", "consent", "monetization", "redaction", "exclude", "detectors", "languages"} {
		i := strings.Index(text, "\n"+section+":")
		if i < 0 {
			t.Errorf("template has no %s section", section)
			continue
		}
		if !strings.HasPrefix(lastLine(text[:i]), "#") {
			t.Errorf("section %s is not preceded by a comment", section)
		}
	}
	if !strings.Contains(text, "in writing") {
		t.Error("template does not tell creators to get the terms in writing")
	}
}

func lastLine(s string) string {
	s = strings.TrimRight(s, "\n")
	return s[strings.LastIndex(s, "\n")+1:]
}
