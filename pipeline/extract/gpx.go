package extract

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html/charset"
)

// GPX reads GPS tracks: GPX (tracks, routes, waypoints), KML
// (placemark coordinates, gx:Track points), and Garmin's Training Center
// (TCX) and Forerunner logbook XML (track points). A track file is a record of
// where someone was, so it yields the first point of each track as a
// field the GPS detector reports, the number of points, and the time of
// the first timed point as the content date.
//
// Fields, with points written "lat,lon" in decimal degrees to 6 places
// whatever order the format uses: gpx:trkpt, gpx:rtept and gpx:wpt (the
// first point of each track, each route, and the first waypoint),
// gpx:points; kml:coordinates (the first point of each placemark),
// kml:points; tcx:trkpt (the first point of each track), tcx:points.
type GPX struct{}

var _ Extractor = GPX{}

// NewGPX returns the GPX and KML track extractor.
func NewGPX() Extractor { return GPX{} }

// Name implements Extractor.
func (GPX) Name() string { return "gpx" }

const (
	mediaGPX = "application/gpx+xml"
	mediaKML = "application/vnd.google-earth.kml+xml"

	// maxTrackBytes is how much of a track file is read: a day of
	// one-second points is a few MiB, and the XML decoder holds one
	// element's text at a time, so this bounds memory as well.
	maxTrackBytes = 32 << 20
	// maxTrackFields bounds the point fields one file yields.
	maxTrackFields = 32
	// maxTrackDepth bounds element nesting.
	maxTrackDepth = 64
)

// Applies implements Extractor: GPX and KML by media type, or by
// extension when the sniffer saw only generic XML.
func (GPX) Applies(src *Source) bool {
	return trackFormat(src) != ""
}

func trackFormat(src *Source) string {
	switch src.MediaType {
	case mediaGPX:
		return "gpx"
	case mediaKML:
		return "kml"
	case "text/xml", "application/xml", "text/plain":
		switch strings.ToLower(path.Ext(src.Path)) {
		case ".gpx":
			return "gpx"
		case ".kml":
			return "kml"
		case ".tcx":
			return "tcx"
		}
		if bytes.Contains(src.Head, []byte("<TrainingCenterDatabase")) || bytes.Contains(src.Head, []byte("ForerunnerLogbook")) {
			return "tcx" // saved as .xml
		}
	}
	return ""
}

// Extract implements Extractor.
func (GPX) Extract(ctx context.Context, src *Source, res *Result) error {
	format := trackFormat(src)
	if format == "" {
		return nil
	}
	// A KML file may hold coordinates outside any placemark: its first
	// point counts as the start of a track.
	t := &trackReader{format: format, res: res, newTrack: format != "gpx"}
	dec := xml.NewDecoder(io.LimitReader(io.NewSectionReader(src.R, 0, src.Size), maxTrackBytes))
	dec.CharsetReader = charset.NewReaderLabel
	dec.Strict = false
	err := t.walk(ctx, dec)
	t.finish()
	if err != nil {
		return fmt.Errorf("read %s at byte %d: %w", format, dec.InputOffset(), err)
	}
	if src.Size > maxTrackBytes {
		res.Errorf("%s: read the first %d of %d bytes", format, maxTrackBytes, src.Size)
	}
	return nil
}

// trackReader follows the elements of a track file.
type trackReader struct {
	format string
	res    *Result

	depth    int
	points   int
	fields   int
	newTrack bool   // the next point is the first of a track, route or placemark
	inText   string // local name of the element whose text is wanted
	dated    bool
	wpt      bool // the first waypoint was recorded

	// A TCX track point's position comes as two elements.
	lat, lon string

	// loc, when set, records where each position is (LocateTrackPositions).
	loc *trackLocator
}

var errTrackDepth = errors.New("elements nest too deep")

func (t *trackReader) walk(ctx context.Context, dec *xml.Decoder) error {
	for {
		if t.points%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		before := dec.InputOffset()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			t.depth++
			if t.depth > maxTrackDepth {
				return errTrackDepth
			}
			t.start(e)
			if t.loc != nil && t.format == "gpx" {
				t.loc.tag(e.Name.Local, before, dec.InputOffset())
			}
		case xml.EndElement:
			t.depth--
			t.inText = ""
		case xml.CharData:
			if t.inText != "" {
				t.text(t.inText, e)
				if t.loc != nil {
					t.loc.text(t.inText, before, dec.InputOffset())
				}
			}
		}
	}
}

