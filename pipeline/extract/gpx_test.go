package extract

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const gpxSample = `<?xml version="1.0" encoding="ISO-8859-1"?>
<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1" creator="t">
 <metadata><name>Caf` + "\xe9" + ` run</name></metadata>
 <wpt lat="48.858400" lon="2.294500"><name>Tower</name></wpt>
 <wpt lat="48.8606" lon="2.3376"/>
 <trk><name>one</name><trkseg>
  <trkpt lat="43.641" lon="-116.062231"><ele>1472.3</ele><time>2003-05-24T17:10:05Z</time></trkpt>
  <trkpt lat="43.641086" lon="-116.062059"><time>2003-05-24T17:09:55Z</time></trkpt>
  <trkpt lat="91" lon="0"/>
 </trkseg></trk>
 <trk><trkseg><trkpt lat="-33.8568" lon="151.2153"/></trkseg></trk>
 <rte><rtept lat="51.5007" lon="-0.1246"/></rte>
</gpx>`

const kmlSample = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
<Document>
 <Placemark><name>Home</name><Point><coordinates>-106.026069,34.166232,0</coordinates></Point></Placemark>
 <Placemark><gx:Track>
  <when>2013-11-13T01:03:34.245-08:00</when>
  <gx:coord>-106.027012 34.165476 0</gx:coord>
  <when>2013-11-13T01:04:35Z</when>
  <gx:coord>-106.027854 34.164765 0</gx:coord>
 </gx:Track></Placemark>
 <Placemark><LineString><coordinates>
  2.2945,48.8584,0 2.3376,48.8606 bad,tuple 200,10
 </coordinates></LineString></Placemark>
</Document></kml>`

func fieldValues(res *Result, name string) []string {
	var out []string
	for _, f := range res.Fields {
		if f.Name == name {
			out = append(out, f.Value)
		}
	}
	return out
}

func TestGPXExtract(t *testing.T) {
	tests := []struct {
		name, path, media, data string
		want                    map[string][]string
		wantDate, dateSource    string
	}{
		{
			name: "gpx tracks routes and waypoints", path: "run.gpx", media: mediaGPX, data: gpxSample,
			want: map[string][]string{
				"gpx:wpt":    {"48.858400,2.294500"},
				"gpx:trkpt":  {"43.641000,-116.062231", "-33.856800,151.215300"},
				"gpx:rtept":  {"51.500700,-0.124600"},
				"gpx:points": {"6"},
			},
			wantDate: "2003-05-24T17:10:05Z", dateSource: "gpx:time",
		},
		{
			name: "kml placemarks and gx tracks", path: "where.kml", media: mediaKML, data: kmlSample,
			want: map[string][]string{
				"kml:coordinates": {"34.166232,-106.026069", "34.165476,-106.027012", "48.858400,2.294500"},
				"kml:points":      {"5"},
			},
			wantDate: "2013-11-13T01:03:34-08:00", dateSource: "kml:when",
		},
		{
			name: "gpx sniffed as generic xml", path: "ride.GPX", media: "application/xml",
			data: `<gpx><trk><trkseg><trkpt lat="1.5" lon="2.5"/></trkseg></trk></gpx>`,
			want: map[string][]string{"gpx:trkpt": {"1.500000,2.500000"}, "gpx:points": {"1"}},
		},
		{
			name: "kml coordinates outside a placemark", path: "bare.kml", media: mediaKML,
			data: `<kml><Document><LineString><coordinates>2.5,1.5 3,2</coordinates></LineString></Document></kml>`,
			want: map[string][]string{"kml:coordinates": {"1.500000,2.500000"}, "kml:points": {"2"}},
		},
		{
			name: "tcx track points", path: "ride.tcx", media: "application/xml",
			data: `<TrainingCenterDatabase><Activities><Activity><Lap><Track>
<Trackpoint><Time>2021-06-03T08:00:00Z</Time><Position><LatitudeDegrees>48.8584</LatitudeDegrees><LongitudeDegrees>2.2945</LongitudeDegrees></Position></Trackpoint>
<Trackpoint><Time>2021-06-03T08:00:05Z</Time><Position><LatitudeDegrees>48.8585</LatitudeDegrees><LongitudeDegrees>2.2946</LongitudeDegrees></Position></Trackpoint>
<Trackpoint><HeartRateBpm><Value>90</Value></HeartRateBpm></Trackpoint>
</Track></Lap></Activity></Activities></TrainingCenterDatabase>`,
			want:     map[string][]string{"tcx:trkpt": {"48.858400,2.294500"}, "tcx:points": {"2"}},
			wantDate: "2021-06-03T08:00:00Z", dateSource: "tcx:time",
		},
		{
			name: "forerunner logbook saved as xml", path: "Geotag.xml", media: "text/xml",
			data: `<?xml version="1.0" ?><History xmlns="http://www.garmin.com/xmlschemas/ForerunnerLogbook"><Run><Track>
