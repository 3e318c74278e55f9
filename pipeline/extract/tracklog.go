package extract

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"path"
	"strconv"
	"strings"
)

// TrackLog reads GPS logs written as text: NMEA 0183 sentences, as GPS
// receivers, dash cams and drones log them ("$GPRMC", "$GPGGA",
// "$GPGLL", Magellan's "$PMGNTRK"), and the B records of IGC flight logs
// (gliders, paragliders). Like a GPX track, a log is a record of where
// someone was: it yields its first position as nmea:trkpt or igc:trkpt
// ("lat,lon" in decimal degrees to 6 places), for the GPS detector, and
// the number of positions as nmea:points or igc:points.
type TrackLog struct{}

var _ Extractor = TrackLog{}

// NewTrackLog returns the NMEA and IGC log extractor.
func NewTrackLog() Extractor { return TrackLog{} }

// Name implements Extractor.
func (TrackLog) Name() string { return "tracklog" }

// maxTrackLogHeadLines is how many lines of the head may come before a
// log's first position sentence: a header, or sentences without a fix.
const maxTrackLogHeadLines = 64

// maxTrackLogLine bounds a log line: NMEA sentences are at most 82 bytes.
const maxTrackLogLine = 1 << 10

// Applies implements Extractor: a text file whose head holds a position
// sentence or an IGC file's B record.
func (TrackLog) Applies(src *Source) bool {
	if src.Kind != "text" && !strings.HasPrefix(src.MediaType, "text/") {
		return false
	}
	return trackLogFormat(src.Path, src.Head) != ""
}

// trackLogFormat says which log head begins: "nmea", "igc" or "".
func trackLogFormat(p string, head []byte) string {
	if strings.EqualFold(path.Ext(p), ".igc") {
		return "igc"
	}
	rest := head
	for range maxTrackLogHeadLines {
		line, tail, found := bytes.Cut(rest, []byte("\n"))
		line = bytes.TrimSpace(line)
		if len(line) > 0 && line[0] == '$' {
			if _, _, ok := nmeaPosition(string(line)); ok {
				return "nmea"
			}
		}
		if !found {
			break
		}
		rest = tail
	}
	return ""
}

// Extract implements Extractor.
func (TrackLog) Extract(ctx context.Context, src *Source, res *Result) error {
	format := trackLogFormat(src.Path, src.Head)
	sc := bufio.NewScanner(io.NewSectionReader(src.R, 0, min(src.Size, maxTrackBytes)))
	sc.Buffer(make([]byte, 0, smallReadBuffer(src.Size)), maxTrackLogLine)
	sc.Split(boundedLines(maxTrackLogLine))
	points := 0
	for n := 0; sc.Scan(); n++ {
		if n&4095 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		line := string(bytes.TrimSpace(sc.Bytes()))
		var lat, lon float64
		var ok bool
		if format == "igc" {
			lat, lon, ok = igcPosition(line)
		} else {
			lat, lon, ok = nmeaPosition(line)
		}
		if !ok {
			continue
		}
		if points == 0 {
			res.AddField(format+":trkpt", formatDegrees(lat)+","+formatDegrees(lon))
		}
		points++
	}
	if points > 0 {
		res.AddField(format+":points", strconv.Itoa(points))
	}
	if src.Size > maxTrackBytes {
		res.Errorf("%s: read the first %d of %d bytes", format, maxTrackBytes, src.Size)
	}
	return sc.Err()
}

// nmeaPosition reads the position of an NMEA sentence that holds a fix:
// GGA (with a fix quality), RMC and GLL (status A), or PMGNTRK.
func nmeaPosition(line string) (lat, lon float64, ok bool) {
	if len(line) < 7 || line[0] != '$' {
		return 0, 0, false
	}
	if i := strings.IndexByte(line, '*'); i > 0 {
		line = line[:i]
	}
	f := strings.Split(line, ",")
	var at int
	switch kind := f[0][1:]; {
	case kind == "PMGNTRK":
		at = 1
	case len(kind) == 5 && strings.HasSuffix(kind, "GGA"):
		if len(f) < 7 || f[6] == "" || f[6] == "0" {
			return 0, 0, false
		}
		at = 2
	case len(kind) == 5 && strings.HasSuffix(kind, "RMC"):
		if len(f) < 3 || f[2] != "A" {
			return 0, 0, false
		}
		at = 3
	case len(kind) == 5 && strings.HasSuffix(kind, "GLL"):
		if len(f) > 6 && f[6] != "A" {
			return 0, 0, false
		}
		at = 1
	default:
		return 0, 0, false
	}
	if len(f) < at+4 {
		return 0, 0, false
	}
	lat, ok1 := nmeaDegrees(f[at], f[at+1], "N", "S", 2)
	lon, ok2 := nmeaDegrees(f[at+2], f[at+3], "E", "W", 3)
	return lat, lon, ok1 && ok2 && lat <= 90 && lat >= -90 && lon <= 180 && lon >= -180 && (lat != 0 || lon != 0)
}

// nmeaDegrees converts "ddmm.mmmm" (degDigits digits of degrees) and its
// hemisphere to signed decimal degrees.
func nmeaDegrees(v, hemi, pos, neg string, degDigits int) (float64, bool) {
	dot := strings.IndexByte(v, '.')
	if dot < 0 {
		dot = len(v)
	}
	if dot != degDigits+2 || (hemi != pos && hemi != neg) {
		return 0, false
	}
	deg, err1 := strconv.Atoi(v[:degDigits])
	mins, err2 := strconv.ParseFloat(v[degDigits:], 64)
	if err1 != nil || err2 != nil || mins >= 60 || mins < 0 {
		return 0, false
	}
	d := float64(deg) + mins/60
	if hemi == neg {
		d = -d
	}
	return d, true
}

// igcPosition reads an IGC B record: "B" HHMMSS DDMMmmm N/S DDDMMmmm E/W.
func igcPosition(line string) (lat, lon float64, ok bool) {
	if len(line) < 24 || line[0] != 'B' {
		return 0, 0, false
	}
	latD, lonD := line[7:14], line[15:23]
	lat, ok1 := igcDegrees(latD, line[14], 'N', 'S', 2)
	lon, ok2 := igcDegrees(lonD, line[23], 'E', 'W', 3)
	return lat, lon, ok1 && ok2 && lat <= 90 && lat >= -90 && lon <= 180 && lon >= -180 && (lat != 0 || lon != 0)
}

// igcDegrees converts degrees, minutes and thousandths of a minute
// ("4916430" is 49°16.430') and its hemisphere to decimal degrees.
func igcDegrees(v string, hemi, pos, neg byte, degDigits int) (float64, bool) {
	if hemi != pos && hemi != neg {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, false
	}
	deg, rest := v[:degDigits], v[degDigits:]
	d, err1 := strconv.Atoi(deg)
	m, err2 := strconv.Atoi(rest)
	if err1 != nil || err2 != nil || m >= 60000 {
		return 0, false
	}
	out := float64(d) + float64(m)/60000
	if hemi == neg {
		out = -out
	}
	return out, true
}
