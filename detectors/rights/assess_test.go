package rights

import (
	"testing"

	"github.com/consignhq/consign/detectors"
)

func rf(det, kind, detail string) detectors.Finding {
	return detectors.Finding{Path: "a.jpg", Detector: det, Kind: kind, Detail: detail}
}

func TestAssess(t *testing.T) {
	a := NewAssessor(detectors.Config{Identity: janeDoe})
	item := &detectors.Item{Path: "a.jpg"}
	one, zero := 1, 0
	cases := []struct {
		name     string
		findings []detectors.Finding
		want     *detectors.Rights
	}{
		{"nothing", nil, nil},
		{"pii only", []detectors.Finding{rf("pii/email", "email", "")}, nil},
		{"own notice", []detectors.Finding{rf(Prefix+"copyright", KindCopyrightNotice, "© 2021 Jane Doe Photography")},
			&detectors.Rights{Copyright: "© 2021 Jane Doe Photography", Owner: detectors.OwnerSelf}},
		{"notice rewritten as self", []detectors.Finding{rf(Prefix+"copyright", detectors.KindSelf, "© Jane Doe")},
			&detectors.Rights{Owner: detectors.OwnerSelf}},
		{"someone else's notice", []detectors.Finding{
			rf(Prefix+"copyright", KindCopyrightNotice, "© 2021 Jane Doe"),
			rf(Prefix+"copyright", KindCopyrightNotice, "© John Smith"),
		}, &detectors.Rights{Copyright: "© 2021 Jane Doe; © John Smith", Owner: detectors.OwnerThirdParty}},
		{"holderless notice", []detectors.Finding{rf(Prefix+"copyright", KindCopyrightNotice, "©")},
			&detectors.Rights{Owner: detectors.OwnerUnknown}},
		{"stock", []detectors.Finding{rf(Prefix+"stock", KindStockAgency, "Getty Images"), rf(Prefix+"metadata", KindCreator, "Jane Doe")},
			&detectors.Rights{Owner: detectors.OwnerThirdParty}},
		{"marks", []detectors.Finding{
			rf(DataMiningName, KindDataMining, "DMI-ALLOWED"),
			rf(DataMiningName, KindDataMining, "DMI-PROHIBITED-AIMLTRAINING"),
			rf(DataMiningName, KindDataMining, "DMI-UNSPECIFIED"),
			rf(Prefix+"metadata", KindCreator, "Jane Doe"),
		}, &detectors.Rights{DataMining: "DMI-PROHIBITED-AIMLTRAINING", Owner: detectors.OwnerSelf}},
		{"tdm and c2pa", []detectors.Finding{
			rf(Prefix+"tdmrep", KindTDMReservation, "0"),
			rf(Prefix+"tdmrep", KindTDMReservation, "1"),
			rf(Prefix+"tdmrep", KindTDMPolicy, "https://example.com/policy.json"),
			rf(Prefix+"c2pa", KindC2PA, "jpeg app11"),
			rf(Prefix+"synthetic", KindSynthetic, "trainedAlgorithmicMedia"),
		}, &detectors.Rights{TDMReservation: &one, TDMPolicy: "https://example.com/policy.json", C2PA: true, Synthetic: true, Owner: detectors.OwnerUnknown}},
		{"tdm off", []detectors.Finding{rf(Prefix+"tdmrep", KindTDMReservation, "0")},
			&detectors.Rights{TDMReservation: &zero, Owner: detectors.OwnerUnknown}},
		{"licences", []detectors.Finding{
			rf(Prefix+"license", KindLicense, "MIT"),
			rf(Prefix+"license", KindLicense, "CC-BY-NC-4.0"),
			rf(Prefix+"license", KindLicense, "MIT"),
		}, &detectors.Rights{License: "CC-BY-NC-4.0 AND MIT", Owner: detectors.OwnerUnknown}},
		// A public domain mark claims nothing: alone it makes no owner,
		// beside a notice it leaves the notice's verdict; a mark that
		// says "copyrighted" names no holder, so the owner is unknown.
		{"public domain mark", []detectors.Finding{
			rf(DataMiningName, KindUsageTerms, "xmpRights:Marked=False"+publicDomainNote),
			rf(DataMiningName, KindUsageTerms, "plus:CopyrightStatus=http://ns.useplus.org/ldf/vocab/CS-PUB"+publicDomainNote),
		}, nil},
		{"public domain mark and a notice", []detectors.Finding{
			rf(DataMiningName, KindUsageTerms, "xmpRights:Marked=False"+publicDomainNote),
			rf(Prefix+"copyright", KindCopyrightNotice, "© John Smith"),
		}, &detectors.Rights{Copyright: "© John Smith", Owner: detectors.OwnerThirdParty}},
		{"copyrighted mark", []detectors.Finding{rf(DataMiningName, KindUsageTerms, "xmpRights:Marked=True")},
			&detectors.Rights{Owner: detectors.OwnerUnknown}},
		{"other file's finding", []detectors.Finding{{Path: "b.jpg", Detector: Prefix + "stock", Kind: KindStockAgency, Detail: "Alamy"}}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := a.Assess(item, c.findings)
			if (got == nil) != (c.want == nil) {
				t.Fatalf("Assess = %+v, want %+v", got, c.want)
			}
			if got == nil {
				return
			}
			g, w := *got, *c.want
			if (g.TDMReservation == nil) != (w.TDMReservation == nil) || (g.TDMReservation != nil && *g.TDMReservation != *w.TDMReservation) {
				t.Errorf("tdm_reservation = %v, want %v", g.TDMReservation, w.TDMReservation)
			}
			g.TDMReservation, w.TDMReservation = nil, nil
			if g != w {
				t.Errorf("Assess = %+v, want %+v", g, w)
			}
		})
	}
}
