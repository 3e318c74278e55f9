package manifest

import (
	"errors"
	"strings"
	"testing"
)

// consign.yaml's errors name the line and column of the value they are
// about, and say what the value must be.
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
