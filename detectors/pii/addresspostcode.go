package pii

import (
	"bytes"
	"strings"
)

// usStates are the two-letter codes of US states, DC and territories.
var usStates = newWordSet("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS " +
	"MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP")

// usStateNames are the states' names, lower case, for "Springfield,
// Illinois 62704".
var usStateNames = newWordSet("alabama alaska arizona arkansas california colorado connecticut delaware " +
	"florida georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland " +
	"massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma " +
	"oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming " +
	"new_hampshire new_jersey new_mexico new_york north_carolina north_dakota rhode_island " +
	"south_carolina south_dakota west_virginia")

// stateNameZip reads "Illinois 62704" or "New York 10001" at i.
func stateNameZip(b []byte, i int) int {
	we, _ := wordAt(b, i)
	if !isCapWord(b, i, we) || we+1 >= len(b) || b[we] != ' ' {
		return i
	}
	end := we
	if !lowerIn(usStateNames, b, i, we) {
		we2, _ := wordAt(b, we+1)
		if !isCapWord(b, we+1, we2) || we2-i > 20 {
			return i
		}
		var w lowWord
		w.set(b[i:we2])
		key := w.bytes()
		if k := bytes.IndexByte(key, ' '); k >= 0 {
			key[k] = '_'
		}
		if !usStateNames.has(key) {
			return i
		}
		end = we2
	}
	z := end + 1
	if end >= len(b) || b[end] != ' ' {
		return i
	}
	e := digitsEnd(b, z)
	if e-z != 5 {
		return i
	}
	if e+5 <= len(b) && b[e] == '-' && digitsEnd(b, e+1) == e+5 {
		e += 5
	}
	if alnumAt(b, e) {
		return i
	}
	return e
}

// cityParticles join the words of a city's name ("Frankfurt am Main",
// "Saint-Denis", "Alcalá de Henares").
var cityParticles = newWordSet("am an der im ob sur en de del la le di upon on do da dos das")

// notCities follow a five-digit number without making it a postcode.
var notCities = newWordSet("euro euros eur usd gbp chf dollar dollars pounds punkte points stück " +
	"units mal fois veces volte km mi kg")

// stateZip reads "DC 20500" or "CA 94105-1234" at i. It returns the end
// and where the ZIP code starts, or i.
func stateZip(b []byte, i int) (int, int) {
	if i+8 > len(b) || !usStates.has(b[i:i+2]) || b[i+2] != ' ' {
		return i, i
	}
	z := i + 3
	for z < len(b) && b[z] == ' ' && z-i < 5 {
		z++
	}
	e := digitsEnd(b, z)
	if e-z != 5 {
		return i, i
	}
	if e+5 <= len(b) && b[e] == '-' && digitsEnd(b, e+1) == e+5 {
		e += 5
	}
	if alnumAt(b, e) {
		return i, i
	}
	return e, z
}

// usCityLine reads "Washington, DC 20500" or "Springfield IL 62704" at i.
func usCityLine(b []byte, i int) int {
	if e, _ := stateZip(b, i); e > i {
		return e
	}
	return cityThen(b, i, 3, false, usStateAfterCity)
}

// usStateAfterCity reads ", DC 20500" or " IL 62704" after a city's word
// at j: it returns the line's end, or j to read on.
func usStateAfterCity(b []byte, j int) int {
	s := j
	if s < len(b) && b[s] == ',' {
		s++
	}
	if s < len(b) && b[s] == ' ' {
		if e, _ := stateZip(b, s+1); e > s+1 {
			return e
		}
		if e := stateNameZip(b, s+1); e > s+1 {
			return e
		}
	}
	return j
}

// cityThen reads a city's name of at most most words at i, and after
// each capitalized word asks tail for the rest of its line: tail returns
// the line's end, j to read on, or -1 when the line cannot be a city
// line. With particles, lowercase particles may join the words ("Rio de
// Janeiro"). It returns the line's end, or i.
func cityThen(b []byte, i, most int, particles bool, tail func(b []byte, j int) int) int {
	j := i
	for k := 0; k < most; k++ {
		we, _ := wordAt(b, j)
		capped := isCapWord(b, j, we)
		if !capped && (!particles || k == 0 || !lowerIn(cityParticles, b, j, we)) {
			return i
		}
		j = we
		if capped {
			switch e := tail(b, j); {
			case e < 0:
				return i
			case e > j:
				return e
			}
		}
		if j >= len(b) || b[j] != ' ' {
			return i
		}
		j++
	}
	return i
}

// ukPostcodeAt reads a UK postcode at i ("SW1A 2AA", "M1 1AE", "B33
// 8TH"), written with its space, in the shape the Royal Mail allows.
func ukPostcodeAt(b []byte, i int) int {
	if i > 0 && wordRuneBefore(b, i) {
		return i
	}
	j := i
	for j < len(b) && j-i < 2 && isUpper(b[j]) {
		j++
	}
	if j == i || strings.IndexByte("QVX", b[i]) >= 0 || (j-i == 2 && strings.IndexByte("IJZ", b[i+1]) >= 0) {
		return i
	}
	if j >= len(b) || !isDigit(b[j]) {
		return i
	}
	j++
	if j < len(b) && (isDigit(b[j]) || isUpper(b[j])) {
		j++
	}
	if j+4 > len(b) || b[j] != ' ' || !isDigit(b[j+1]) || !isUpper(b[j+2]) || !isUpper(b[j+3]) {
		return i
	}
	if strings.IndexByte("CIKMOV", b[j+2]) >= 0 || strings.IndexByte("CIKMOV", b[j+3]) >= 0 {
		return i
	}
	if alnumAt(b, j+4) {
		return i
	}
	return j + 4
}

