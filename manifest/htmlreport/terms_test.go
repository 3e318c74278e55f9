package htmlreport

import (
	"testing"

	"github.com/consignhq/consign/manifest"
)

func TestTerms(t *testing.T) {
	tests := []struct {
		name    string
		licence manifest.Licence
		want    map[string]string // term name -> state; the rest missing
		values  map[string]string
	}{
		{name: "empty offer", licence: manifest.Licence{}},
		{
			name: "research only, partial term",
			licence: manifest.Licence{
				Uses: []string{"training"}, Commercial: ptr(false), Term: manifest.Term{Months: ptr(12)},
				Compensation: manifest.Compensation{OneTimeFee: ptr(100.0)},
			},
			want: map[string]string{"Permitted uses": TermSet, "Commercial or research use": TermSet, "Term and renewal": TermPartial, "Compensation": TermPartial},
			values: map[string]string{
				"Commercial or research use": "research and non-commercial use only",
				"Term and renewal":           "12 months; renewal not stated",
				"Compensation":               "one-time fee 100; currency not stated",
			},
		},
		{
			name: "full offer",
			licence: manifest.Licence{
				ID: "LicenseRef-x", Uses: []string{"training"}, ModelTypes: []string{"any"}, Commercial: ptr(true),
				Exclusivity: "non_exclusive", Territory: []string{"FR", "DE"},
				Term:                 manifest.Term{Months: ptr(24), Renewal: "by_agreement"},
				RevocationNoticeDays: ptr(90),
				Compensation:         manifest.Compensation{Currency: "EUR", RevenueSharePercent: ptr(12.5)},
				Reporting:            manifest.Reporting{Cadence: "quarterly", AuditRights: ptr(true), AuditNoticeDays: ptr(30)},
				Attribution:          manifest.Attribution{Required: ptr(false)},
				Sublicensing:         "prohibited", Assignment: "with_consent",
				Privacy:  manifest.Privacy{Obligations: []string{"gdpr"}, BreachNoticeHours: ptr(72)},
				Deletion: manifest.Deletion{OnTermination: ptr(true), WithinDays: ptr(30), ModelRemediation: "retrain"},
			},
			want: map[string]string{
				"Agreement text": TermSet, "Permitted uses": TermSet, "Model types": TermSet, "Commercial or research use": TermSet,
				"Exclusivity": TermSet, "Territory": TermSet, "Term and renewal": TermSet, "Revocation notice": TermSet,
				"Compensation": TermSet, "Reporting and audit": TermSet, "Attribution": TermSet,
				"Sublicensing and assignment": TermSet, "Privacy and breach notice": TermSet, "Deletion and remediation": TermSet,
			},
			values: map[string]string{
				"Term and renewal":            "24 months; renewal by agreement",
				"Reporting and audit":         "quarterly; audit rights with 30 days notice",
				"Sublicensing and assignment": "sublicensing prohibited; assignment with consent",
				"Deletion and remediation":    "delete on termination, within 30 days; model remediation: retrain",
				"Compensation":                "revenue share 12.5%",
				"Attribution":                 "not required",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			terms := Terms(&tt.licence)
			if len(terms) != 14 {
				t.Fatalf("%d terms, want 14", len(terms))
			}
			for _, term := range terms {
				want := tt.want[term.Name]
				if want == "" {
					want = TermMissing
				}
				if term.State != want {
					t.Errorf("%s: %s (%q), want %s", term.Name, term.State, term.Value, want)
				}
				if v, ok := tt.values[term.Name]; ok && term.Value != v {
					t.Errorf("%s: %q, want %q", term.Name, term.Value, v)
				}
				if term.Ticked() != (term.State == TermSet) {
					t.Errorf("%s: ticked %v in state %s", term.Name, term.Ticked(), term.State)
				}
			}
		})
	}
}
