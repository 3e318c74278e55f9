package pii

import (
	"slices"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// AddressName names the postal address detector.
const AddressName = "pii/address"

// maxAddressLen bounds an address: a street line, a unit and a city line.
const maxAddressLen = 160

// poBoxWords lead a post office box number, lower case, longest first.
var poBoxWords = []string{
	"post office box", "apartado de correos", "casella postale", "boîte postale", "caixa postal",
	"p. o. box", "p.o. box", "po box", "p o box", "p.o.box", "postfach", "postbus", "apartado",
	"apdo.", "b.p.", "bp",
}

// poBoxLast marks the last bytes of poBoxWords, so that most numbers are
// ruled out as box numbers by one lookup.
var poBoxLast = func() (t [256]bool) {
	for _, w := range poBoxWords {
		c := w[len(w)-1]
		t[c], t[toUpper(c)] = true, true
	}
	return t
}()

// Address finds postal addresses and postcodes. Every address holds a
// digit, so it looks only around digit runs:
//   - a street line with its house number: number first with a street
//     type after the name ("1600 Pennsylvania Ave NW", "10 Downing
//     Street", "123 Main St. Apt 4B", "350 W 42nd St", "350 5th Avenue")
//     or before it ("12 rue de la Paix"), or number last after a one-word
//     street ("Hauptstraße 5", "Kalverstraat 1"), a name and a type
//     ("Berliner Straße 5", "Grote Markt 1") or a leading type ("Calle
//     Mayor 10", "Via Roma 1", "Gran Vía 28"); a unit may come first
//     ("Apt 4B, 350 W 42nd St");
//   - a post office box ("PO Box 123", "Postfach 12 34", "BP 123");
//   - each followed, on the same line or the next, by a city line with a
//     postcode ("Washington, DC 20500", "London SW1A 2AA", "10115 Berlin",
//     "1012 NX Amsterdam", "São Paulo - SP, 01310-200"), which the span
//     then covers too.
//
// Those are kind street_address. A postcode without a street is kind
// postcode, and only in a shape that a bare number is not: a US ZIP after
// "City, ST", a Brazilian CEP after "City - UF, ", a UK or Canadian
// postcode, a code after a word that names it ("PLZ 80331", "Code postal
// 33000", "CEP 01310-200", "zip code 10001"), or a five-digit (or Dutch)
// code that opens a line or follows a comma and comes before a
// capitalized city name. Its span is the code alone.
//
// A street's words stop at a sentence's end ("Ronda. Teléfono 952" is no
// street), and a number that ends a range ("2018–2024 Harper Lane") is
// no house number.
type Address struct{ textOnly }

var _ detectors.TextDetector = (*Address)(nil)

// NewAddress returns the address detector.
func NewAddress(detectors.Config) detectors.Detector { return &Address{} }

// Name implements detectors.Detector.
func (*Address) Name() string { return AddressName }

// MaxLen implements detectors.TextDetector.
func (*Address) MaxLen() int { return maxAddressLen }

// Version implements the pipeline's versioned detector, so that cached
// findings are made again when it changes: "2" reads the structured ADR
// properties of vCards; "3" adds Brazilian city lines, numbered US
// streets ("350 W 42nd St"), a name before its type ("Gran Vía 28",
// "Grote Markt 1"), postcodes after a label ("PLZ 80331"), and stops a
// street's words at a sentence end and a number at a range's end.
func (*Address) Version() string { return "3" }

// Find implements detectors.TextDetector.
func (*Address) Find(item *detectors.Item, chunk []byte) []detectors.Match {
	dg := digitsOf(item, chunk)
	adrs := vcardAddresses(chunk)
	out := adrs
	for i := dg.next(0); i < len(chunk); i = dg.next(i) {
		if i > 0 && (isDigit(chunk[i-1]) || (isLetter(chunk[i-1]) && !isUpper(chunk[i-1])) || rangeEndAt(chunk, i)) {
			i = digitsEnd(chunk, i)
			continue
		}
		if m, ok := addressAt(chunk, i); ok && m.End-m.Start <= maxAddressLen && !overlapsAny(adrs, m.Start, m.End) {
			out = append(out, m)
			i = m.End
			continue
		}
		i = digitsEnd(chunk, i)
	}
	if len(adrs) > 0 {
		slices.SortFunc(out, func(x, y detectors.Match) int { return x.Start - y.Start })
	}
	return out
}

// rangeEndAt reports a number that ends a range, "2018–2024" or
// "10-12": not where an address starts, since a house number range is
// read from its first number.
func rangeEndAt(b []byte, p int) bool {
	switch {
	case p >= 2 && b[p-1] == '-':
		return isDigit(b[p-2])
	case p >= 4 && b[p-3] == 0xE2 && b[p-2] == 0x80 && (b[p-1] == 0x93 || b[p-1] == 0x94): // – —
		return isDigit(b[p-4])
	}
	return false
}

// addressAt tries every shape around the digit run at p.
func addressAt(b []byte, p int) (detectors.Match, bool) {
	street := func(s, e int, conf float64) (detectors.Match, bool) {
		if line := cityLineAfter(b, e); line > e {
			e, conf = line, 0.9
		}
		return addressMatch(b, s, e, "street_address", conf), true
	}
	if s, e := poBoxAt(b, p); e > p {
		return street(s, e, 0.85)
	}
	if s := streetBeforeNumber(b, p); s < p {
		// A number after a word is a house number when short, or when a
		// city line follows: "Spring 2021" is a season, not a street.
		e := houseNumber(b, p)
		if !alnumAt(b, e) {
			line := cityLineAfter(b, e)
			if line > e || (upperAt(b, s) && digitsEnd(b, p)-p <= 3) {
				return street(s, e, 0.75)
			}
		}
	}
	if e := streetAfterNumber(b, p); e > p {
		return street(unitBefore(b, p), e, 0.75)
	}
	return postcodeAt(b, p)
}

// cityLineAfter reads ", " or a line break after a street line, then a
// city line with a postcode; it returns the city line's end, or e.
func cityLineAfter(b []byte, e int) int {
	i := e
	if i < len(b) && b[i] == ',' {
		i++
	} else if k := fieldSep(b, i); k > i {
		i = k // letterheads: "Musterstraße 1 · 12345 Musterstadt"
	}
	j := skipLineSep(b, i)
	if j == i || j >= len(b) {
		return e
	}
	if end := postcodeLine(b, j); end > j {
		return end
	}
	return e
}

// fieldSep reads " · ", " | ", " - " or " – " at i and returns its end
// before the trailing space, or i.
func fieldSep(b []byte, i int) int {
	if i+2 >= len(b) || b[i] != ' ' {
		return i
	}
	switch {
	case b[i+1] == '|' || b[i+1] == '-':
		return i + 2
	case i+3 < len(b) && b[i+1] == 0xC2 && b[i+2] == 0xB7: // ·
		return i + 3
	case i+4 < len(b) && b[i+1] == 0xE2 && b[i+2] == 0x80 && (b[i+3] == 0x93 || b[i+3] == 0xA2): // – •
		return i + 4
	}
	return i
}

// postcodeAt reads a postcode without a street at p.
func postcodeAt(b []byte, p int) (detectors.Match, bool) {
	// "PLZ 80331", "Code postal 33000": a word names it.
	if e := labelledPostcode(b, p); e > p {
		return addressMatch(b, p, e, "postcode", 0.7), true
	}
	// "São Paulo - SP, 01310-200": a Brazilian city and state before it.
	if e := brCEPAfterCity(b, p); e > p {
		return addressMatch(b, p, e, "postcode", 0.8), true
	}
	// "Austin, TX 78701": the state and a comma before it.
	if p >= 5 && b[p-1] == ' ' && usStates.has(b[p-3:p-1]) && b[p-4] == ' ' && b[p-5] == ',' {
		if e, z := stateZip(b, p-3); e > p && z == p {
			return addressMatch(b, p, e, "postcode", 0.8), true
		}
	}
	for k := 1; k <= 2 && p-k >= 0 && isUpper(b[p-k]); k++ {
		if e := ukPostcodeAt(b, p-k); e > p {
			return addressMatch(b, p-k, e, "postcode", 0.7), true
		}
	}
	if p >= 1 {
		if e := caPostcodeAt(b, p-1); e > p {
			return addressMatch(b, p-1, e, "postcode", 0.7), true
		}
	}
	s := p
	if p >= 2 && b[p-1] == '-' && isUpper(b[p-2]) {
		s = p - 2
		if s > 0 && isUpper(b[s-1]) {
			s--
		}
	}
	if !opensField(b, s) {
		return detectors.Match{}, false
	}
	if _, code := euCodeLine(b, s, false); code > s {
		return addressMatch(b, s, code, "postcode", 0.6), true
	}
	return detectors.Match{}, false
}

// opensField reports whether s opens a line or follows a comma, where a
// postcode and city stand in an address.
func opensField(b []byte, s int) bool {
	i := s
	for i > 0 && (b[i-1] == ' ' || b[i-1] == '\t') {
		i--
	}
	return i == 0 || b[i-1] == '\n' || b[i-1] == '\r' || (b[i-1] == ',' && i < s)
}

// streetBeforeNumber finds the street a house number at p follows:
// "Hauptstraße 5", "Berliner Straße 5", "Calle Mayor 10", "Calle de
// Alcalá, 42". It returns where the street starts, or p.
func streetBeforeNumber(b []byte, p int) int {
	i := p
	if i == 0 || b[i-1] != ' ' {
		return p
	}
	i--
	if i > 0 && b[i-1] == ',' {
		i--
	}
	if ws := wordStartBefore(b, i); ws == i || !(upperAt(b, ws) || lowerIn(streetParticles, b, ws, i)) {
		return p
	}
	var starts [6]int
	n := 0
	for n < len(starts) {
		ws := wordStartBefore(b, i)
		if ws == i {
			break
		}
		// A sentence ends before the words of a street: "Ronda. Teléfono
		// 952". A dot before the last word may only abbreviate a type:
		// "Av. Paulista 1578".
		if n > 0 && b[i-1] == '.' && !(i-1-ws <= 4 && lowerIn(streetPrefixes, b, ws, i-1)) {
			break
		}
		starts[n] = ws
		n++
		if ws == 0 || b[ws-1] != ' ' {
			break
		}
		i = ws - 1
	}
	if n == 0 {
		return p
	}
	last := starts[0]
	we, _ := wordAt(b, last)
	if isCapWord(b, last, we) {
		lw := strings.ToLower(string(b[last:we]))
		for _, suf := range streetCompounds {
			suf = strings.TrimSuffix(suf, ".")
			if strings.HasSuffix(lw, suf) {
				// Short endings need a longer word: "Heideweg", not "Spring".
				if len(lw) >= len(suf)+min(4, 8-len(suf)) {
					if n > 1 && upperAt(b, starts[1]) && strings.HasSuffix(string(b[starts[1]:last]), "er ") {
						return starts[1] // "Mainzer Landstraße"
					}
					return last
				}
				if n > 1 && upperAt(b, starts[1]) {
					return starts[1] // "Berliner Straße"
				}
			}
		}
	}
	if n > 1 && upperAt(b, last) && upperAt(b, starts[1]) && lowerIn(streetTypeWords, b, last, we) {
		return starts[1] // "Grote Markt"
	}
	// A leading type: each word between it and the number is capitalized
	// or a particle, and at least one is capitalized. An adjective before
	// the type belongs to the name, which may then be the type alone:
	// "Gran Vía 28".
	named := false
	for k := 0; k < n; k++ {
		ws := starts[k]
		we, _ := wordAt(b, ws)
		if lowerIn(streetPrefixes, b, ws, we) {
			if k+1 < n && upperAt(b, starts[k+1]) && lowerIn(streetAdjectives, b, starts[k+1], ws-1) && (named || upperAt(b, ws)) {
				return starts[k+1]
			}
			if named {
				return ws
			}
		}
		switch {
		case isCapWord(b, ws, we) || elidedCap(b, ws, we):
			named = true
		case !lowerIn(streetParticles, b, ws, we):
			return p
		}
	}
	return p
}

// wordStartBefore returns the start of the word ending at e (a trailing
// dot allowed: "Hauptstr."), or e.
func wordStartBefore(b []byte, e int) int {
	s := e
	if s > 0 && b[s-1] == '.' {
		s--
	}
	for s > 0 && e-s < 40 && (isLetter(b[s-1]) || b[s-1] >= 0x80 || b[s-1] == '-' || b[s-1] == '\'') {
		s--
	}
	if s < e && !isLetter(b[s]) && b[s] < 0x80 {
		return e
	}
	return s
}

// poBoxAt reads a post office box whose number starts at p; s is where
// its words start.
func poBoxAt(b []byte, p int) (s, e int) {
	i := p
	for i > 0 && (b[i-1] == ' ' || b[i-1] == ':' || b[i-1] == '#') && p-i < 3 {
		i--
	}
	if i == p || i == 0 || !poBoxLast[b[i-1]] {
		return p, p
	}
	for _, w := range poBoxWords {
		st := i - len(w)
		if st < 0 || !foldEqual(b[st:i], w) || (st > 0 && wordRuneBefore(b, st)) {
			continue
		}
		if (w == "bp" || w == "b.p.") && !isUpper(b[st]) {
			continue
		}
		e := digitsEnd(b, p)
		for e+1 < len(b) && b[e] == ' ' && isDigit(b[e+1]) && w == "postfach" {
			e = digitsEnd(b, e+1) // "Postfach 12 34"
		}
		if e-p > 10 || alnumAt(b, e) {
			return p, p
		}
		return st, e
	}
	return p, p
}

func addressMatch(b []byte, s, e int, kind string, conf float64) detectors.Match {
	return detectors.Match{
		Start: s, End: e,
		Value:      strings.Join(strings.Fields(string(b[s:e])), " "),
		Kind:       kind,
		Severity:   detectors.SeverityMedium,
		Confidence: conf,
	}
}
