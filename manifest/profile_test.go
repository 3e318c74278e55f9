package manifest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseProfileErrorsNameTheLine(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string // each must appear, in this order
	}{
		{
			name: "revenue share above 100",
			yaml: "licence:\n  compensation:\n    currency: EUR\n    revenue_share_percent: 120\n",
			want: []string{"consign.yaml:4:28: licence.compensation.revenue_share_percent: must be <= 100"},
		},
		{
			name: "unknown top-level key with suggestion",
			yaml: "creator:\n  name: Ada\nlicense:\n  uses: [training]\n",
			want: []string{`consign.yaml:3:1: unknown key "license" (did you mean "licence"?)`},
		},
		{
			name: "unknown nested key",
			yaml: "licence:\n  term:\n    month: 12\n",
			want: []string{`consign.yaml:3:5: licence.term: unknown key "month" (did you mean "months"?)`},
		},
		{
			name: "bad enum in a list",
			yaml: "licence:\n  uses: [training, scraping]\n",
			want: []string{"consign.yaml:2:20: licence.uses[1]: must be one of training, fine_tuning"},
		},
		{
			name: "wrong type",
			yaml: "licence:\n  commercial: sometimes\n",
			want: []string{"consign.yaml:2:15: licence.commercial: must be true or false, not text"},
		},
		{
			name: "missing consent fields",
			yaml: "consent:\n  - who: Jane\n    date: 2023-05-01\n",
			want: []string{`consign.yaml:2:5: consent[0]: missing keys "what", "reference"`},
		},
		{
			name: "invalid date",
			yaml: "consent:\n  - who: Jane\n    what: release\n    reference: r.pdf\n    date: 2023-02-30\n",
			want: []string{"consign.yaml:5:11: consent[0].date: 2023-02-30 is not a valid date"},
		},
		{
			name: "bad redaction action and key",
			yaml: "redaction:\n  gps: blur\n  Email: mask\n",
			want: []string{
				"consign.yaml:2:8: redaction.gps: must be one of mask, remove, exclude, keep, review, not blur",
				`consign.yaml:3:3: redaction: key "Email" is not a valid name`,
			},
		},
		{
			name: "identifier not a urn:uuid",
			yaml: "catalog:\n  external_identifier: 1234\n",
			want: []string{"consign.yaml:2:24: catalog.external_identifier: must be text, not a number"},
		},
		{
			name: "worldwide with country codes",
			yaml: "licence:\n  territory: [worldwide, GB]\n",
			want: []string{"consign.yaml:2:14: licence.territory: worldwide cannot be listed with country codes: give worldwide alone, or only the codes"},
		},
		{
			name: "worldwide with a code, as a block list",
			yaml: "licence:\n  territory:\n    - FR\n    - worldwide\n",
			want: []string{"consign.yaml:3:5: licence.territory: worldwide cannot be listed with country codes"},
		},
		{
			name: "negative money",
			yaml: "licence:\n  compensation:\n    one_time_fee: -5\n",
			want: []string{"consign.yaml:3:19: licence.compensation.one_time_fee: must be >= 0"},
		},
		{
			name: "currency code",
			yaml: "monetization:\n  currency: euro\n",
			want: []string{`consign.yaml:2:13: monetization.currency: "euro" is not a three-letter ISO 4217 currency code in capitals, like USD or EUR`},
		},
		{
			name: "currency code in lower case",
			yaml: "licence:\n  compensation:\n    currency: usd\n",
			want: []string{`consign.yaml:3:15: licence.compensation.currency: "usd" is not a three-letter ISO 4217 currency code in capitals, like USD or EUR: write USD`},
		},
		{
			name: "codes in the wrong case",
			yaml: "phone_region: gb\nlanguages: [EN, fr]\nlicence:\n  territory: [eu]\n",
			want: []string{
				`consign.yaml:1:15: phone_region: "gb" is not a two-letter ISO 3166-1 country code in capitals, like GB or FR: write GB`,
				`consign.yaml:2:13: languages[0]: "EN" is not a two-letter ISO 639-1 language code in lower case, like en or fr: write en`,
				`consign.yaml:4:15: licence.territory[0]: "eu" is not worldwide, EU or a two-letter ISO 3166-1 country code in capitals, like GB or FR: write EU`,
			},
		},
		{
			name: "a country code in lower case that is no country is not suggested",
			yaml: "catalog:\n  origin_geography: [uk, eu, xx]\n",
			want: []string{
				`consign.yaml:2:22: catalog.origin_geography[0]: "uk" is not a two-letter ISO 3166-1 country code in capitals, like GB or FR: the United Kingdom is GB`,
				`consign.yaml:2:26: catalog.origin_geography[1]: "eu" is not a two-letter ISO 3166-1 country code in capitals, like GB or FR` + "\n",
				`consign.yaml:2:30: catalog.origin_geography[2]: "xx" is not a two-letter ISO 3166-1 country code in capitals, like GB or FR`,
			},
		},
		{
			name: "domain with a scheme, identifier in capitals, version with a v",
			yaml: "creator:\n  domains: [https://janedoe.photo]\ncatalog:\n  external_identifier: URN:UUID:53596EF9-E694-478E-9B82-E8C7A378E2D5\n  version: v1.0\nlicence:\n  id: CC BY 4.0\n",
			want: []string{
				`consign.yaml:2:13: creator.domains[0]: "https://janedoe.photo" is not a domain name, like janedoe.photo, without https:// or a path`,
				`consign.yaml:4:24: catalog.external_identifier: "URN:UUID:53596EF9-E694-478E-9B82-E8C7A378E2D5" is not urn:uuid: and a UUID in lower-case hex, like urn:uuid:4fa8202b-dba1-4b72-b354-3f29393d9b61: write urn:uuid:53596ef9-e694-478e-9b82-e8c7a378e2d5`,
				`consign.yaml:5:12: catalog.version: "v1.0" is not a version of one to three numbers, like 1, 1.2 or 1.2.3`,
				`consign.yaml:7:7: licence.id: "CC BY 4.0" is not an SPDX licence id (CC-BY-4.0) or LicenseRef- and a name, without spaces`,
			},
		},
		{
			name: "version",
			yaml: "version: 2\n",
			want: []string{"consign.yaml:1:10: version: must be 1"},
		},
		{
			name: "number too large",
			yaml: "licence:\n  term:\n    months: 99999999999999999999\n",
			want: []string{"consign.yaml:3:13: licence.term.months: must be <= 9007199254740991"},
		},
		{
			name: "bad globs",
			yaml: "exclude:\n  - drafts/\n  - '[oops'\nconsent:\n  - who: J\n    what: release\n    reference: r.pdf\n    date: 2023-05-01\n    files: ['a/**', 'b/[']\n",
			want: []string{
				`consign.yaml:3:5: exclude[1]: "[oops" is not a valid glob`,
				`consign.yaml:9:21: consent[0].files[1]: "b/[" is not a valid glob`,
			},
		},
		{
			name: "a tab indents a line",
			yaml: "creator:\n\tname: Ada\n",
			want: []string{"consign.yaml:2:1: a tab indents this line: YAML indents with spaces only, so replace the tab with spaces"},
		},
		{
			name: "a tab after spaces, on the line after the one yaml names",
			yaml: "creator:\n  name: Ada\n  \temails: [ada@example.com]\n",
			want: []string{"consign.yaml:3:3: a tab indents this line: YAML indents with spaces only, so replace the tab with spaces"},
		},
		{
			name: "YAML syntax error",
			yaml: "creator:\n  name: Ada\n exclude: [\n",
			want: []string{"consign.yaml:2: not valid YAML: did not find expected key"},
		},
		{
			name: "enum left empty or given a list",
			yaml: "redaction:\n  gps:\n  email: [mask]\ncreator:\n  emails: ['']\n",
			want: []string{
				"consign.yaml:2:7: redaction.gps: must be one of mask, remove, exclude, keep, review, not empty",
				"consign.yaml:3:10: redaction.email: must be one of mask, remove, exclude, keep, review, not a list",
				`consign.yaml:5:12: creator.emails[0]: "" is not a valid email`,
			},
		},
		{
			name: "blank text",
			yaml: "creator:\n  name: \"  \"\n  aliases: [\"\"]\n",
			want: []string{
				"consign.yaml:2:9: creator.name: must not be blank",
				"consign.yaml:3:13: creator.aliases[0]: must not be empty",
			},
		},
		{
			name: "second document",
			yaml: "creator:\n  name: Ada\n---\nlicence:\n  uses: [training]\n",
			want: []string{"consign.yaml:4:1: a second YAML document starts here, which consign would not read: remove the --- line"},
		},
		{
			// So does the catalog's origin, which the DPS record
			// publishes as its data origin geography.
			name: "origin geography that is no ISO 3166-1 code",
			yaml: "catalog:\n  origin_geography: [FR, UK, EU, ZZ]\n",
			want: []string{
				`consign.yaml:2:26: catalog.origin_geography[1]: "UK" is not an ISO 3166-1 alpha-2 code: the United Kingdom is GB`,
				`consign.yaml:2:30: catalog.origin_geography[2]: "EU" is not an ISO 3166-1 alpha-2 code`,
				`consign.yaml:2:34: catalog.origin_geography[3]: "ZZ" is not an ISO 3166-1 alpha-2 code`,
			},
		},
		{
			// The schema takes any two capitals; the offer a buyer reads
			// must name real places.
			name: "territory that is no ISO 3166-1 code",
			yaml: "licence:\n  territory: [FR, UK, ZZ]\n",
			want: []string{
				`consign.yaml:2:19: licence.territory[1]: "UK" is not an ISO 3166-1 alpha-2 code: the United Kingdom is GB`,
				`consign.yaml:2:23: licence.territory[2]: "ZZ" is not an ISO 3166-1 alpha-2 code (nor EU)`,
			},
		},
		{
			// yaml.v3 says "line 1" of any byte that is not UTF-8.
			name: "Latin-1 text",
			yaml: "version: 1\ncreator:\n  name: Zo\xe9\n",
			want: []string{"consign.yaml:3:11: not UTF-8 text (saved in another encoding, such as Latin-1?): save it as UTF-8"},
		},
		{
			name: "merge keys are not plain names",
			yaml: "base: &b {name: Ada}\ncreator:\n  <<: *b\n",
			want: []string{"consign.yaml:3:3: keys must be plain names"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseProfile("consign.yaml", []byte(tt.yaml))
			if !errors.Is(err, ErrBadProfile) {
				t.Fatalf("err = %v, want ErrBadProfile", err)
			}
			msg, at := err.Error(), 0
			for _, w := range tt.want {
				i := strings.Index(msg[at:], w)
				if i < 0 {
					t.Fatalf("error lacks %q (in order):\n%s", w, msg)
				}
				at += i + len(w)
			}
		})
	}
}

