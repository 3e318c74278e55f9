package manifest

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

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
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links: a Unix test")
	}
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
