package manifest

import (
	"bytes"
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
)

// TestDocumentsShareTheirTotals writes every document from one facts value,
// as pack does, and checks each is the one fresh facts give.
func TestDocumentsShareTheirTotals(t *testing.T) {
	p := fixtureProfile(t)
	recs, shared := fixtureRecords(), fixtureFacts()
	for _, g := range generators {
		t.Run(g.doc, func(t *testing.T) {
			got, err := g.gen(p, recs, shared)
			if err != nil {
				t.Fatal(err)
			}
			want, err := g.gen(p, fixtureRecords(), fixtureFacts())
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("with totals kept from another document:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestGatherCountsAgainForOtherInputs(t *testing.T) {
	p, facts := fixtureProfile(t), fixtureFacts()
	recs := fixtureRecords()
	first := gather(p, recs, facts)
	if again := gather(p, recs, facts); again != first {
		t.Error("the same inputs were counted again")
	}
	tests := []struct {
		name   string
		change func() (*Profile, []*pipeline.Record)
	}{
		{"other records", func() (*Profile, []*pipeline.Record) { return p, fixtureRecords() }},
		{"fewer records", func() (*Profile, []*pipeline.Record) { return p, recs[:1] }},
		{"other profile", func() (*Profile, []*pipeline.Record) { return fixtureProfile(t), recs }},
		{"a redaction more", func() (*Profile, []*pipeline.Record) {
			facts.Applied["f-tel"] = RedactMask
			return p, recs
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prev := gather(p, recs, facts)
			cp, cr := tt.change()
			if got := gather(cp, cr, facts); got == prev {
				t.Error("totals of other inputs were reused")
			}
		})
	}
}

func TestSensitiveSummaryCountsFiles(t *testing.T) {
	at := detectors.Location{In: "content", Start: 1, End: 2}
	mail := func(id, path string) detectors.Finding {
		return finding(id, path, "pii/email", "pii", "email", "high", at)
	}
	tel := func(id, path string) detectors.Finding {
		return finding(id, path, "pii/phone", "pii", "phone", "high", at)
	}
	tests := []struct {
		name string
		recs []*pipeline.Record
		want []string
	}{
		{"kinds side by side in one file", []*pipeline.Record{
			{Path: "a.txt", Findings: []detectors.Finding{mail("1", "a.txt"), tel("2", "a.txt"), mail("3", "a.txt")}},
			{Path: "b.txt", Findings: []detectors.Finding{mail("4", "b.txt")}},
		}, []string{"pii/email: 3 findings in 2 files; open 3.", "pii/phone: 1 finding in 1 file; open 1."}},
		{"a file between two with the kind", []*pipeline.Record{
			{Path: "a.txt", Findings: []detectors.Finding{tel("1", "a.txt")}},
			{Path: "b.txt", Findings: []detectors.Finding{mail("2", "b.txt")}},
			{Path: "c.txt", Findings: []detectors.Finding{tel("3", "c.txt"), tel("4", "c.txt")}},
		}, []string{"pii/email: 1 finding in 1 file; open 1.", "pii/phone: 3 findings in 2 files; open 3."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Profile{}
			got := sensitiveSummary(p, gather(p, tt.recs, &BundleFacts{}))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