func TestParseProfileDecodesEverySection(t *testing.T) {
	src := `version: 1
creator:
  name: Ada Lovelace
  emails: [ada@example.com]
  contact: {email: licensing@example.com}
catalog:
  title: Notes
  external_identifier: urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e
licence:
  uses: [training, retrieval]
  commercial: true
  term: {months: 12}
  compensation: {currency: EUR, revenue_share_percent: 12.5}
consent:
  - who: Jane
    what: model release
    reference: releases/jane.pdf
    date: 2023-05-01
monetization:
  as_of: 2025-01-31
  annual_revenue: 1200
  audience: [{platform: blog, followers: 300}]
redaction: {gps: remove, default: review}
exclude: ["*.tmp"]
`
	p, err := ParseProfile("consign.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if p.Consent[0].Date != "2023-05-01" || p.Monetization.AsOf != "2025-01-31" {
		t.Errorf("dates decoded as %q and %q, want the text written", p.Consent[0].Date, p.Monetization.AsOf)
	}
	if !p.Licence.IsCommercial() || *p.Licence.Compensation.RevenueSharePercent != 12.5 || *p.Licence.Term.Months != 12 {
		t.Errorf("licence decoded as %+v", p.Licence)
	}
	if *p.Monetization.Audience[0].Followers != 300 || p.Creator.Contact.Email != "licensing@example.com" {
		t.Errorf("decoded %+v", p)
	}
	for kind, want := range map[string]string{"gps_location": "remove", "email": "review"} {
		if got := p.RedactionAction(kind, "mask"); got != want {
			t.Errorf("RedactionAction(%s) = %s, want %s", kind, got, want)
		}
	}
	if len(p.Missing()) != 0 {
		t.Errorf("complete profile misses %v", p.Missing())
	}
}

