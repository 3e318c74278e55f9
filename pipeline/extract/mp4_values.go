package extract

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// dataValue decodes the first "data" box among the children held in p (an
// item-list entry's payload) as text: the well-known type codes of the
// QuickTime metadata spec, track and disc pairs, and a summary for images.
func dataValue(name string, p []byte) (string, bool) {
	for off := 0; off+8 <= len(p); {
		n := int(binary.BigEndian.Uint32(p[off : off+4]))
		if n < 8 || n > len(p)-off {
			return "", false
		}
		if string(p[off+4:off+8]) != "data" || n < 16 {
			off += n
			continue
		}
		typ := binary.BigEndian.Uint32(p[off+8:off+12]) & 0xFFFFFF
		return decodeData(name, typ, p[off+16:off+n])
	}
	return "", false
}

func decodeData(name string, typ uint32, v []byte) (string, bool) {
	switch typ {
	case 1: // UTF-8
		return string(v), true
	case 2: // UTF-16 big endian
		return decodeUTF16BE(v), true
	case 13, 14, 27:
		return fmt.Sprintf("image %d bytes", len(v)), true
	case 21: // big-endian signed integer
		if i, ok := beInt(v); ok {
			return strconv.FormatInt(i, 10), true
		}
	case 22: // big-endian unsigned integer
		if len(v) >= 1 && len(v) <= 8 {
			var u uint64
			for _, c := range v {
				u = u<<8 | uint64(c)
			}
			return strconv.FormatUint(u, 10), true
		}
	case 23:
		if len(v) == 4 {
			return strconv.FormatFloat(float64(math.Float32frombits(binary.BigEndian.Uint32(v))), 'g', -1, 32), true
		}
	case 24:
		if len(v) == 8 {
			return strconv.FormatFloat(math.Float64frombits(binary.BigEndian.Uint64(v)), 'g', -1, 64), true
		}
	case 0:
		// Implicit: track and disc numbers are (pad, number, total, pad).
		if (name == "trkn" || name == "disk") && len(v) >= 6 {
			n, total := binary.BigEndian.Uint16(v[2:4]), binary.BigEndian.Uint16(v[4:6])
			if n == 0 {
				return "", false
			}
			if total > 0 {
				return fmt.Sprintf("%d/%d", n, total), true
			}
			return strconv.Itoa(int(n)), true
		}
	}
	return "", false
}

func beInt(v []byte) (int64, bool) {
	switch len(v) {
	case 1:
		return int64(int8(v[0])), true
	case 2:
		return int64(int16(binary.BigEndian.Uint16(v))), true
	case 3:
		u := int32(v[0])<<16 | int32(v[1])<<8 | int32(v[2])
		return int64(u<<8) >> 8, true
	case 4:
		return int64(int32(binary.BigEndian.Uint32(v))), true
	case 8:
		return int64(binary.BigEndian.Uint64(v)), true
	}
	return 0, false
}

// parseISO6709 reads the ISO 6709 point form QuickTime uses for location:
// "+48.8584+002.2945/", "+48.8584+002.2945+035.000/", also with degrees
// and minutes ("+4851.50+00217.67/") or seconds, and a CRS suffix.
func parseISO6709(s string) (lat, lon, alt float64, hasAlt, ok bool) {
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
