package diff

import (
	"slices"
	"testing"

	"github.com/consignhq/consign/detectors"
)

func finding(id, path, status string) detectors.Finding {
	return detectors.Finding{ID: id, Path: path, Detector: "pii/email", Category: "pii", Kind: "email",
		Severity: "high", Confidence: 0.9, Location: detectors.Location{In: "content", Start: 1, End: 9}, Status: status}
}

func TestCompareFindings(t *testing.T) {
	a := finding("aaaa", "a.txt", "open")
	b := finding("bbbb", "b.txt", "open")
	c := finding("cccc", "a.txt", "open")
	aIgnored := a
	aIgnored.Status, aIgnored.Reason = "ignored", "a test address"
	bMasked := b
	bMasked.Redaction = "mask"

	tests := []struct {
		name                               string
		old, new                           []detectors.Finding
		noOld                              bool
		added, resolved, status, redaction []string
		wantOldFindings, wantNewFindings   int
		check                              func(t *testing.T, d FindingsDiff)
	}{
		{name: "same", old: []detectors.Finding{a, b}, new: []detectors.Finding{a, b}, wantOldFindings: 2, wantNewFindings: 2},
		{
			name: "added and resolved", old: []detectors.Finding{a, b}, new: []detectors.Finding{c, a},
			added: []string{"cccc"}, resolved: []string{"bbbb"}, wantOldFindings: 2, wantNewFindings: 2,
		},
		{
			name: "ignored with a reason", old: []detectors.Finding{a}, new: []detectors.Finding{aIgnored},
			status: []string{"aaaa"}, wantOldFindings: 1, wantNewFindings: 1,
			check: func(t *testing.T, d FindingsDiff) {
				if c := d.StatusChanged[0]; c.Old != "open" || c.New != "ignored" || c.Reason != "a test address" || c.Path != "a.txt" {
					t.Errorf("status change %+v", c)
				}
			},
		},
		{
			name: "now masked", old: []detectors.Finding{b}, new: []detectors.Finding{bMasked},
			redaction: []string{"bbbb"}, wantOldFindings: 1, wantNewFindings: 1,
			check: func(t *testing.T, d FindingsDiff) {
				if c := d.RedactionChanged[0]; c.Old != "" || c.New != "mask" {
					t.Errorf("redaction change %+v", c)
				}
			},
		},
		{
			name: "a repeated id is matched once", old: []detectors.Finding{a, a}, new: []detectors.Finding{aIgnored, aIgnored},
			status: []string{"aaaa"}, wantOldFindings: 2, wantNewFindings: 2,
		},
		{
			name: "no findings file in the old bundle", noOld: true, new: []detectors.Finding{a},
			added: []string{"aaaa"}, wantNewFindings: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			oldDir := writeBundle(t, fakeBundle{findings: tt.old, noFinding: tt.noOld})
			r := mustCompare(t, oldDir, writeBundle(t, fakeBundle{findings: tt.new}))
			d := r.Findings
			changeID := func(c FindingChange) string { return c.ID }
			for _, c := range []struct {
				name      string
				got, want []string
			}{
				{"added", paths(d.Added, findingID), tt.added},
				{"resolved", paths(d.Resolved, findingID), tt.resolved},
				{"status changed", paths(d.StatusChanged, changeID), tt.status},
				{"redaction changed", paths(d.RedactionChanged, changeID), tt.redaction},
			} {
				if !slices.Equal(c.got, c.want) && len(c.got)+len(c.want) > 0 {
					t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
				}
			}
			if r.Old.Findings != tt.wantOldFindings || r.New.Findings != tt.wantNewFindings {
				t.Errorf("counted %d and %d findings, want %d and %d", r.Old.Findings, r.New.Findings, tt.wantOldFindings, tt.wantNewFindings)
			}
			if tt.check != nil {
				tt.check(t, d)
			}
		})
	}
}
