package extract

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html/charset"
)

// TrackFormat names the track format a position field was read from
// (gpx:trkpt, kml:coordinates, tcx:trkpt, nmea:trkpt, igc:trkpt,
// csv:position) in a file of mediaType: "gpx", "kml", "tcx", "nmea",
// "igc", "csv" or "tsv", or "" for a field that is not a track's
// position. The counts (gpx:points) are not positions.
func TrackFormat(field, mediaType string) string {
	format, key, ok := strings.Cut(field, ":")
	if !ok || key == "points" {
		return ""
	}
	switch format {
	case "gpx", "kml", "tcx", "nmea", "igc":
		return format
	case "csv":
		if key != "position" {
			return ""
		}
		if mediaType == "text/tab-separated-values" {
			return "tsv"
		}
		return format
	}
	return ""
}

// MaxTrackBytes is how much of a track file the extractors read: a
// position past it is not read, so not located.
const MaxTrackBytes = maxTrackBytes

// LocateTrackPositions finds every position of a track file, data, of
// format (as TrackFormat names it), where the extractors read them: the
// lat and lon attributes of a GPX file's track, route and waypoint
// points, the text of a KML file's coordinates and gx:coord and of a TCX
// file's latitudes and longitudes, the latitude and longitude (with
// their hemispheres) of an NMEA log's position sentences and an IGC
// log's B records, and every value of a table's latitude and longitude
// columns. All points are found, not only the first of each track the
// extractors record, with or without a fix: each would be the first
// once those before it are masked. XML in an encoding of more than one
// byte a character other than UTF-8 is an error, as is data over
// MaxTrackBytes.
func LocateTrackPositions(format string, data []byte) ([]FileRange, error) {
	if len(data) > maxTrackBytes {
		return nil, fmt.Errorf("%s of %d bytes: positions are read from the first %d", format, len(data), maxTrackBytes)
	}
	loc := &trackLocator{data: data}
	switch format {
	case "gpx", "kml", "tcx":
		t := &trackReader{format: format, res: &Result{}, newTrack: format != "gpx", loc: loc}
		dec := xml.NewDecoder(bytes.NewReader(data))
		dec.Strict = false
		dec.CharsetReader = sameOffsets
		if err := t.walk(context.Background(), dec); err != nil {
			return nil, fmt.Errorf("read %s at byte %d: %w", format, dec.InputOffset(), err)
		}
	case "nmea", "igc":
		loc.logLines(format)
	case "csv", "tsv":
		if err := loc.table(format); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("no track format %q", format)
	}
	if loc.err != nil {
		return nil, loc.err
	}
	return loc.ranges, nil
}

// sameOffsets is the locator's charset reader: XML in a charset of one
// byte a character that keeps ASCII (ISO 8859, the Windows code pages,
// KOI8, Mac Roman) is read with each byte past ASCII as '?', so every
// offset the decoder gives is one of the file; the positions and the
// markup around them are ASCII. Any other charset is an error.
func sameOffsets(label string, r io.Reader) (io.Reader, error) {
	_, name := charset.Lookup(label)
	for _, prefix := range []string{"iso-8859-", "windows-125", "koi8-", "macintosh", "ibm866", "x-mac-"} {
		if strings.HasPrefix(name, prefix) {
			return asciiOnly{r}, nil
		}
	}
	return nil, fmt.Errorf("encoding %q: positions are placed in UTF-8 and one-byte charsets", label)
}

// asciiOnly reads r with each byte past ASCII replaced by '?'.
type asciiOnly struct{ r io.Reader }

func (a asciiOnly) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	for i, c := range p[:n] {
		if c >= 0x80 {
			p[i] = '?'
		}
	}
	return n, err
}

// trackLocator collects the ranges of a track file's positions.
type trackLocator struct {
	data   []byte
	ranges []FileRange
	err    error
}

func (l *trackLocator) add(off, n int) {
	if n > 0 {
		l.ranges = append(l.ranges, FileRange{Off: int64(off), N: int64(n)})
	}
}

// tag records the lat and lon attribute values of a GPX point element,
// whose tag is data[start:end].
func (l *trackLocator) tag(name string, start, end int64) {
	switch name {
	case "trkpt", "rtept", "wpt":
	default:
		return
	}
	raw := l.data[start:end]
	found := 0
	for _, a := range rawAttributes(raw) {
		_, local, ok := strings.Cut(a.name, ":")
		if !ok {
			local = a.name
		}
		if local == "lat" || local == "lon" {
			l.add(int(start)+a.off, a.n)
			found++
		}
	}
	if found == 0 && (bytes.Contains(raw, []byte("lat")) || bytes.Contains(raw, []byte("lon"))) {
		l.err = fmt.Errorf("gpx %s at byte %d: its attributes could not be placed", name, start)
	}
}

// text records the character data data[start:end] of a position element:
// its text without the white space around it, inside a CDATA section's
// markers.
func (l *trackLocator) text(name string, start, end int64) {
	switch name {
	case "LatitudeDegrees", "Latitude", "LongitudeDegrees", "Longitude", "coordinates", "coord":
	default:
		return
	}
	raw := l.data[start:end]
	off := int(start)
	if inner, ok := bytes.CutPrefix(raw, []byte("<![CDATA[")); ok {
		inner, ok = bytes.CutSuffix(inner, []byte("]]>"))
		if !ok {
			l.err = fmt.Errorf("CDATA section at byte %d is not closed where its text ends", start)
			return
		}
		raw, off = inner, off+len("<![CDATA[")
	} else if bytes.IndexByte(raw, '<') >= 0 {
		l.err = fmt.Errorf("text at byte %d holds markup", start)
		return
	}
	trimmed := bytes.TrimLeft(raw, " \t\r\n")
	off += len(raw) - len(trimmed)
	l.add(off, len(bytes.TrimRight(trimmed, " \t\r\n")))
}

