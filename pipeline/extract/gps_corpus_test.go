package extract_test

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/detectors/pii"
	"github.com/consignhq/consign/pipeline/extract"
)

// corpusGPS runs the default extractors and the GPS detector over one
// corpus file and returns the positions found, as "lat,lon".
func corpusGPS(t *testing.T, root, rel string) []string {
	return corpusFindings(t, root, rel, pii.NewGPS(detectors.Config{}))
}

// openCorpusFile opens one corpus file, closed when the test ends, and
// reads its head as the sniffer sees it.
func openCorpusFile(t *testing.T, root, rel string) (*os.File, os.FileInfo, []byte) {
	t.Helper()
	f, err := os.Open(filepath.Join(root, rel))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	head := make([]byte, min(st.Size(), extract.HeadSize))
	if _, err := f.ReadAt(head, 0); err != nil {
		t.Fatal(err)
	}
	return f, st, head
}

// corpusFindings runs the default extractors and a metadata detector over
// one corpus file and returns the values it found.
func corpusFindings(t *testing.T, root, rel string, d detectors.Detector) []string {
	t.Helper()
	f, st, head := openCorpusFile(t, root, rel)
	mt, kind := extract.Sniff(filepath.Base(rel), head)
	src := &extract.Source{Path: filepath.ToSlash(rel), Size: st.Size(), Head: head, R: f, MediaType: mt, Kind: kind}
	var res extract.Result
	extract.Run(context.Background(), extract.Default(), src, &res)
	item := &detectors.Item{Path: src.Path, MediaType: mt, Kind: kind, Size: st.Size()}
	for _, fl := range res.Fields {
		item.Fields = append(item.Fields, detectors.Field{Name: fl.Name, Value: fl.Value})
	}
	if !d.Applies(item) {
		return nil
	}
	fs, err := d.Detect(context.Background(), item)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, fd := range fs {
		out = append(out, fd.Value)
	}
	return out
}

// TestCorpusGPSAgreesWithExiftool checks that every corpus file exiftool
// reads a GPS position from gets a GPS finding at that position, and that
// the GPX and KML tracks do too.
func TestCorpusGPSAgreesWithExiftool(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(root); err != nil {
		t.Skip("skipping: ../shared/corpus is not available")
	}
	if _, err := exec.LookPath("exiftool"); err != nil {
		t.Skip("skipping: exiftool is not installed (apt-get install libimage-exiftool-perl)")
	}
	abs, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("exiftool", "-r", "-json", "-n", "-q", "-q", "-GPSLatitude", "-GPSLongitude", abs).Output()
	if err != nil && len(out) == 0 {
		t.Fatalf("exiftool: %v", err)
	}
	var recs []struct {
		SourceFile                string
		GPSLatitude, GPSLongitude any
	}
	if err := json.Unmarshal(out, &recs); err != nil {
		t.Fatalf("exiftool output: %v", err)
	}
	compared := 0
	for _, r := range recs {
		lat, ok1 := r.GPSLatitude.(float64)
		lon, ok2 := r.GPSLongitude.(float64)
		if !ok1 || !ok2 || (lat == 0 && lon == 0) {
			continue
		}
		rel, err := filepath.Rel(abs, r.SourceFile)
		if err != nil {
			t.Fatal(err)
		}
		compared++
		t.Run(rel, func(t *testing.T) {
			got := corpusGPS(t, abs, rel)
			if len(got) == 0 {
				t.Fatalf("no gps finding; exiftool reads %.6f,%.6f", lat, lon)
			}
			for _, g := range got {
				if near(g, lat, lon) {
					return
				}
			}
			t.Errorf("gps findings %q; exiftool reads %.6f,%.6f", got, lat, lon)
		})
	}
	if compared == 0 {
		t.Error("exiftool found no GPS position in the corpus")
	}
	for _, rel := range []string{"misc/exiftool-samples/Geotag.gpx", "misc/exiftool-samples/Geotag.kml"} {
		t.Run(rel, func(t *testing.T) {
			if _, err := os.Stat(filepath.Join(abs, rel)); err != nil {
				t.Skipf("skipping: %s is not in the corpus", rel)
			}
			if got := corpusGPS(t, abs, rel); len(got) != 1 {
				t.Errorf("gps findings %q, want one for the track", got)
			}
		})
	}
}

// near reports whether a "lat,lon" value is within about a metre of lat, lon.
func near(v string, lat, lon float64) bool {
	a, b, ok := strings.Cut(v, ",")
	if !ok {
		return false
	}
	glat, err1 := strconv.ParseFloat(a, 64)
	glon, err2 := strconv.ParseFloat(b, 64)
	return err1 == nil && err2 == nil && math.Abs(glat-lat) < 1e-5 && math.Abs(glon-lon) < 1e-5
}
