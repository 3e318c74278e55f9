package extract

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// xmpTags maps curated tags to the XMP properties that can give them, in
// order of preference. Tags EXIF already set keep their EXIF value.
var xmpTags = []struct {
	tag   string
	paths []string
}{
	{"artist", []string{"dc:creator"}},
	{"copyright", []string{"dc:rights", "photoshop:Copyright"}},
	{"title", []string{"dc:title", "photoshop:Headline"}},
	{"description", []string{"dc:description"}},
	{"keywords", []string{"dc:subject"}},
	{"publisher", []string{"dc:publisher"}},
	{"camera_make", []string{"tiff:Make"}},
	{"camera_model", []string{"tiff:Model"}},
	{"lens_make", []string{"exifEX:LensMake"}},
	{"lens_model", []string{"exifEX:LensModel", "aux:Lens"}},
	{"body_serial", []string{"exifEX:BodySerialNumber", "aux:SerialNumber"}},
	{"lens_serial", []string{"exifEX:LensSerialNumber", "aux:LensSerialNumber"}},
	{"owner_name", []string{"exifEX:CameraOwnerName", "aux:OwnerName"}},
	{"software", []string{"xmp:CreatorTool", "tiff:Software"}},
	{"width", []string{"exif:PixelXDimension", "tiff:ImageWidth"}},
	{"height", []string{"exif:PixelYDimension", "tiff:ImageLength"}},
}

func recordXMPTags(src *Source, v map[string]string, res *Result) {
	for _, t := range xmpTags {
		for _, p := range t.paths {
			if s := v[p]; s != "" {
				res.SetTag(t.tag, s)
				break
			}
		}
	}
	// A document's creator is its author; the curated tag says so.
	if src.Kind == KindDocument {
		res.SetTag("author", v["dc:creator"])
	}
	lat, latOK := parseXMPCoord(v["exif:GPSLatitude"], "NS", 90)
	long, longOK := parseXMPCoord(v["exif:GPSLongitude"], "EW", 180)
	if latOK && longOK {
		res.SetTag("gps_latitude", formatDegrees(lat))
		res.SetTag("gps_longitude", formatDegrees(long))
	}
	if alt, ok := parseRational(v["exif:GPSAltitude"]); ok && math.Abs(alt) <= 1e6 {
		if v["exif:GPSAltitudeRef"] == "1" {
			alt = -alt
		}
		res.SetTag("gps_altitude", strconv.FormatFloat(math.Round(alt*100)/100, 'f', -1, 64))
	}
}

// xmpDates lists the XMP properties that date the content.
var xmpDates = []struct {
	path string
	rank int
}{
	{"exif:DateTimeOriginal", RankCapture},
	{"photoshop:DateCreated", RankCapture},
	{"exif:DateTimeDigitized", RankDigitized},
	{"xmp:CreateDate", RankDigitized},
	{"tiff:DateTime", RankEmbedded},
	{"xmp:ModifyDate", RankEmbedded},
	{"dc:date", RankEmbedded},
}

func recordXMPDates(v map[string]string, res *Result) {
	for _, d := range xmpDates {
		s := v[d.path]
		if i := strings.Index(s, "; "); i >= 0 {
			s = s[:i] // dc:date is a sequence; its first date is the one meant
		}
		if date, ok := parseISODate(s); ok {
			date.Source, date.Rank = "xmp:"+d.path, d.rank
			res.AddDate(date)
		}
	}
}

// isoLayouts are the ISO 8601 forms XMP dates take (XMP spec part 1,
// 10.5.8), plus the EXIF form some writers copy into XMP.
var isoLayouts = []struct {
	layout            string
	hasZone, dateOnly bool
}{
	{"2006-01-02T15:04:05.999999999Z07:00", true, false},
	{"2006-01-02T15:04Z07:00", true, false},
	{"2006-01-02T15:04:05.999999999", false, false},
	{"2006-01-02T15:04", false, false},
	{"2006-01-02", false, true},
	{"2006:01:02 15:04:05Z07:00", true, false},
	{"2006:01:02 15:04:05", false, false},
}

// parseISODate reads an XMP date. A month or year alone is not a date:
// putting it on the first of the month would invent precision.
func parseISODate(s string) (Date, bool) {
	s = strings.TrimSpace(s)
	for _, l := range isoLayouts {
		t, err := time.Parse(l.layout, s)
		if err == nil {
			return Date{Time: t, HasZone: l.hasZone, DateOnly: l.dateOnly}, true
		}
	}
	return Date{}, false
}

// parseXMPCoord reads an XMP GPS coordinate, "DDD,MM.mmk" or
// "DDD,MM,SSk" with k one of dirs (N/S or E/W); the second direction is
// negative.
func parseXMPCoord(s, dirs string, limit float64) (float64, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 2 {
		return 0, false
	}
	sign := 1.0
	switch s[len(s)-1] {
	case dirs[0]:
	case dirs[1]:
		sign = -1
	default:
		return 0, false
	}
	parts := strings.Split(s[:len(s)-1], ",")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	var v [3]float64
	for i, p := range parts {
		f, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || f < 0 || math.IsInf(f, 0) {
			return 0, false
		}
		v[i] = f
	}
	deg := sign * (v[0] + v[1]/60 + v[2]/3600)
	return deg, validCoord(deg, limit)
}

// parseRational reads "n/d" or a plain decimal.
func parseRational(s string) (float64, bool) {
	num, den, isRat := strings.Cut(strings.TrimSpace(s), "/")
	n, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) {
		return 0, false
	}
	if !isRat {
		return n, true
	}
	d, err := strconv.ParseFloat(den, 64)
	if err != nil || d == 0 || math.IsNaN(d) {
		return 0, false
	}
	return n / d, true
}
