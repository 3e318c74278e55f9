package pii

import (
	"context"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// GPSName names the GPS location detector.
const GPSName = "pii/gps"

// GPS reports where a file was made: the GPS position of a photo's EXIF
// GPS directory or XMP, a video's QuickTime or 3GPP location, the points
// of a GPX, KML or TCX track, of an NMEA or IGC log, of a FIT activity or
// course, or of a table's latitude
// and longitude columns; and positions written in text, as geo URIs and
// the GEO property of address cards and calendars. A home photographed with its position tagged is
// an address; the usual fix is to strip the position. Each source of
// coordinates in a file gives at most one finding, at the field holding
// the first valid position, so a track of ten thousand points is one
// thing to fix, not ten thousand.
type GPS struct{}

var _ detectors.TextDetector = (*GPS)(nil)

// NewGPS returns the GPS location detector.
func NewGPS(detectors.Config) detectors.Detector { return &GPS{} }

// Name implements detectors.Detector.
func (*GPS) Name() string { return GPSName }

var gpsRule = fieldRule{kind: "gps_location", severity: detectors.SeverityHigh, confidence: 0.99, action: actionRemove}

// gpsSource is one family of fields that hold coordinates.
type gpsSource struct {
	// point reads the position a field holds. lookup gives other fields
	// of the item, for sources that split latitude and longitude.
	point func(field string, value string, lookup func(string) (string, bool)) (point, bool)
}

// gpsSources lists the sources, EXIF, XMP, MP4, tracks and AVCHD video
// (mdpm:position), in the order their findings come.
var gpsSources = []gpsSource{
	{func(field, value string, lookup func(string) (string, bool)) (point, bool) {
		return splitPoint(field, value, "exif:GPSLatitude", "exif:GPSLongitude", lookup, parseDegrees)
	}},
	{func(field, value string, lookup func(string) (string, bool)) (point, bool) {
		// exif:GPSLatitude at the top level, or inside an IPTC location
		// struct ("Iptc4xmpExt:LocationCreated/exif:GPSLatitude").
		if !strings.HasPrefix(field, "xmp:") || !strings.HasSuffix(field, "exif:GPSLatitude") {
			return point{}, false
		}
		lonField := strings.TrimSuffix(field, "Latitude") + "Longitude"
		return splitPoint(field, value, field, lonField, lookup, parseXMPCoordinate)
	}},
	{func(field, value string, _ func(string) (string, bool)) (point, bool) {
		switch field {
		case "mp4:©xyz", "mp4:com.apple.quicktime.location.ISO6709":
			return parseISO6709(value)
		case "mp4:loci":
			return parseLatLon(value)
		}
		return point{}, false
	}},
	{func(field, value string, _ func(string) (string, bool)) (point, bool) {
		switch field {
		case "gpx:trkpt", "gpx:rtept", "gpx:wpt", "kml:coordinates", "tcx:trkpt", "nmea:trkpt", "igc:trkpt",
			"fit:record", "fit:lap", "fit:session", "fit:course_point", "csv:position", "mdpm:position":
			return parseLatLon(value)
		}
		return point{}, false
	}},
}

// splitPoint reads a position kept in two fields, when field is the
// latitude one.
func splitPoint(field, value, latField, lonField string, lookup func(string) (string, bool),
	parse func(string) (float64, bool)) (point, bool) {
	if field != latField {
		return point{}, false
	}
	lonValue, ok := lookup(lonField)
	if !ok {
		return point{}, false
	}
	lat, ok1 := parse(value)
	lon, ok2 := parse(lonValue)
	return point{lat, lon}, ok1 && ok2
}

// isGPSField is the cheap test of Applies.
func isGPSField(name string) bool {
	return strings.HasSuffix(name, "GPSLatitude") || strings.HasPrefix(name, "gpx:") ||
		strings.HasPrefix(name, "kml:") || name == "tcx:trkpt" || name == "nmea:trkpt" || name == "igc:trkpt" ||
		name == "fit:record" || name == "fit:lap" || name == "fit:session" || name == "fit:course_point" || name == "csv:position" || name == "mdpm:position" || name == "mp4:©xyz" || name == "mp4:loci" ||
		name == "mp4:com.apple.quicktime.location.ISO6709"
}

// Applies implements detectors.Detector: every file, as positions are
// also written in text (see Find).
func (*GPS) Applies(*detectors.Item) bool { return true }

// Detect implements detectors.Detector: the positions of metadata fields.
func (d *GPS) Detect(ctx context.Context, item *detectors.Item) ([]detectors.Finding, error) {
	if !hasAnyField(item, isGPSField) {
		return nil, nil
	}
	lookup := func(name string) (string, bool) {
		for _, f := range item.Fields {
			if f.Name == name {
				return f.Value, true
			}
		}
		return "", false
	}
	var out []detectors.Finding
	for _, src := range gpsSources {
		if err := ctx.Err(); err != nil {
			return out, err
		}
		for _, f := range item.Fields {
			p, ok := src.point(f.Name, f.Value, lookup)
			if !ok || !p.valid() {
				continue
			}
			fd := gpsRule.finding(item, GPSName, f.Name, p.String())
			fd.Excerpt = maskPoint(fd.Value)
			out = append(out, fd)
			break
		}
	}
	return out, nil
}

// Version implements the pipeline's versioned detector: "2" also reads
// positions written in text (geo URIs, vCard and iCalendar GEO), so
// records cached by version 1 are read again; "3" reads the first
// position of Garmin TCX tracks (tcx:trkpt), NMEA and IGC logs
// (nmea:trkpt, igc:trkpt) and of tables
// with latitude and longitude columns (csv:position); "4" reads the
// positions of FIT files (fit:record, fit:lap, fit:session); "5" the
// first course point of a FIT course (fit:course_point).
func (*GPS) Version() string { return "6" }