func (t *trackReader) start(e xml.StartElement) {
	name := e.Name.Local
	if t.format == "gpx" {
		switch name {
		case "trk", "rte":
			t.newTrack = true
		case "trkpt", "rtept", "wpt":
			lat, lon, ok := attrPoint(e.Attr)
			if !ok {
				return
			}
			t.points++
			switch {
			case name == "wpt" && !t.wpt:
				t.wpt = true
				t.point("gpx:wpt", lat, lon)
			case name != "wpt" && t.newTrack:
				t.newTrack = false
				t.point("gpx:"+name, lat, lon)
			}
		case "time":
			t.inText = name
		}
		return
	}
	if t.format == "tcx" {
		switch name {
		case "Track":
			t.newTrack = true
		case "Trackpoint":
			t.lat, t.lon = "", ""
		case "LatitudeDegrees", "Latitude", "LongitudeDegrees", "Longitude", "Time":
			t.inText = name
		}
		return
	}
	switch name {
	case "Placemark":
		t.newTrack = true
	case "coordinates", "coord", "when":
		t.inText = name
	}
}

// text handles the character data of a wanted element. The decoder hands
// an element's text over whole, up to the first nested element.
func (t *trackReader) text(name string, b []byte) {
	switch name {
	case "time", "when", "Time":
		if !t.dated {
			before := len(t.res.Dates)
			addW3CDate(t.res, string(b), t.format+":"+strings.ToLower(name), RankCapture)
			t.dated = len(t.res.Dates) > before
		}
	case "LatitudeDegrees", "Latitude":
		t.lat = string(b)
		t.tcxPoint()
	case "LongitudeDegrees", "Longitude":
		t.lon = string(b)
		t.tcxPoint()
	case "coordinates":
		// Tuples "lon,lat[,alt]" separated by white space, walked in
		// place: a long track is one text of many MiB.
		for rest := b; len(rest) > 0; {
			rest = bytes.TrimLeftFunc(rest, unicode.IsSpace)
			end := bytes.IndexFunc(rest, unicode.IsSpace)
			if end < 0 {
				end = len(rest)
			}
			lonB, tail, _ := bytes.Cut(rest[:end], []byte(","))
			latB, _, _ := bytes.Cut(tail, []byte(","))
			t.kmlPoint(string(latB), string(lonB))
			rest = rest[end:]
		}
	case "coord":
		// gx:coord is one "lon lat alt".
		f := strings.Fields(string(b))
		if len(f) >= 2 {
			t.kmlPoint(f[1], f[0])
		}
	}
}

// tcxPoint counts a track point once both its coordinates were read.
func (t *trackReader) tcxPoint() {
	if t.lat == "" || t.lon == "" {
		return
	}
	latS, lonS := t.lat, t.lon
	t.lat, t.lon = "", ""
	t.trackPoint("tcx:trkpt", latS, lonS)
}

func (t *trackReader) kmlPoint(latS, lonS string) { t.trackPoint("kml:coordinates", latS, lonS) }

// trackPoint counts a point of a track and keeps the track's first as
// field.
func (t *trackReader) trackPoint(field, latS, lonS string) {
	lat, lon, ok := parsePoint(latS, lonS)
	if !ok {
		return
	}
	t.points++
	if t.newTrack {
		t.newTrack = false
		t.point(field, lat, lon)
	}
}

func (t *trackReader) point(field string, lat, lon float64) {
	if t.fields >= maxTrackFields {
		return
	}
	t.fields++
	t.res.AddField(field, formatDegrees(lat)+","+formatDegrees(lon))
}

func (t *trackReader) finish() {
	if t.points > 0 {
		t.res.AddField(t.format+":points", strconv.Itoa(t.points))
	}
}

func attrPoint(attrs []xml.Attr) (lat, lon float64, ok bool) {
	var latS, lonS string
	for _, a := range attrs {
		switch a.Name.Local {
		case "lat":
			latS = a.Value
		case "lon":
			lonS = a.Value
		}
	}
	return parsePoint(latS, lonS)
}

// parsePoint reads decimal degrees and checks their range.
func parsePoint(latS, lonS string) (lat, lon float64, ok bool) {
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(latS), 64)
	lon, err2 := strconv.ParseFloat(strings.TrimSpace(lonS), 64)
	if err1 != nil || err2 != nil || !validCoord(lat, 90) || !validCoord(lon, 180) {
		return 0, 0, false
	}
	return lat, lon, true
}
