package pii

import (
	"math"
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
)

var gpsCases = []fieldCase{
	{"exif decimal", fields("exif:GPSLatitude", "48.858370", "exif:GPSLongitude", "2.294481"),
		[]string{"exif:GPSLatitude=48.858370,2.294481"}},
	{"exif south west", fields("exif:GPSLongitude", "-70.6483", "exif:GPSLatitude", "-33.4489"),
		[]string{"exif:GPSLatitude=-33.448900,-70.648300"}},
	{"exif null island", fields("exif:GPSLatitude", "0.000000", "exif:GPSLongitude", "0.000000"), nil},
	{"exif latitude alone", fields("exif:GPSLatitude", "48.85"), nil},
	{"exif out of range", fields("exif:GPSLatitude", "95", "exif:GPSLongitude", "2"), nil},
	{"xmp degrees minutes", fields("xmp:exif:GPSLatitude", "48,51.502N", "xmp:exif:GPSLongitude", "2,17.6689W"),
		[]string{"xmp:exif:GPSLatitude=48.858367,-2.294482"}},
	{"xmp degrees minutes seconds", fields("xmp:exif:GPSLatitude", "33,26,56S", "xmp:exif:GPSLongitude", "70,38,54W"),
		[]string{"xmp:exif:GPSLatitude=-33.448889,-70.648333"}},
	{"xmp location created", fields("xmp:Iptc4xmpExt:LocationCreated/exif:GPSLatitude", "10.5N",
		"xmp:Iptc4xmpExt:LocationCreated/exif:GPSLongitude", "20.25E"),
		[]string{"xmp:Iptc4xmpExt:LocationCreated/exif:GPSLatitude=10.500000,20.250000"}},
	{"xmp bad minutes", fields("xmp:exif:GPSLatitude", "48,75N", "xmp:exif:GPSLongitude", "2,10E"), nil},
	{"exif and xmp both", fields("exif:GPSLatitude", "48.858370", "exif:GPSLongitude", "2.294481",
		"xmp:exif:GPSLatitude", "48,51.502N", "xmp:exif:GPSLongitude", "2,17.6689E"),
		[]string{"exif:GPSLatitude=48.858370,2.294481", "xmp:exif:GPSLatitude=48.858367,2.294482"}},
	{"quicktime iso 6709", fields("mp4:©xyz", "+35.6586+139.7454+040.000/"),
		[]string{"mp4:©xyz=35.658600,139.745400"}},
	{"quicktime degrees minutes", fields("mp4:com.apple.quicktime.location.ISO6709", "+4851.50+00217.67/"),
		[]string{"mp4:com.apple.quicktime.location.ISO6709=48.858333,2.294500"}},
	{"quicktime garbage", fields("mp4:©xyz", "somewhere nice"), nil},
	{"3gpp loci", fields("mp4:loci", "51.500700,-0.124600,12"), []string{"mp4:loci=51.500700,-0.124600"}},
	{"gpx track once per file", fields("gpx:trkpt", "43.641000,-116.062231", "gpx:trkpt", "-33.856800,151.215300", "gpx:points", "9"),
		[]string{"gpx:trkpt=43.641000,-116.062231"}},
	{"kml", fields("kml:coordinates", "34.166232,-106.026069"), []string{"kml:coordinates=34.166232,-106.026069"}},
	{"gpx point count only", fields("gpx:points", "12"), nil},
	{"nmea log", fields("nmea:trkpt", "50.671970,5.099115", "nmea:points", "2"), []string{"nmea:trkpt=50.671970,5.099115"}},
	{"tcx track", fields("tcx:trkpt", "48.858400,2.294500", "tcx:points", "2"), []string{"tcx:trkpt=48.858400,2.294500"}},
	{"csv position", fields("csv:position", "-44.690094,170.424565"), []string{"csv:position=-44.690094,170.424565"}},
	{"avchd position", fields("mdpm:position", "48.858333,2.294444"), []string{"mdpm:position=48.858333,2.294444"}},
	{"igc log", fields("igc:trkpt", "49.273833,6.731833"), []string{"igc:trkpt=49.273833,6.731833"}},
	{"fit activity", fields("fit:SerialNumber", "3499711370", "fit:record", "32.732786,-117.154159", "fit:lap", "32.732768,-117.154180",
		"fit:session", "32.732768,-117.154180", "fit:points", "4"), []string{"fit:record=32.732786,-117.154159"}},
	{"fit course start only", fields("fit:lap", "32.732768,-117.154180"), []string{"fit:lap=32.732768,-117.154180"}},
	{"fit course of course points only", fields("fit:course_point", "51.501364,-0.141890"), []string{"fit:course_point=51.501364,-0.141890"}},
	{"not coordinates", fields("exif:Make", "Canon", "xmp:dc:title", "48.8584, 2.2945"), nil},
}

