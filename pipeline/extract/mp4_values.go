package extract

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"

	"github.com/consignhq/consign/detectors/geo"
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

// parseISO6709 reads QuickTime's ISO 6709 location (see geo.ParseISO6709).
func parseISO6709(s string) (lat, lon, alt float64, hasAlt, ok bool) {
	return geo.ParseISO6709(s)
}
