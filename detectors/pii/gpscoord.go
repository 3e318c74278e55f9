package pii

import (
	"math"
	"strconv"
	"strings"

	"github.com/consignhq/consign/detectors/geo"
)

// A point is a position in signed decimal degrees (south and west
// negative).
type point struct{ lat, lon float64 }

// valid reports whether p is a position on Earth that a device recorded:
// in range, finite, and not 0,0, which is what GPS units write before
// they have a fix.
func (p point) valid() bool {
	return inRange(p.lat, 90) && inRange(p.lon, 180) &&
		(math.Abs(p.lat) >= 5e-7 || math.Abs(p.lon) >= 5e-7)
}

func inRange(v, limit float64) bool {
	return !math.IsNaN(v) && !math.IsInf(v, 0) && math.Abs(v) <= limit
}

// String is the point as findings carry it: "lat,lon" rounded to 6
// decimals (about 10 cm), so a value hashes alike from every source.
func (p point) String() string {
	return strconv.FormatFloat(p.lat, 'f', 6, 64) + "," + strconv.FormatFloat(p.lon, 'f', 6, 64)
}

// maskPoint keeps the degrees and the first decimal of each coordinate
// (a box about 11 km wide) and hides the rest: "48.8*****,2.2*****".
func maskPoint(v string) string {
	parts := strings.Split(v, ",")
	for i, s := range parts {
		dot := strings.IndexByte(s, '.')
		if dot < 0 {
			continue
		}
		b := []byte(s)
		for j := dot + 2; j < len(b); j++ {
			if isDigit(b[j]) {
				b[j] = '*'
			}
		}
		parts[i] = string(b)
	}
	return strings.Join(parts, ",")
}

// parseDegrees reads decimal degrees ("48.858370", "-2.294482").
func parseDegrees(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return v, err == nil && inRange(v, 180)
}

// parseXMPCoordinate reads the XMP GPSCoordinate forms "DDD,MM,SSk" and
// "DDD,MM.mmk" (k one of N, S, E, W), and decimal degrees with or without
// the hemisphere letter.
func parseXMPCoordinate(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	sign := 1.0
	switch s[len(s)-1] {
	case 'S', 's', 'W', 'w':
		sign = -1
		s = s[:len(s)-1]
	case 'N', 'n', 'E', 'e':
		s = s[:len(s)-1]
	}
	parts := strings.Split(s, ",")
	if len(parts) > 3 {
		return 0, false
	}
	var deg float64
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || (i > 0 && (v < 0 || v >= 60)) {
			return 0, false
		}
		deg += v / math.Pow(60, float64(i))
	}
	deg *= sign
	return deg, inRange(deg, 180)
}

// parseLatLon reads "lat,lon" with an optional ",alt", as the mp4:loci
// and track fields carry points.
func parseLatLon(s string) (point, bool) {
	parts := strings.Split(s, ",")
	if len(parts) < 2 || len(parts) > 3 {
		return point{}, false
	}
	lat, ok1 := parseDegrees(parts[0])
	lon, ok2 := parseDegrees(parts[1])
	return point{lat, lon}, ok1 && ok2
}

// parseISO6709 reads the ISO 6709 point QuickTime writes for location
// (see geo.ParseISO6709; the altitude does not place anyone).
func parseISO6709(s string) (point, bool) {
	lat, lon, _, _, ok := geo.ParseISO6709(s)
	return point{lat, lon}, ok
}