func TestGPS(t *testing.T) {
	runFieldCases(t, NewGPS(detectors.Config{}), "gps_location", detectors.SeverityHigh, "remove", gpsCases)
}

func TestMaskPoint(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"north east", "48.858370,2.294481", "48.8*****,2.2*****"},
		{"south west", "-33.448900,-70.648300", "-33.4*****,-70.6*****"},
		{"integers", "10,20", "10,20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := maskPoint(tt.in); got != tt.want {
				t.Errorf("maskPoint(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestGPSExcerptMasked(t *testing.T) {
	item := &detectors.Item{Path: "p.jpg", Fields: fields("exif:GPSLatitude", "48.858370", "exif:GPSLongitude", "2.294481")}
	fs, _ := NewGPS(detectors.Config{}).Detect(t.Context(), item)
	if len(fs) != 1 || fs[0].Excerpt != "48.8*****,2.2*****" {
		t.Fatalf("findings %+v, want one with excerpt 48.8*****,2.2*****", fs)
	}
}

func FuzzGPSCoordinates(f *testing.F) {
	for _, tc := range gpsCases {
		for _, fl := range tc.fields {
			f.Add(fl.Value)
		}
	}
	f.Add("+.5-.5/")
	f.Add("1e308,1e308")
	f.Add("NaN,Inf")
	f.Fuzz(func(t *testing.T, s string) {
		check := func(what string, p point, ok bool) {
			if ok && (math.IsNaN(p.lat) || math.IsNaN(p.lon) || math.IsInf(p.lat, 0) || math.IsInf(p.lon, 0)) {
				t.Fatalf("%s(%q) = %v, not finite", what, s, p)
			}
			if ok && p.valid() {
				lat, lon, _ := strings.Cut(p.String(), ",")
				if _, ok := parseDegrees(lat); !ok {
					t.Fatalf("%s(%q) formats as %q", what, s, p.String())
				}
				if _, ok := parseDegrees(lon); !ok {
					t.Fatalf("%s(%q) formats as %q", what, s, p.String())
				}
			}
		}
		p, ok := parseISO6709(s)
		check("parseISO6709", p, ok)
		p, ok = parseLatLon(s)
		check("parseLatLon", p, ok)
		v, ok := parseXMPCoordinate(s)
		check("parseXMPCoordinate", point{v, v}, ok)
		if ok && math.Abs(v) > 180 {
			t.Fatalf("parseXMPCoordinate(%q) = %v out of range", s, v)
		}
		_ = maskPoint(s)
	})
}

func FuzzGPSDetect(f *testing.F) {
	fuzzMetaDetector(f, NewGPS(detectors.Config{}),
		[]string{"exif:GPSLatitude", "exif:GPSLongitude", "xmp:exif:GPSLatitude", "xmp:exif:GPSLongitude", "mp4:©xyz", "mp4:loci", "gpx:trkpt"},
		[]string{"48.85", "48,51.5N", "+35.6586+139.7454/", "1,2,3"})
}

var gpsTextCases = []detectorCase{
	{"geo uri", "Meet me here: geo:48.85837,2.29448 tomorrow", []string{"geo:48.85837,2.29448"}},
	{"geo uri with altitude and uncertainty", `<a href="geo:-33.8568,151.2153,12;u=35">pin</a>`, []string{"geo:-33.8568,151.2153"}},
	{"vcard 3 address parameter", `ADR;type=OTHER;GEO="geo:12.3457,78.910";LABEL=Test:;;Other Rd.;City`, []string{"geo:12.3457,78.910"}},
	{"vcard 4 property", "BEGIN:VCARD\r\nGEO:geo:37.386013,-122.082932\r\nEND:VCARD", []string{"geo:37.386013,-122.082932"}},
	{"icalendar property", "BEGIN:VEVENT\nGEO:37.386013;-122.082932\nEND:VEVENT", []string{"GEO:37.386013;-122.082932"}},
	{"vcard group", "item2.GEO:40.7128;-74.0060\n", []string{"GEO:40.7128;-74.0060"}},
	{"semicolon outside a property", "see geo:40.7128;-74.0060", nil},
	{"too coarse", "geo:48,2 and geo:48.8,2.2", nil},
	{"out of range", "geo:98.12345,2.29448", nil},
	{"no fix", "geo:0.000000,0.000000", nil},
	{"inside a word", "mygeo:48.85837,2.29448 videogeo:1.23,4.56", nil},
	{"version number", "geo:1.2.3,4.5.6", nil},
	{"not a position", "geo:home, the ideo: 12.34,56.78", nil},
}

func TestGPSText(t *testing.T) { runCases(t, &GPS{}, gpsTextCases) }

func FuzzGPSText(f *testing.F) { fuzzDetector(f, &GPS{}, gpsTextCases) }
