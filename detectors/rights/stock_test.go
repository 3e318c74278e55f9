package rights

import (
	"context"
	"testing"

	"github.com/consignhq/consign/detectors"
)

func TestStockText(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"watermark line", "intro\nshutterstock\nmore text", "Shutterstock"},
		{"caption credit", "The harbour at dawn. Photo: Getty Images", "Getty Images"},
		{"unsplash credit", "Photo by Ann Lee on Unsplash", "Unsplash"},
		{"stock credit", "Image © iStock / Ann Lee", "iStock"},
		{"ap photo", "Crowds gather (AP Photo/John Smith)", "AP"},
		{"ap in parentheses", "WASHINGTON (AP) — The senate voted", "AP"},
		{"reuters credit", "REUTERS/Ann Lee", "Reuters"},
		{"reuters sign", "© Reuters 2020", "Reuters"},
		{"afp slash", "Photo: AFP/Getty", "AFP"},
		{"associated press", "Associated Press", "AP"},
		{"prose mention", "Last year I sold a few of my pictures to Shutterstock and then stopped because the pay was poor.", ""},
		{"reuters in prose", "According to a report by Reuters, the talks failed and nobody knows what happens next now.", ""},
		{"ap word", "the ap and the afp files", ""},
		{"inside words", "Snap photos with lapse", ""},
	}
	d := Stock{}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ms := d.Find(&detectors.Item{}, []byte(c.text))
			if c.want == "" {
				if len(ms) != 0 {
					t.Fatalf("matches %+v, want none", ms)
				}
				return
			}
			if len(ms) == 0 || ms[0].Detail != c.want || ms[0].Action != detectors.ActionExclude || ms[0].Category != detectors.CategoryThirdParty {
				t.Fatalf("matches %+v, want %s", ms, c.want)
			}
		})
	}
}

func TestStockFieldsAndNames(t *testing.T) {
	cases := []struct {
		name, path, field, value, want string
	}{
		{"shutterstock download", "photos/shutterstock_123456789.jpg", "", "", "Shutterstock"},
		{"istock download", "iStock-1234567.jpg", "", "", "iStock"},
		{"getty download", "GettyImages-123.jpg", "", "", "Getty Images"},
		{"adobe download", "AdobeStock_98765.jpeg", "", "", "Adobe Stock"},
		{"pexels download", "pexels-photo-1234.jpeg", "", "", "Pexels"},
		{"bare ap credit", "a.jpg", "iptc:Credit", "AP", "AP"},
		{"afp source", "a.jpg", "xmp:photoshop:Source", "afp", "AFP"},
		{"web statement", "a.jpg", "xmp:xmpRights:WebStatement", "https://www.gettyimages.com/eula", "Getty Images"},
		{"own file", "photos/beach.jpg", "exif:Artist", "Jane Doe", ""},
		{"map is not ap", "maps/ap-route.jpg", "", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			item := &detectors.Item{Path: c.path}
			if c.field != "" {
				item.Fields = []detectors.Field{{Name: c.field, Value: c.value}}
			}
			fs, _ := Stock{}.Detect(context.Background(), item)
			// Values the text pass reports are left to it, as a scan runs both.
			for _, f := range item.Fields {
				for _, m := range (Stock{}).Find(item, []byte(f.Value)) {
					fs = append(fs, detectors.Finding{Detail: m.Detail, Kind: m.Kind})
				}
			}
			if c.want == "" {
				if len(fs) != 0 {
					t.Fatalf("findings %+v, want none", fs)
				}
				return
			}
			if len(fs) != 1 || fs[0].Detail != c.want || fs[0].Kind != KindStockAgency {
				t.Fatalf("findings %+v, want one %s", fs, c.want)
			}
		})
	}
}
