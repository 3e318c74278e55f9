package manifest

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestODRLOfferTerms(t *testing.T) {
	yes, no := true, false
	months, hours := 12, 48
	tests := []struct {
		name    string
		licence Licence
		has     []string
		hasNot  []string
	}{
		{
			name:    "research only, worldwide, any model",
			licence: Licence{Uses: []string{"retrieval"}, ModelTypes: []string{"any"}, Commercial: &no, Territory: []string{"worldwide"}},
			has:     []string{`"odrl:isNoneOf"`, `"consign:commercial"`, `"consign:retrieval"`},
			hasNot:  []string{`"odrl:spatial"`, `"consign:modelType"`, `"odrl:derive"`, `"odrl:duty"`, `"odrl:prohibition"`},
		},
		{
			name:    "commercial training, sublicensing with consent, assignment allowed",
			licence: Licence{Uses: []string{"training"}, Commercial: &yes, Sublicensing: "with_consent", Assignment: "allowed", Term: Term{Months: &months}},
			has:     []string{`"odrl:derive"`, `"odrl:grantUse"`, `"odrl:transfer"`, `"odrl:obtainConsent"`, `"sublicensing"`, `"P12M"`},
			hasNot:  []string{`"odrl:isNoneOf"`, `"odrl:prohibition"`, `"assignment"`},
		},
		{
			name: "duties",
			licence: Licence{Uses: []string{"training"}, Attribution: Attribution{Required: &yes},
				Compensation: Compensation{MinimumGuarantee: new(float64)}, Reporting: Reporting{Cadence: "none", AuditRights: &no},
				Privacy: Privacy{BreachNoticeHours: &hours}, Deletion: Deletion{OnTermination: &no}, Assignment: "prohibited"},
			has:    []string{`"odrl:attribute"`, `"minimum_guarantee"`, `"0"`, `"PT48H"`, `"privacy_breach"`, `"odrl:transfer"`, `"odrl:prohibition"`},
			hasNot: []string{`"consign:reportingCadence"`, `"consign:allowAudit"`, `"odrl:delete"`, `"odrl:unit"`, `"consign:attributionText"`},
		},
		{
			name:    "no uses: nothing permitted",
			licence: Licence{Commercial: &yes},
			has:     []string{`"odrl:prohibition"`, `"odrl:use"`},
			hasNot:  []string{`"odrl:permission"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Profile{Creator: Creator{Name: "Ada"}, Licence: tt.licence,
				Catalog: Catalog{ExternalIdentifier: "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e"}}
			b, err := json.Marshal(odrlOffer(p))
			if err != nil {
				t.Fatal(err)
			}
			s := string(b)
			for _, w := range tt.has {
				if !strings.Contains(s, w) {
					t.Errorf("offer lacks %s: %s", w, s)
				}
			}
			for _, w := range tt.hasNot {
				if strings.Contains(s, w) {
					t.Errorf("offer has %s: %s", w, s)
				}
			}
		})
	}
}
