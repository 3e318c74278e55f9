package manifest

import (
	"bytes"
	"testing"

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
