package extract

import (
	"context"
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
)

// inkscapeSVG is metadata as Inkscape writes it: the namespaces declared
// on the svg element, a cc:Work about the file, its creator and rights
// holder as cc:Agent nodes, and a cc:License node about the licence.
func inkscapeSVG(filler string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<svg xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:cc="http://creativecommons.org/ns#"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://www.w3.org/2000/svg"
   width="210mm" height="297mm" version="1.1">
  <defs id="defs2">` + filler + `</defs>
  <metadata id="metadata5">
    <rdf:RDF>
      <cc:Work rdf:about="">
        <dc:format>image/svg+xml</dc:format>
        <dc:type rdf:resource="http://purl.org/dc/dcmitype/StillImage" />
        <dc:title>Red fox</dc:title>
        <dc:creator><cc:Agent><dc:title>Ann Lee</dc:title></cc:Agent></dc:creator>
        <dc:rights><cc:Agent><dc:title>Studio Nord</dc:title></cc:Agent></dc:rights>
        <cc:license rdf:resource="http://creativecommons.org/licenses/by-nc-sa/4.0/" />
      </cc:Work>
      <cc:License rdf:about="http://creativecommons.org/licenses/by-nc-sa/4.0/">
        <cc:permits rdf:resource="http://creativecommons.org/ns#Reproduction" />
      </cc:License>
    </rdf:RDF>
  </metadata>
  <g id="layer1"><path d="M 10,10 L 50,50" /></g>
</svg>
`
}

// specSVG is the metadata example of the SVG 1.1 specification: an
// rdf:Description declaring its own namespaces.
const specSVG = `<?xml version="1.0" standalone="yes"?>
<svg width="4in" height="3in" version="1.1" xmlns="http://www.w3.org/2000/svg">
  <metadata>
    <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <rdf:Description about="http://example.org/myfoo" dc:title="MyFoo Financial Report" dc:date="2000-04-11">
        <dc:creator><rdf:Bag><rdf:li>Irving Bird</rdf:li><rdf:li>Mary Lambert</rdf:li></rdf:Bag></dc:creator>
      </rdf:Description>
    </rdf:RDF>
  </metadata>
</svg>
`

func TestSVGMetadata(t *testing.T) {
	cases := []struct {
		name   string
		svg    string
		fields map[string]string
	}{
		{"inkscape", inkscapeSVG(""), map[string]string{
			"xmp:dc:creator": "Ann Lee", "xmp:dc:rights": "Studio Nord", "xmp:dc:title": "Red fox",
			"xmp:cc:license": "http://creativecommons.org/licenses/by-nc-sa/4.0/",
		}},
		{"metadata past the head", inkscapeSVG(strings.Repeat(`<linearGradient id="g"><stop offset="0"/></linearGradient>`, HeadSize/50)),
			map[string]string{"xmp:dc:creator": "Ann Lee", "xmp:dc:rights": "Studio Nord"}},
		{"svg specification example", specSVG, map[string]string{
			"xmp:dc:creator": "Irving Bird; Mary Lambert", "xmp:dc:title": "MyFoo Financial Report",
		}},
		{"no metadata", `<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg>`, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := bytesSource("drawing.svg", []byte(c.svg))
			if src.MediaType != "image/svg+xml" || !NewXMP().Applies(src) {
				t.Fatalf("media type %s: xmp does not apply", src.MediaType)
			}
			var res Result
			Run(context.Background(), []Extractor{NewXMP()}, src, &res)
			wantNoErrors(t, &res)
			for name, want := range c.fields {
				if got, _ := res.Field(name); got != want {
					t.Errorf("field %s = %q, want %q", name, got, want)
				}
			}
			for _, f := range res.Fields {
				if strings.HasPrefix(f.Name, "xmp:cc:permits") {
					t.Errorf("field %s = %q read from the cc:License node, which is about the licence", f.Name, f.Value)
				}
			}
			if c.fields == nil && len(res.Fields) > 0 {
				t.Errorf("fields %v, want none", res.Fields)
			}
		})
	}
}

// TestRightsFromSVGMetadata follows an Inkscape drawing's metadata into
// the record's rights: the non-commercial licence excludes the file.
func TestRightsFromSVGMetadata(t *testing.T) {
	_, findings, r := rightsOf(t, rightsCreator, bytesSource("fox.svg", []byte(inkscapeSVG(""))), nil)
	if r == nil || r.License != "CC-BY-NC-SA-4.0" || r.Copyright != "© Studio Nord" || r.Owner != detectors.OwnerThirdParty {
		t.Fatalf("rights = %+v, want CC-BY-NC-SA-4.0, © Studio Nord, third party; findings %+v", r, findings)
	}
}
