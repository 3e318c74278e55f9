// Package geo reads the coordinate notations consign meets in metadata,
// for the extractors that report positions and the detectors that flag
// them alike.
package geo

import (
	"math"
	"strconv"
	"strings"
)

// ParseISO6709 reads the ISO 6709 point form QuickTime uses for location:
// "+48.8584+002.2945/", "+48.8584+002.2945+035.000/", also with degrees
// and minutes ("+4851.50+00217.67/") or seconds, and a CRS suffix.
func ParseISO6709(s string) (lat, lon, alt float64, hasAlt, ok bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "/C"); i >= 0 {
		s = s[:i]
	}
	var parts []string
	for len(s) > 0 && len(parts) < 3 {
		if s[0] != '+' && s[0] != '-' {
			return 0, 0, 0, false, false
		}
		j := 1
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == '.') {
			j++
		}
		parts = append(parts, s[:j])
		s = s[j:]
	}
	if len(parts) < 2 || s != "" {
		return 0, 0, 0, false, false
	}
	lat, ok1 := sexagesimal(parts[0], 2)
	lon, ok2 := sexagesimal(parts[1], 3)
	if !ok1 || !ok2 || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return 0, 0, 0, false, false
	}
	if len(parts) == 3 {
		a, err := strconv.ParseFloat(parts[2], 64)
		if err == nil && !math.IsInf(a, 0) && !math.IsNaN(a) {
			alt, hasAlt = a, true
		}
	}
	return lat, lon, alt, hasAlt, true
}

// sexagesimal reads ±D[D]D[MM[SS]][.fff] where the degrees take degDigits.
func sexagesimal(s string, degDigits int) (float64, bool) {
	sign := 1.0
	if s[0] == '-' {
		sign = -1
	}
	s = s[1:]
	intPart, frac, _ := strings.Cut(s, ".")
	if frac != "" {
		frac = "." + frac
	}
	var deg, mins, secs float64
	var err error
	switch len(intPart) {
	case degDigits:
		deg, err = strconv.ParseFloat(intPart+frac, 64)
	case degDigits + 2:
		deg, _ = strconv.ParseFloat(intPart[:degDigits], 64)
		mins, err = strconv.ParseFloat(intPart[degDigits:]+frac, 64)
	case degDigits + 4:
		deg, _ = strconv.ParseFloat(intPart[:degDigits], 64)
		mins, _ = strconv.ParseFloat(intPart[degDigits:degDigits+2], 64)
		secs, err = strconv.ParseFloat(intPart[degDigits+2:]+frac, 64)
	default:
		return 0, false
	}
	if err != nil || mins >= 60 || secs >= 60 {
		return 0, false
	}
	return sign * (deg + mins/60 + secs/3600), true
}