<Trackpoint><Position><Latitude>43.64986</Latitude><Longitude>-79.58321</Longitude></Position><Time>2004-08-28T13:45:00Z</Time></Trackpoint>
</Track></Run></History>`,
			want:     map[string][]string{"tcx:trkpt": {"43.649860,-79.583210"}, "tcx:points": {"1"}},
			wantDate: "2004-08-28T13:45:00Z", dateSource: "tcx:time",
		},
		{
			name: "no valid points", path: "empty.gpx", media: mediaGPX,
			data: `<gpx><trk><trkseg><trkpt lat="x" lon="2"/><trkpt lat="10" lon="181"/></trkseg></trk></gpx>`,
			want: map[string][]string{"gpx:trkpt": nil, "gpx:points": nil},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runExtractor(t, NewGPX(), tt.path, tt.media, []byte(tt.data))
			if len(res.Errors) > 0 {
				t.Errorf("errors: %v", res.Errors)
			}
			for name, want := range tt.want {
				if got := fieldValues(res, name); !slices.Equal(got, want) {
					t.Errorf("%s = %q, want %q", name, got, want)
				}
			}
			d, ok := res.ContentDate()
			if tt.wantDate == "" {
				if ok {
					t.Errorf("content date %v, want none", d)
				}
				return
			}
			if !ok || d.String() != tt.wantDate || d.Source != tt.dateSource {
				t.Errorf("content date = %v from %q, want %s from %s", d, d.Source, tt.wantDate, tt.dateSource)
			}
		})
	}
}

func TestGPXAppliesAndSniff(t *testing.T) {
	tests := []struct {
		name, path, data string
		want             bool
	}{
		{"gpx by content", "a.gpx", gpxSample, true},
		{"kml by content", "a.kml", kmlSample, true},
		{"other xml", "a.xml", `<?xml version="1.0"?><feed/>`, false},
		{"markdown", "a.md", "# hi", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := bytesSource(tt.path, []byte(tt.data))
			if got := NewGPX().Applies(src); got != tt.want {
				t.Errorf("Applies(%s sniffed %s) = %v, want %v", tt.path, src.MediaType, got, tt.want)
			}
		})
	}
}

func TestGPXBounds(t *testing.T) {
	t.Run("deep nesting", func(t *testing.T) {
		data := "<gpx>" + strings.Repeat("<a>", maxTrackDepth+5) + "</gpx>"
		res := runExtractor(t, NewGPX(), "deep.gpx", mediaGPX, []byte(data))
		if len(res.Errors) == 0 {
			t.Error("no error for nesting past the limit")
		}
	})
	t.Run("field cap", func(t *testing.T) {
		data := "<gpx>" + strings.Repeat(`<trk><trkseg><trkpt lat="1" lon="1"/></trkseg></trk>`, maxTrackFields*2) + "</gpx>"
		res := runExtractor(t, NewGPX(), "many.gpx", mediaGPX, []byte(data))
		if n := len(fieldValues(res, "gpx:trkpt")); n != maxTrackFields {
			t.Errorf("%d trkpt fields, want %d", n, maxTrackFields)
		}
		if got := fieldValues(res, "gpx:points"); !slices.Equal(got, []string{"64"}) {
			t.Errorf("points = %q", got)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var res Result
		if err := NewGPX().Extract(ctx, bytesSource("c.gpx", []byte(gpxSample)), &res); err == nil {
			t.Error("no error after cancel")
		}
	})
}

// TestGPXCorpus reads the GPX and KML samples of the shared corpus.
func TestGPXCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpus", "misc", "exiftool-samples")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("skipping: ../shared/corpus is not available")
	}
	for _, name := range []string{"Geotag.gpx", "Geotag.kml"} {
		t.Run(name, func(t *testing.T) {
			p := filepath.Join(dir, name)
			if _, err := os.Stat(p); err != nil {
				t.Skipf("skipping: %s is not in the corpus", name)
			}
			src := openSource(t, p)
			var res Result
			Run(context.Background(), []Extractor{NewGPX()}, src, &res)
			ns := strings.TrimPrefix(filepath.Ext(name), ".")
			if len(res.Errors) > 0 {
				t.Errorf("errors: %v", res.Errors)
			}
			if _, ok := res.Field(ns + ":points"); !ok {
				t.Errorf("no %s:points in %v", ns, res.Fields)
			}
			if _, ok := res.ContentDate(); !ok {
				t.Error("no content date")
			}
		})
	}
}

func FuzzGPX(f *testing.F) {
	f.Add([]byte(gpxSample), true)
	f.Add([]byte(kmlSample), false)
	f.Add([]byte(`<gpx><wpt lat="1e308" lon="-0"/><time>0000-00-00</time></gpx>`), true)
	f.Add([]byte(`<kml><coordinates>,,, 1,2,3,4</coordinates><gx:coord>1</gx:coord></kml>`), false)
	f.Fuzz(func(t *testing.T, data []byte, gpx bool) {
		name, media := "f.kml", mediaKML
		if gpx {
			name, media = "f.gpx", mediaGPX
		}
		res := runExtractor(t, NewGPX(), name, media, data)
		for _, err := range res.Errors {
			if strings.Contains(err.Error(), "panic") {
				t.Fatalf("panic: %v", err)
			}
		}
		checkPointFields(t, res, func(name string) bool { return !strings.HasSuffix(name, ":points") })
	})
}

// checkPointFields holds the fields isPoint picks to valid "lat,lon"
// points, at most maxTrackFields of them.
func checkPointFields(t *testing.T, res *Result, isPoint func(name string) bool) {
	t.Helper()
	points := 0
	for _, fl := range res.Fields {
		if !isPoint(fl.Name) {
			continue
		}
		points++
		lat, lon, ok := strings.Cut(fl.Value, ",")
		if _, _, valid := parsePoint(lat, lon); !ok || !valid {
			t.Fatalf("field %s = %q is not a valid point", fl.Name, fl.Value)
		}
	}
	if points > maxTrackFields {
		t.Fatalf("%d point fields", points)
	}
}
