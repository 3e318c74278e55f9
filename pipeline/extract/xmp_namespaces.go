package extract

// xmpPrefixes maps the namespace URIs of common XMP schemas to their
// conventional prefixes, so fields are named the same whatever prefix a
// writer chose ("xmp:dc:creator" even when the file said "dc1:creator").
var xmpPrefixes = map[string]string{
	"http://purl.org/dc/elements/1.1/":                         "dc",
	"http://purl.org/dc/terms/":                                "dcterms",
	"http://ns.adobe.com/xap/1.0/":                             "xmp",
	"http://ns.adobe.com/xap/1.0/rights/":                      "xmpRights",
	"http://ns.adobe.com/xap/1.0/mm/":                          "xmpMM",
	"http://ns.adobe.com/xap/1.0/bj/":                          "xmpBJ",
	"http://ns.adobe.com/xap/1.0/t/pg/":                        "xmpTPg",
	"http://ns.adobe.com/xap/1.0/g/":                           "xmpG",
	"http://ns.adobe.com/xap/1.0/g/img/":                       "xmpGImg",
	"http://ns.adobe.com/xmp/1.0/DynamicMedia/":                "xmpDM",
	"http://ns.adobe.com/xmp/note/":                            "xmpNote",
	"http://ns.adobe.com/xap/1.0/sType/ResourceRef#":           "stRef",
	"http://ns.adobe.com/xap/1.0/sType/ResourceEvent#":         "stEvt",
	"http://ns.adobe.com/xap/1.0/sType/Version#":               "stVer",
	"http://ns.adobe.com/xap/1.0/sType/Job#":                   "stJob",
	"http://ns.adobe.com/xap/1.0/sType/Dimensions#":            "stDim",
	"http://ns.adobe.com/xmp/sType/Area#":                      "stArea",
	"http://ns.adobe.com/photoshop/1.0/":                       "photoshop",
	"http://ns.adobe.com/exif/1.0/":                            "exif",
	"http://ns.adobe.com/exif/1.0/aux/":                        "aux",
	"http://cipa.jp/exif/1.0/":                                 "exifEX",
	"http://ns.adobe.com/tiff/1.0/":                            "tiff",
	"http://ns.adobe.com/camera-raw-settings/1.0/":             "crs",
	"http://ns.adobe.com/lightroom/1.0/":                       "lr",
	"http://ns.adobe.com/pdf/1.3/":                             "pdf",
	"http://ns.adobe.com/pdfx/1.3/":                            "pdfx",
	"http://www.aiim.org/pdfa/ns/id/":                          "pdfaid",
	"http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/":              "Iptc4xmpCore",
	"http://iptc.org/std/Iptc4xmpExt/2008-02-29/":              "Iptc4xmpExt",
	"http://ns.useplus.org/ldf/xmp/1.0/":                       "plus",
	"http://creativecommons.org/ns#":                           "cc",
	"http://www.metadataworkinggroup.com/schemas/regions/":     "mwg-rs",
	"http://www.metadataworkinggroup.com/schemas/keywords/":    "mwg-kw",
	"http://www.metadataworkinggroup.com/schemas/collections/": "mwg-coll",
	"http://ns.microsoft.com/photo/1.0/":                       "MicrosoftPhoto",
	"http://ns.microsoft.com/photo/1.2/":                       "MP",
	"http://ns.microsoft.com/photo/1.2/t/RegionInfo#":          "MPRI",
	"http://ns.microsoft.com/photo/1.2/t/Region#":              "MPReg",
	"http://ns.google.com/photos/1.0/panorama/":                "GPano",
	"http://ns.google.com/photos/1.0/camera/":                  "GCamera",
	"http://ns.google.com/photos/1.0/image/":                   "GImage",
	"http://prismstandard.org/namespaces/basic/2.0/":           "prism",
	"http://prismstandard.org/namespaces/basic/3.0/":           "prism",
	"http://ns.adobe.com/xap/1.0/sType/Font#":                  "stFnt",
	"http://ns.adobe.com/iX/1.0/":                              "iX",
	"http://www.w3.org/ns/tdmrep/":                             "tdm",
	"https://www.w3.org/ns/tdmrep/":                            "tdm",
}

// XMPPrefix returns the prefix fields are named with for the XMP
// namespace URI ns ("dc" for Dublin Core), and false for a namespace
// without a conventional prefix, whose fields take the prefix the packet
// declared. The redactor names what it removes by it, so that its report
// and the fields of a scan agree.
func XMPPrefix(ns string) (string, bool) {
	p, ok := xmpPrefixes[ns]
	return p, ok
}