func TestRedactionActionFallsBackToTheDetector(t *testing.T) {
	p := &Profile{Redaction: map[string]string{"gps": "remove"}}
	for _, tt := range []struct{ kind, suggested, want, key string }{
		{"gps", "review", "remove", "gps"},
		// pii/gps reports "gps_location"; the policy key "gps" that
		// consign init writes must reach it.
		{"gps_location", "review", "remove", "gps"},
		{"email", "mask", "mask", ""},
		{"iban", "attribute", "review", ""},
	} {
		if got := p.RedactionAction(tt.kind, tt.suggested); got != tt.want {
			t.Errorf("RedactionAction(%s, %s) = %s, want %s", tt.kind, tt.suggested, got, tt.want)
		}
		if got, key := p.RedactionRule(tt.kind, tt.suggested); got != tt.want || key != tt.key {
			t.Errorf("RedactionRule(%s, %s) = %s, %q, want %s, %q", tt.kind, tt.suggested, got, key, tt.want, tt.key)
		}
	}
	withDefault := &Profile{Redaction: map[string]string{"default": "keep", "email": "remove"}}
	if a, key := withDefault.RedactionRule("phone", "mask"); a != "keep" || key != "default" {
		t.Errorf("RedactionRule(phone) = %s, %q, want keep, default", a, key)
	}
	if a, key := withDefault.RedactionRule("email", "mask"); a != "remove" || key != "email" {
		t.Errorf("RedactionRule(email) = %s, %q, want remove, email", a, key)
	}
}

func TestProfileAliasesAreBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("a: &a [x, x, x, x, x, x, x, x, x, x]\n")
	prev := "a"
	for i := 0; i < 8; i++ {
		name := string(rune('b' + i))
		b.WriteString(name + ": &" + name + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*" + prev)
		}
		b.WriteString("]\n")
		prev = name
	}
	_, err := ParseProfile("consign.yaml", []byte(b.String()))
	if !errors.Is(err, ErrBadProfile) || !strings.Contains(err.Error(), "too many values") {
		t.Fatalf("alias bomb: err = %v", err)
	}
	big := "exclude:\n" + strings.Repeat("  - '*.tmp'\n", maxProfileSize/12+1)
	if _, err := ParseProfile("consign.yaml", []byte(big)); !errors.Is(err, ErrBadProfile) || !strings.Contains(err.Error(), "consign.yaml:1: larger than") {
		t.Fatalf("oversized file: err = %v", err)
	}
}

func TestLoadProfileWrapsErrorsWithThePath(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ProfileFile), []byte("exclud: []\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadProfile(dir)
	want := filepath.Join(dir, ProfileFile) + `:1:1: unknown key "exclud" (did you mean "exclude"?)`
	if !errors.Is(err, ErrBadProfile) || err.Error() != want {
		t.Fatalf("err = %v, want %s", err, want)
	}
}

// TestLoadProfileUnreadableWording: a consign.yaml that cannot be opened
// is named once with the reason, not again inside Go's open error.
func TestLoadProfileUnreadableWording(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ProfileFile)
	if err := os.Symlink(ProfileFile, path); err != nil { // a link to itself cannot be opened
		t.Fatal(err)
	}
	_, err := LoadProfile(dir)
	if want := "read " + path + ": too many levels of symbolic links"; err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %s", err, want)
	}
}

func TestTopLevelExternalIdentifier(t *testing.T) {
	const a, b = "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e", "urn:uuid:7c9e6679-7425-40de-944b-e07fc1f90ae7"
	tests := []struct{ name, yaml, want, err string }{
		{"top level only", "external_identifier: " + a + "\n", a, ""},
		{"catalog only", "catalog:\n  external_identifier: " + a + "\n", a, ""},
		{"both agree", "external_identifier: " + a + "\ncatalog:\n  external_identifier: " + a + "\n", a, ""},
		{"both differ", "catalog:\n  external_identifier: " + a + "\nexternal_identifier: " + b + "\n", "", "consign.yaml:3:1: external_identifier: " + b + " differs from catalog.external_identifier " + a},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParseProfile("consign.yaml", []byte(tt.yaml))
			if tt.err != "" {
				if !errors.Is(err, ErrBadProfile) || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || p.Catalog.ExternalIdentifier != tt.want || p.ExternalIdentifier != tt.want {
				t.Fatalf("got %q / %q, %v", p.Catalog.ExternalIdentifier, p.ExternalIdentifier, err)
			}
		})
	}
}

func TestProfileIdentity(t *testing.T) {
	p := &Profile{Creator: Creator{
		Name: "Ada Lovelace", Organisation: "Engines Ltd", Aliases: []string{"A.A.L."}, Handles: []string{"@ada"},
		Emails: []string{"ada@example.com"}, Phones: []string{"+44 20 7946 0000"}, Domains: []string{"ada.example"},
		Contact: Contact{Email: "licensing@example.com"},
	}}
	id := p.Identity()
	if strings.Join(id.Names, "|") != "Ada Lovelace|Engines Ltd" || strings.Join(id.Emails, "|") != "ada@example.com|licensing@example.com" {
		t.Errorf("identity %+v", id)
	}
	if len(id.Aliases) != 1 || len(id.Handles) != 1 || len(id.Phones) != 1 || len(id.Domains) != 1 {
		t.Errorf("identity %+v", id)
	}
	if len(p.Creator.Emails) != 1 {
		t.Error("Identity changed the profile's emails")
	}
}

func TestProfileDocumentMarkersAlone(t *testing.T) {
	for name, src := range map[string]string{
		"leading":  "---\ncreator:\n  name: Ada\n",
		"trailing": "creator:\n  name: Ada\n---\n",
		"end":      "creator:\n  name: Ada\n...\n",
	} {
		t.Run(name, func(t *testing.T) {
			p, err := ParseProfile("consign.yaml", []byte(src))
			if err != nil || p.Creator.Name != "Ada" {
				t.Fatalf("ParseProfile = %+v, %v; want creator Ada", p, err)
			}
		})
	}
}