// rawAttribute is an attribute of a tag as its bytes give it: name, and
// where the value is within the tag.
type rawAttribute struct {
	name   string
	off, n int
}

// rawAttributes reads the attributes of a start tag, "<name a="1" b='2'
// c=3>", quoted or not (the decoder is not strict).
func rawAttributes(tag []byte) []rawAttribute {
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
	i := 1
	for i < len(tag) && !isSpace(tag[i]) && tag[i] != '>' && tag[i] != '/' {
		i++
	}
	var out []rawAttribute
	for i < len(tag) {
		for i < len(tag) && (isSpace(tag[i]) || tag[i] == '/') {
			i++
		}
		if i >= len(tag) || tag[i] == '>' {
			break
		}
		start := i
		for i < len(tag) && !isSpace(tag[i]) && tag[i] != '=' && tag[i] != '>' && tag[i] != '/' {
			i++
		}
		name := string(tag[start:i])
		for i < len(tag) && isSpace(tag[i]) {
			i++
		}
		if i >= len(tag) || tag[i] != '=' {
			continue // an attribute without a value
		}
		i++
		for i < len(tag) && isSpace(tag[i]) {
			i++
		}
		if i >= len(tag) {
			break
		}
		if q := tag[i]; q == '"' || q == '\'' {
			end := bytes.IndexByte(tag[i+1:], q)
			if end < 0 {
				break
			}
			out = append(out, rawAttribute{name, i + 1, end})
			i += end + 2
			continue
		}
		start = i
		for i < len(tag) && !isSpace(tag[i]) && tag[i] != '>' {
			i++
		}
		out = append(out, rawAttribute{name, start, i - start})
	}
	return out
}

// logLines records the positions of an NMEA or IGC log, line by line as
// the TrackLog extractor reads them.
func (l *trackLocator) logLines(format string) {
	for at := 0; at < len(l.data); {
		end := at + min(len(l.data)-at, maxTrackLogLine)
		next := end
		if i := bytes.IndexByte(l.data[at:end], '\n'); i >= 0 {
			end, next = at+i, at+i+1
		}
		line := l.data[at:end]
		trimmed := bytes.TrimLeft(line, " \t\r\n\v\f")
		off := at + len(line) - len(trimmed)
		trimmed = bytes.TrimRight(trimmed, " \t\r\n\v\f")
		if format == "igc" {
			if len(trimmed) >= 24 && trimmed[0] == 'B' {
				l.add(off+7, 17) // latitude, N/S, longitude, E/W
			}
		} else {
			for _, f := range nmeaPositionFields(string(trimmed)) {
				l.add(off+f[0], f[1])
			}
		}
		at = next
	}
}

// nmeaPositionFields gives where a position sentence holds its latitude,
// longitude and their hemispheres ([offset, length] in the line), fix or
// no fix.
func nmeaPositionFields(line string) [][2]int {
	if len(line) < 7 || line[0] != '$' {
		return nil
	}
	if i := strings.IndexByte(line, '*'); i > 0 {
		line = line[:i]
	}
	f := strings.Split(line, ",")
	var at int
	switch kind := f[0][1:]; {
	case kind == "PMGNTRK", len(kind) == 5 && strings.HasSuffix(kind, "GLL"):
		at = 1
	case len(kind) == 5 && strings.HasSuffix(kind, "GGA"):
		at = 2
	case len(kind) == 5 && strings.HasSuffix(kind, "RMC"):
		at = 3
	default:
		return nil
	}
	if len(f) < at+4 {
		return nil
	}
	var out [][2]int
	off := 0
	for i, v := range f {
		if i >= at && i < at+4 {
			out = append(out, [2]int{off, len(v)})
		}
		off += len(v) + 1
	}
	return out
}

// table records every value of a table's latitude and longitude
// columns, found by its header as the Structured extractor finds them.
func (l *trackLocator) table(format string) error {
	data, bom := bytes.CutPrefix(l.data, []byte("\xef\xbb\xbf"))
	base := 0
	if bom {
		base = 3
	}
	comma := ','
	if format == "tsv" {
		comma = '\t'
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma, r.LazyQuotes, r.FieldsPerRecord, r.ReuseRecord = csvComma(data, comma), true, -1, true
	header, err := r.Read()
	if err != nil {
		return fmt.Errorf("read the table's header: %w", err)
	}
	lat, lon := positionColumns(header[:min(len(header), maxColumns)])
	if lat < 0 || lon < 0 {
		return errors.New("the table has no latitude and longitude columns")
	}
	lines := lineStarts(data)
	for {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var perr *csv.ParseError
			if errors.As(err, &perr) {
				continue
			}
			return err
		}
		for _, col := range []int{lat, lon} {
			if col >= len(row) || strings.TrimSpace(row[col]) == "" {
				continue
			}
			line, column := r.FieldPos(col)
			off := lines[line-1] + column - 1
			if off < len(data) && data[off] == '"' {
				off++
			}
			if !bytes.HasPrefix(data[off:], []byte(row[col])) {
				return fmt.Errorf("a value of line %d, column %d is not where its row says", line, column)
			}
			l.add(base+off, len(row[col]))
		}
	}
}

// lineStarts gives the offset of each line of data.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}
