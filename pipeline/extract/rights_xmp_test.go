package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/detectors/rights"
)

// rightsPacket is an XMP packet carrying the rights properties the
// rights detectors read, with the data mining value and source type given.
func rightsPacket(dmi, sourceType string) string {
	return `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
 xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/"
 xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/"
 xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
 photoshop:Credit="Jane Doe" photoshop:Source="Ann Lee Studio"
 xmpRights:Marked="True" xmpRights:WebStatement="https://janedoe.net/terms">
<dc:creator><rdf:Seq><rdf:li>Jane Doe</rdf:li></rdf:Seq></dc:creator>
<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© 2021 Jane Doe Photography</rdf:li></rdf:Alt></dc:rights>
<xmpRights:UsageTerms><rdf:Alt><rdf:li xml:lang="x-default">Editorial use only</rdf:li></rdf:Alt></xmpRights:UsageTerms>
<plus:DataMining>http://ns.useplus.org/ldf/vocab/` + dmi + `</plus:DataMining>
<plus:OtherConstraints><rdf:Alt><rdf:li xml:lang="x-default">No machine learning</rdf:li></rdf:Alt></plus:OtherConstraints>
<Iptc4xmpExt:DigitalSourceType>http://cv.iptc.org/newscodes/digitalsourcetype/` + sourceType + `</Iptc4xmpExt:DigitalSourceType>
</rdf:Description></rdf:RDF></x:xmpmeta>`
}

var rightsCreator = detectors.Config{Identity: detectors.Identity{Names: []string{"Jane Doe"}}}

// TestRightsFromXMPSidecar reads every DMI value and the rights fields
// through the XMP extractor into the record's rights.
func TestRightsFromXMPSidecar(t *testing.T) {
	dmis := []string{
		"DMI-UNSPECIFIED", "DMI-ALLOWED", "DMI-PROHIBITED-AIMLTRAINING", "DMI-PROHIBITED-GENAIMLTRAINING",
		"DMI-PROHIBITED-EXCEPTSEARCHENGINEINDEXING", "DMI-PROHIBITED", "DMI-PROHIBITED-SEECONSTRAINT",
		"DMI-PROHIBITED-SEEEMBEDDEDRIGHTSEXPR", "DMI-PROHIBITED-SEELINKEDRIGHTSEXPR",
	}
	for i, dmi := range dmis {
		t.Run(dmi, func(t *testing.T) {
			src := bytesSource(fmt.Sprintf("photo%d.xmp", i), []byte(rightsPacket(dmi, "trainedAlgorithmicMedia")))
			res, findings, r := rightsOf(t, rightsCreator, src, nil)
			for _, name := range []string{"xmp:plus:DataMining", "xmp:Iptc4xmpExt:DigitalSourceType", "xmp:xmpRights:Marked", "xmp:plus:OtherConstraints"} {
				if !hasField(res, name) {
					t.Errorf("field %s missing; fields %v", name, res.Fields)
				}
			}
			if r == nil {
				t.Fatalf("no rights; findings %+v", findings)
			}
			want := detectors.Rights{Copyright: "© 2021 Jane Doe Photography", DataMining: dmi, Synthetic: true, Owner: detectors.OwnerThirdParty}
			if *r != want {
				t.Errorf("rights = %+v, want %+v (Ann Lee Studio is the source)", *r, want)
			}
			kinds := map[string]bool{}
			for _, f := range findings {
				kinds[f.Kind] = true
			}
			for _, k := range []string{rights.KindDataMining, rights.KindSynthetic, rights.KindCopyrightNotice, rights.KindUsageTerms, rights.KindCreator, rights.KindThirdPartyArtist} {
				if !kinds[k] {
					t.Errorf("no %s finding in %+v", k, findings)
				}
			}
		})
	}
}

func hasField(res *Result, name string) bool {
	for _, f := range res.Fields {
		if f.Name == name && strings.TrimSpace(f.Value) != "" {
			return true
		}
	}
	return false
}
