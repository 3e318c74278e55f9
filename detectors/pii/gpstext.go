package pii

import (
	"bytes"
	"strconv"

	"github.com/consignhq/consign/detectors"
)

// maxGeoText bounds a position written in text: "geo:", two coordinates
// of a sign, three digits and more decimals than any device records, and
// an altitude.
const maxGeoText = 64

// minGeoDecimals is the fewest decimals a coordinate written in text
// needs to place someone: two are about a kilometre. "geo:48,2" names a
// region, not a home.
const minGeoDecimals = 2

// MaxLen implements detectors.TextDetector.
func (*GPS) MaxLen() int { return maxGeoText }

// FindKey implements detectors.FindKeyer: Find reads nothing of the item.
func (*GPS) FindKey(*detectors.Item) string { return "" }

// Find implements detectors.TextDetector: positions written in text, as
// geo URIs (RFC 5870: "geo:48.85837,2.29448", in links, map shares and
// vCard 4) and as the GEO property of vCard 3 and iCalendar
// ("GEO:37.386013;-122.082932" at the start of a line).
func (*GPS) Find(_ *detectors.Item, chunk []byte) []detectors.Match {
	var out []detectors.Match
	for from := 0; ; {
		k := bytes.IndexByte(chunk[from:], ':')
		if k < 0 {
			return out
		}
		c := from + k
		from = c + 1
		g := c - 3
		if g < 0 || !bytes.EqualFold(chunk[g:c], []byte("geo")) || (g > 0 && isAlnum(chunk[g-1])) {
			continue
		}
		p, end, ok := geoAt(chunk, from, propertyStart(chunk, g))
		if !ok || !p.valid() {
			continue
		}
		out = append(out, detectors.Match{
			Start: g, End: end, Value: p.String(), Kind: gpsRule.kind,
			Severity: detectors.SeverityHigh, Confidence: 0.9,
		})
		from = end
	}
}

// propertyStart reports whether the "geo:" at chunk[g] is a GEO property
// name at the start of a line, after an optional vCard group ("item1.").
func propertyStart(chunk []byte, g int) bool {
	i := g
	for i > 0 && (isAlnum(chunk[i-1]) || chunk[i-1] == '-' || chunk[i-1] == '.') {
		i--
	}
	if i < g && chunk[g-1] != '.' {
		return false // "xgeo:" is not the property GEO
	}
	return i == 0 || chunk[i-1] == '\n' || chunk[i-1] == '\r'
}

// geoAt reads the latitude and longitude that start at chunk[i], after
// "geo:", and where they end. A URI separates them with a comma; the
// property of vCard 3 and iCalendar with a semicolon.
func geoAt(chunk []byte, i int, property bool) (point, int, bool) {
	lat, i, ok := geoNumber(chunk, i)
	if !ok || i >= len(chunk) || !(chunk[i] == ',' || property && chunk[i] == ';') {
		return point{}, 0, false
	}
	lon, end, ok := geoNumber(chunk, i+1)
	if !ok || alnumAt(chunk, end) || end < len(chunk) && chunk[end] == '.' {
		return point{}, 0, false
	}
	return point{lat, lon}, end, true
}

// geoNumber reads a signed decimal with at least minGeoDecimals decimals.
func geoNumber(chunk []byte, i int) (float64, int, bool) {
	s := i
	if i < len(chunk) && (chunk[i] == '-' || chunk[i] == '+') {
		i++
	}
	ints := i
	for i < len(chunk) && isDigit(chunk[i]) && i-ints < 3 {
		i++
	}
	if i == ints || i >= len(chunk) || chunk[i] != '.' {
		return 0, 0, false
	}
	i++
	decs := i
	for i < len(chunk) && isDigit(chunk[i]) && i-decs < 15 {
		i++
	}
	if i-decs < minGeoDecimals || alnumAt(chunk, i) {
		return 0, 0, false
	}
	v, err := strconv.ParseFloat(string(chunk[s:i]), 64)
	return v, i, err == nil
}
