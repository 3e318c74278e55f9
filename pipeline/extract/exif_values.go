package extract

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/rwcarlsen/goexif/exif"
	"github.com/rwcarlsen/goexif/tiff"
)

// rankGPSDate ranks the GPS time stamp below the camera's own dates: it is
// exact UTC but many cameras write it only when they have a fix, and some
// write the time of the last fix.
const rankGPSDate = RankEmbedded + 1

// exifDates pairs each EXIF date with its offset tag and rank.
var exifDates = []struct {
	name   exif.FieldName
	offset uint16
	rank   int
}{
	{exif.DateTimeOriginal, 0x9011, RankCapture},
	{exif.DateTimeDigitized, 0x9012, RankDigitized},
	{exif.DateTime, 0x9010, RankEmbedded},
}

func recordEXIFDates(x *exif.Exif, d *tiffDirs, res *Result) {
	for _, dt := range exifDates {
		v := exifString(x, dt.name)
		if v == "" {
			continue
		}
		res.AddField("exif:"+string(dt.name), v)
		// DateTime lives in IFD0 but its offset, like the others, in the
		// EXIF directory.
		t, hasZone, ok := parseEXIFTime(v, asciiValue(d.exif, dt.offset))
		if ok {
			res.AddDate(Date{Time: t, HasZone: hasZone, Source: "exif:" + string(dt.name), Rank: dt.rank})
		}
	}
	recordGPSDate(x, res)
}

// dateDashes writes an ISO date's dashes as EXIF's colons: made once, as
// a Replacer builds its table on first use.
var dateDashes = strings.NewReplacer("-", ":")

// parseEXIFTime reads "YYYY:MM:DD HH:MM:SS" (colons or dashes in the
// date, as some writers use) with an optional "+HH:MM" offset. Blank
// dates ("0000:00:00 00:00:00", spaces) are not dates.
func parseEXIFTime(v, offset string) (time.Time, bool, bool) {
	v = strings.TrimSpace(v)
	if len(v) < 19 {
		return time.Time{}, false, false
	}
	v = dateDashes.Replace(v[:10]) + " " + v[11:19]
	loc, hasZone := time.UTC, false
	if z, ok := parseOffset(offset); ok {
		loc, hasZone = z, true
	}
	t, err := time.ParseInLocation("2006:01:02 15:04:05", v, loc)
	if err != nil {
		return time.Time{}, false, false
	}
	return t, hasZone, true
}

// parseOffset reads an EXIF offset "+HH:MM" / "-HH:MM" into a zone.
func parseOffset(s string) (*time.Location, bool) {
	s = strings.TrimSpace(s)
	if len(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':' {
		return nil, false
	}
	h, err1 := strconv.Atoi(s[1:3])
	m, err2 := strconv.Atoi(s[4:6])
	if err1 != nil || err2 != nil || h > 14 || m > 59 {
		return nil, false
	}
	secs := h*3600 + m*60
	if s[0] == '-' {
		secs = -secs
	}
	return time.FixedZone("", secs), true
}

// recordGPSDate turns GPSDateStamp and GPSTimeStamp into a UTC date.
func recordGPSDate(x *exif.Exif, res *Result) {
	ds := exifString(x, exif.GPSDateStamp)
	if ds == "" {
		return
	}
	res.AddField("exif:GPSDateStamp", ds)
	day, err := time.Parse("2006:01:02", strings.ReplaceAll(strings.TrimSpace(ds), "-", ":"))
	if err != nil {
		return
	}
	h, hok := exifRat(x, exif.GPSTimeStamp, 0)
	m, mok := exifRat(x, exif.GPSTimeStamp, 1)
	s, sok := exifRat(x, exif.GPSTimeStamp, 2)
	if !hok || !mok || !sok || h < 0 || h >= 24 || m < 0 || m >= 60 || s < 0 || s >= 61 {
		res.AddDate(Date{Time: day, DateOnly: true, Source: "exif:GPSDateStamp", Rank: rankGPSDate})
		return
	}
	res.AddField("exif:GPSTimeStamp", fmt.Sprintf("%02d:%02d:%02d", int(h), int(m), int(s)))
	t := day.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute + time.Duration(s)*time.Second)
	res.AddDate(Date{Time: t, HasZone: true, Source: "exif:GPSDateStamp", Rank: rankGPSDate})
}

// recordEXIFGPS records the position in signed decimal degrees (south
// and west negative) and the altitude in metres (below sea level negative).
func recordEXIFGPS(x *exif.Exif, res *Result) {
	lat, long, err := x.LatLong()
	if err == nil && validCoord(lat, 90) && validCoord(long, 180) {
		slat, slong := formatDegrees(lat), formatDegrees(long)
		res.AddField("exif:GPSLatitude", slat)
		res.AddField("exif:GPSLongitude", slong)
		res.SetTag("gps_latitude", slat)
		res.SetTag("gps_longitude", slong)
	}
	alt, ok := exifRat(x, exif.GPSAltitude, 0)
	if !ok || math.IsNaN(alt) || math.Abs(alt) > 1e6 {
		return
	}
	if ref, ok := exifInt(x, exif.GPSAltitudeRef); ok && ref == 1 {
		alt = -alt
	}
	s := strconv.FormatFloat(math.Round(alt*100)/100, 'f', -1, 64)
	res.AddField("exif:GPSAltitude", s)
	res.SetTag("gps_altitude", s)
}

func validCoord(v, limit float64) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0) && math.Abs(v) <= limit
}

func formatDegrees(v float64) string { return strconv.FormatFloat(v, 'f', 6, 64) }

// exifEncodedText decodes the fields whose text is not ASCII: UserComment
// (an 8-byte character code, then the text) and the Windows XP fields
// (UTF-16LE in BYTE arrays).
func exifEncodedText(x *exif.Exif, name exif.FieldName) string {
	t, err := x.Get(name)
	if err != nil || (t.Type != tiff.DTUndefined && t.Type != tiff.DTByte) {
		return ""
	}
	b := t.Val
	if name != exif.UserComment {
		return decodeUTF16(b, binary.LittleEndian)
	}
	if len(b) < 8 {
		return ""
	}
	code, text := string(b[:8]), b[8:]
	switch {
	case strings.HasPrefix(code, "UNICODE"):
		return decodeUTF16(text, x.Tiff.Order)
	case strings.HasPrefix(code, "ASCII"), code == "\x00\x00\x00\x00\x00\x00\x00\x00":
		return strings.TrimRight(string(text), "\x00 ")
	}
	return ""
}

func decodeUTF16(b []byte, order binary.ByteOrder) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		c := order.Uint16(b[i:])
		if c == 0 {
			break
		}
		u = append(u, c)
	}
	return string(utf16.Decode(u))
}
