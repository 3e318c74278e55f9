package pii

// brStates are the two-letter codes of Brazil's states and federal
// district.
var brStates = newWordSet("AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO")

// brCityLine reads "São Paulo - SP, 01310-200", "Rio de Janeiro/RJ
// 22240-003" or "Salvador - BA, CEP 40020-000" at i: a city, its state
// after a dash or slash, and the CEP.
func brCityLine(b []byte, i int) int { return cityThen(b, i, 5, true, brStateAfterCity) }

// brStateAfterCity reads " - SP, 01310-200" after a city's word at j: it
// returns the line's end, j to read on when no state follows, or -1 for
// a state without its CEP.
func brStateAfterCity(b []byte, j int) int {
	s := brStateAt(b, j)
	if s == j {
		return j
	}
	if e := cepAfterState(b, s); e > s {
		return e
	}
	return -1
}

// brStateAt reads " - SP", " – SP" or "/SP" after a city's name at i
// and returns the state's end, or i.
func brStateAt(b []byte, i int) int {
	j := i
	switch {
	case j < len(b) && b[j] == '/':
		j++
	case j+3 < len(b) && b[j] == ' ' && b[j+1] == '-' && b[j+2] == ' ':
		j += 3
	case j+5 < len(b) && b[j] == ' ' && b[j+1] == 0xE2 && b[j+2] == 0x80 && b[j+3] == 0x93 && b[j+4] == ' ':
		j += 5
	default:
		return i
	}
	if j+2 > len(b) || !brStates.has(b[j:j+2]) || alnumAt(b, j+2) {
		return i
	}
	return j + 2
}

// cepAfterState reads ", 01310-200", " 01310-200" or ", CEP 01310-200"
// after a state at i and returns the CEP's end, or i.
func cepAfterState(b []byte, i int) int {
	j := i
	if j < len(b) && b[j] == ',' {
		j++
	}
	if j >= len(b) || b[j] != ' ' {
		return i
	}
	j++
	if j+4 < len(b) && string(b[j:j+3]) == "CEP" && (b[j+3] == ' ' || b[j+3] == ':') {
		j += 4
		for j < len(b) && b[j] == ' ' && j-i < 8 {
			j++
		}
	}
	if e := cepAt(b, j); e > j {
		return e
	}
	return i
}

// cepAt reads a Brazilian CEP at i, "01310-200", and returns its end, or i.
func cepAt(b []byte, i int) int {
	if digitsEnd(b, i) != i+5 || i+9 > len(b) || b[i+5] != '-' || digitsEnd(b, i+6) != i+9 || alnumAt(b, i+9) {
		return i
	}
	return i + 9
}

// brCEPAfterCity reads a CEP at p that follows a city and its state,
// "São Paulo - SP, 01310-200", and returns its end, or p.
func brCEPAfterCity(b []byte, p int) int {
	e := cepAt(b, p)
	i := p - 1
	if e == p || i < 3 || b[i] != ' ' {
		return p
	}
	if b[i-1] == ',' {
		i--
	}
	st := i - 2
	if st < 1 || !brStates.has(b[st:i]) {
		return p
	}
	var ce int
	switch {
	case b[st-1] == '/':
		ce = st - 1
	case st >= 3 && string(b[st-3:st]) == " - ":
		ce = st - 3
	case st >= 5 && string(b[st-5:st]) == " – ":
		ce = st - 5
	default:
		return p
	}
	if ws := wordStartBefore(b, ce); ws == ce || b[ce-1] == '.' || !upperAt(b, ws) {
		return p
	}
	return e
}
