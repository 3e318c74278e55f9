package extract

import (
	"strings"
)

// mwgRegionList is the path of the items of an MWG region list.
const mwgRegionList = "mwg-rs:Regions/mwg-rs:RegionList/"

// xmpFaceField holds the names of the MWG regions of type Face: the
// people a photo manager (Lightroom, digiKam, Picasa) tagged in the image.
// The region list's Name property alone cannot say which names are faces,
// since fields join the values of every region, pets and barcodes too.
const xmpFaceField = "xmp:mwg-rs:FaceName"

// recordXMPFaces adds one xmpFaceField per named face region; a region
// is the properties of one rdf:li of the list.
func recordXMPFaces(props []xmpProp, res *Result) {
	var name, typ string
	item := -1
	flush := func() {
		if name != "" && strings.EqualFold(strings.TrimSpace(typ), "Face") {
			res.AddField(xmpFaceField, name)
		}
		name, typ = "", ""
	}
	for _, p := range props {
		sub, ok := strings.CutPrefix(p.path, mwgRegionList)
		if !ok {
			continue
		}
		if p.item != item {
			flush()
			item = p.item
		}
		switch sub {
		case "mwg-rs:Name":
			name = p.value
		case "mwg-rs:Type":
			typ = p.value
		}
	}
	flush()
}
