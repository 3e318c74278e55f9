package extract

import (
	"slices"
	"testing"
)

// peoplePacket names people the ways photo managers write them: IPTC
// PersonInImage, MWG face regions (beside a pet region and a region with
// no type), and Microsoft Photo regions.
const peoplePacket = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
  xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
  xmlns:mwg-rs="http://www.metadataworkinggroup.com/schemas/regions/"
  xmlns:stArea="http://ns.adobe.com/xmp/sType/Area#"
  xmlns:MP="http://ns.microsoft.com/photo/1.2/"
  xmlns:MPRI="http://ns.microsoft.com/photo/1.2/t/RegionInfo#"
  xmlns:MPReg="http://ns.microsoft.com/photo/1.2/t/Region#">
 <Iptc4xmpExt:PersonInImage><rdf:Bag><rdf:li>Ann Example</rdf:li><rdf:li>Ben Example</rdf:li></rdf:Bag></Iptc4xmpExt:PersonInImage>
 <mwg-rs:Regions rdf:parseType="Resource"><mwg-rs:RegionList><rdf:Bag>
  <rdf:li><rdf:Description mwg-rs:Name="Ann Example" mwg-rs:Type="Face"><mwg-rs:Area stArea:x="0.5" stArea:y="0.5"/></rdf:Description></rdf:li>
  <rdf:li><rdf:Description mwg-rs:Type="Pet" mwg-rs:Name="Rex"><mwg-rs:Area stArea:x="0.1" stArea:y="0.1"/></rdf:Description></rdf:li>
  <rdf:li><rdf:Description mwg-rs:Name="Untyped"><mwg-rs:Area stArea:x="0.2" stArea:y="0.2"/></rdf:Description></rdf:li>
  <rdf:li rdf:parseType="Resource"><mwg-rs:Type>Face</mwg-rs:Type><mwg-rs:Name>Cleo Example</mwg-rs:Name></rdf:li>
  <rdf:li rdf:parseType="Resource"><mwg-rs:Type>Face</mwg-rs:Type></rdf:li>
 </rdf:Bag></mwg-rs:RegionList></mwg-rs:Regions>
 <MP:RegionInfo rdf:parseType="Resource"><MPRI:Regions><rdf:Bag>
  <rdf:li MPReg:PersonDisplayName="Dan Example" MPReg:Rectangle="0.1, 0.1, 0.2, 0.2"/>
 </rdf:Bag></MPRI:Regions></MP:RegionInfo>
</rdf:Description></rdf:RDF></x:xmpmeta>`

func TestXMPPeopleFields(t *testing.T) {
	props, err := parseXMP([]byte(peoplePacket))
	if err != nil {
		t.Fatal(err)
	}
	var res Result
	recordXMP(&Source{Kind: KindImage}, props, &res)
	tests := []struct {
		name  string
		field string
		want  []string
	}{
		{"person in image", "xmp:Iptc4xmpExt:PersonInImage", []string{"Ann Example; Ben Example"}},
		{"face regions only", xmpFaceField, []string{"Ann Example", "Cleo Example"}},
		{"microsoft regions", "xmp:MP:RegionInfo/MPRI:Regions/MPReg:PersonDisplayName", []string{"Dan Example"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fieldValues(&res, tt.field); !slices.Equal(got, tt.want) {
				t.Errorf("%s = %q, want %q (fields %v)", tt.field, got, tt.want, res.Fields)
			}
		})
	}
}
