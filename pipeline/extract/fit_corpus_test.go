package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/detectors/pii"
	"github.com/consignhq/consign/pipeline/extract"
)

// TestFITCorpus reads exiftool's Garmin sample, a ride logged by a Fenix
// 8, and checks that its start, its serial number and its creation time
// are found.
func TestFITCorpus(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "corpus")
	rel := "misc/exiftool-samples/Garmin.fit"
	if _, err := os.Stat(filepath.Join(root, rel)); err != nil {
		t.Skipf("skipping: %s is not available (the shared corpus sits beside the project in development and CI only)", filepath.Join(root, rel))
	}
	if got := corpusGPS(t, root, rel); !slices.Equal(got, []string{"32.732786,-117.154159"}) {
		t.Errorf("gps findings %q, want the first record's position", got)
	}
	if got := corpusFindings(t, root, rel, pii.NewDeviceSerial(detectors.Config{})); !slices.Equal(got, []string{"3499711370"}) {
		t.Errorf("device_serial findings %q, want the file_id serial", got)
	}
	f, st, head := openCorpusFile(t, root, rel)
	mt, kind := extract.Sniff("Garmin.fit", head)
	if mt != "application/vnd.ant.fit" || kind != extract.KindOther {
		t.Errorf("sniffed %s, %s", mt, kind)
	}
	var res extract.Result
	extract.Run(context.Background(), extract.Default(), &extract.Source{Path: rel, Size: st.Size(), Head: head, R: f, MediaType: mt, Kind: kind}, &res)
	if len(res.Errors) > 0 {
		t.Errorf("errors: %v", res.Errors)
	}
	if d, ok := res.ContentDate(); !ok || d.Source != "fit:TimeCreated" || d.String() != "2026-04-01T14:00:24Z" {
		t.Errorf("content date %v from %q", d, d.Source)
	}
	for _, f := range []extract.Field{{Name: "fit:lap", Value: "32.732768,-117.154180"}, {Name: "fit:points", Value: "4"}} {
		if v, _ := res.Field(f.Name); v != f.Value {
			t.Errorf("%s = %q, want %q", f.Name, v, f.Value)
		}
	}
	if res.Tags["device_make"] != "garmin" || res.Tags["device_model"] != "fenix8" {
		t.Errorf("tags %v", res.Tags)
	}
}