// caProvinces are the postal codes of Canada's provinces and territories.
var caProvinces = newWordSet("AB BC MB NB NL NS NT NU ON PE QC SK YT")

// caPostcodeAt reads a Canadian postal code at i ("K1A 0B1"): letters
// and digits alternating, with the letters Canada Post uses.
func caPostcodeAt(b []byte, i int) int {
	if i+7 > len(b) || (i > 0 && wordRuneBefore(b, i)) || b[i+3] != ' ' {
		return i
	}
	for k, c := range b[i : i+7] {
		switch k {
		case 0, 2, 5:
			if !isUpper(c) || strings.IndexByte("DFIOQU", c) >= 0 || (k == 0 && (c == 'W' || c == 'Z')) {
				return i
			}
		case 1, 4, 6:
			if !isDigit(c) {
				return i
			}
		}
	}
	if alnumAt(b, i+7) {
		return i
	}
	return i + 7
}

// caCityLine reads "Ottawa, ON K1A 0B1" or "Toronto ON M5V 2T6" at i.
func caCityLine(b []byte, i int) int {
	j := i
	for k := 0; k < 3; k++ {
		we, _ := wordAt(b, j)
		if !isCapWord(b, j, we) {
			return i
		}
		j = we
		s := j
		if s < len(b) && b[s] == ',' {
			s++
		}
		if s+3 < len(b) && b[s] == ' ' && caProvinces.has(b[s+1:s+3]) {
			p := s + 3
			for p < len(b) && b[p] == ' ' && p-s < 6 {
				p++
			}
			if e := caPostcodeAt(b, p); e > p {
				return e
			}
		}
		if j >= len(b) || b[j] != ' ' {
			return i
		}
		j++
	}
	return i
}

// ukCityLine reads "London SW1A 2AA", "London, SW1A 2AA", "London\nSW1A
// 2AA" or the postcode alone at i.
func ukCityLine(b []byte, i int) int {
	if e := ukPostcodeAt(b, i); e > i {
		return e
	}
	j := i
	for k := 0; k < 3; k++ {
		we, _ := wordAt(b, j)
		if !isCapWord(b, j, we) {
			return i
		}
		j = we
		if j < len(b) && b[j] == ',' {
			j++
		}
		s := skipLineSep(b, j)
		if s > j {
			if e := ukPostcodeAt(b, s); e > s {
				return e
			}
		}
		if j >= len(b) || b[j] != ' ' {
			return i
		}
		j++
	}
	return i
}

// euCodeLine reads a continental postcode and its city at i: "10115
// Berlin", "D-10115 Berlin", "1012 NX Amsterdam", "8001 Zürich". It
// returns the end of the city and of the code, or i. fourDigits allows
// four-digit codes without letters, which years look like: only next to
// a street line.
func euCodeLine(b []byte, i int, fourDigits bool) (int, int) {
	j := i
	if j+2 < len(b) && isUpper(b[j]) {
		k := j + 1
		if isUpper(b[k]) {
			k++
		}
		if k+1 < len(b) && b[k] == '-' && isDigit(b[k+1]) {
			j = k + 1
			fourDigits = true
		}
	}
	d := digitsEnd(b, j)
	n := d - j
	code := d
	switch {
	case n == 4 && d+3 < len(b) && b[d] == ' ' && isUpper(b[d+1]) && isUpper(b[d+2]) && b[d+3] == ' ':
		code = d + 3 // Dutch: "1012 NX"
	case (n == 4 || n == 2) && d+4 <= len(b) && b[d] == '-' && digitsEnd(b, d+1) == d+4:
		code = d + 4 // Portuguese "1100-053", Polish "00-950"
	case n == 5, n == 4 && fourDigits:
	default:
		return i, i
	}
	if code+1 >= len(b) || b[code] != ' ' {
		return i, i
	}
	s := code + 1
	we, _ := wordAt(b, s)
	if !isCapWord(b, s, we) || we-s < 2 || lowerIn(notCities, b, s, we) {
		return i, i
	}
	end := we
	for k := 0; k < 2 && end+1 < len(b) && b[end] == ' '; k++ {
		pe, _ := wordAt(b, end+1)
		if pe == end+1 || !lowerIn(cityParticles, b, end+1, pe) || pe+1 >= len(b) || b[pe] != ' ' {
			break
		}
		ce, _ := wordAt(b, pe+1)
		if !isCapWord(b, pe+1, ce) {
			break
		}
		end = ce
	}
	return end, code
}

// postcodeLine reads the line that may follow a street: a US city, state
// and ZIP, a UK town and postcode, a Canadian city, province and postal
// code, or a continental postcode and city.
func postcodeLine(b []byte, i int) int {
	if e := usCityLine(b, i); e > i {
		return e
	}
	if e := ukCityLine(b, i); e > i {
		return e
	}
	if e := caCityLine(b, i); e > i {
		return e
	}
	if e := brCityLine(b, i); e > i {
		return e
	}
	if e, _ := euCodeLine(b, i, true); e > i {
		return e
	}
	return i
}

// skipLineSep moves over the separator between two lines of an address:
// spaces, or one line break with spaces around it.
func skipLineSep(b []byte, i int) int {
	j := i
	for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
		j++
	}
	if j < len(b) && b[j] == '\r' {
		j++
	}
	if j < len(b) && b[j] == '\n' {
		j++
		for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
			j++
		}
	}
	return j
}
