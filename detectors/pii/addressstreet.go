package pii

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// Street-type words, lower case. Suffix types follow the street's name
// ("Main St", "Baker Street"), prefix types lead it ("rue de la Paix",
// "Calle Mayor", "Via Roma"), and compound endings close a one-word name
// ("Hauptstraße", "Kalverstraat").
var (
	streetSuffixes = newWordSet("street st str road rd avenue ave av boulevard blvd lane ln drive dr " +
		"court ct place pl square sq terrace ter terr way parkway pkwy highway hwy circle cir " +
		"crescent cres close row mews gardens grove walk trail alley plaza broadway pike loop quay " +
		"parade promenade expressway freeway turnpike causeway " +
		"straße strasse weg allee platz gasse ring damm ufer chaussee")
	streetPrefixes = newWordSet("rue avenue av boulevard bd place allée allee impasse chemin quai cours " +
		"route passage esplanade calle avenida avda plaza paseo carrer carretera camino ronda " +
		"travesía via vía viale piazza corso largo vicolo piazzale strada rua praça praca travessa " +
		"estrada alameda")
	streetCompounds = []string{"straße", "strasse", "str.", "weg", "gasse", "platz", "allee",
		"ring", "damm", "ufer", "straat", "laan", "plein", "gracht", "kade", "singel", "dijk", "steeg"}
	// streetTypeWords stand after a capitalized word as a street's type,
	// but do not end a one-word name: "Grote Markt", not "Supermarkt".
	streetTypeWords = newWordSet("markt")
	// streetAdjectives come before a leading type as part of the name:
	// "Gran Vía", "Grande Rue", "Grand Place".
	streetAdjectives = newWordSet("gran grande grand petit petite vieux vieille nouveau nouvelle " +
		"nuevo nueva viejo vieja novo nova velho velha vecchio vecchia nuovo nuova")
	// ordinalStreetTypes may follow a numbered street's ordinal without a
	// direction: "350 5th Avenue", but not "3 1st Place" or "2 3rd Row",
	// which are ranks.
	ordinalStreetTypes = newWordSet("street st avenue ave av road rd boulevard blvd drive dr lane ln " +
		"terrace ter court ct way parkway pkwy highway hwy")
	streetDirections = newWordSet("n s e w ne nw se sw north south east west")
	streetUnits      = newWordSet("apt apartment suite ste unit fl floor room rm flat bldg building")
	// streetParticles join the words of street names: "rue de la Paix", "Calle de Alcalá".
	streetParticles = newWordSet("de la le les du des d l del della di dei degli da do dos das y e van der den het am an")
)

// wordAt reads the word at i: letters (any script), inner apostrophes,
// hyphens and a trailing dot. It returns where the letters end (e) and
// where the word with its dot ends (d).
func wordAt(b []byte, i int) (e, d int) {
	e = i
	for e < len(b) && e-i < 40 {
		c := b[e]
		switch {
		case isLetter(c):
			e++
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(b[e:])
			if !isLetterRune(r) {
				return e, e
			}
			e += n
		case (c == '\'' || c == '-') && e > i && e+1 < len(b) && letterAtByte(b, e+1):
			e++
		case c == 0xE2 && e > i && e+3 < len(b) && b[e+1] == 0x80 && b[e+2] == 0x99 && letterAtByte(b, e+3):
			e += 3 // ’
		default:
			if c == '.' && e > i {
				return e, e + 1
			}
			return e, e
		}
	}
	return e, e
}

// isCapWord reports a word starting with an upper-case letter.
func isCapWord(b []byte, i, e int) bool { return e > i && upperAt(b, i) }

// lowerIn looks b[i:e] up in set, lower-cased.
func lowerIn(set *wordSet, b []byte, i, e int) bool {
	var w lowWord
	w.set(b[i:e])
	return w.n > 0 && set.has(w.bytes())
}

// houseNumber reads a house number at i: 1-5 digits, a letter ("221B",
// "5a"), a range ("10-12") or "bis". It returns its end, or i.
func houseNumber(b []byte, i int) int {
	e := digitsEnd(b, i)
	if e == i || e-i > 5 {
		return i
	}
	if e+1 < len(b) && b[e] == '-' && isDigit(b[e+1]) {
		r := digitsEnd(b, e+1)
		if isYear(b[i:e]) && isYear(b[e+1:r]) {
			return i // "2018-2024 Harper Lane": years, not a range of houses
		}
		e = r
	}
	if e < len(b) && isLetter(b[e]) && (e+1 >= len(b) || !isLetter(b[e+1])) {
		e++
	}
	if e+4 <= len(b) && b[e] == ' ' && string(b[e+1:e+4]) == "bis" && (e+4 == len(b) || !isLetter(b[e+4])) {
		e += 4
	}
	return e
}

// streetAfterNumber reads a street line starting with its house number at
// p: "1600 Pennsylvania Ave NW", "10 Downing Street", "12, rue de la
// Paix". It returns the line's end, or p.
func streetAfterNumber(b []byte, p int) int {
	n := houseNumber(b, p)
	if n == p {
		return p
	}
	i := n
	if i < len(b) && b[i] == ',' {
		i++
	}
	if i >= len(b) || b[i] != ' ' {
		return p
	}
	i++
	we, wd := wordAt(b, i)
	if lowerIn(streetPrefixes, b, i, we) {
		// "12 rue de la Paix": the type, then a name.
		end := streetName(b, wd)
		if end == wd {
			return p
		}
		return end
	}
	// "10 Downing Street": capitalized words, then the type. A numbered
	// street's ordinal stands first or after a direction ("350 5th
	// Avenue", "350 W 42nd St"); without a direction, only a common type
	// may follow it.
	ord, dir := false, false
	for k := 0; k < 4; k++ {
		if oe := ordinalStreet(b, i); oe > i && (k == 0 || (k == 1 && dir)) {
			ord, we, wd = true, oe, oe
		} else if !isCapWord(b, i, we) {
			return p
		} else if k > 0 && lowerIn(streetSuffixes, b, i, we) {
			if ord && !dir && !lowerIn(ordinalStreetTypes, b, i, we) {
				return p
			}
			return streetTail(b, wd, we)
		}
		dir = k == 0 && !ord && we-i <= 5 && lowerIn(streetDirections, b, i, we)
		if wd >= len(b) || (b[wd] != ' ' && !(b[wd] == '.' && wd+1 < len(b) && b[wd+1] == ' ')) {
			return p
		}
		i = wd + 1
		we, wd = wordAt(b, i)
	}
	return p
}

// ordinalStreet reads the ordinal that names a numbered street at i
// ("42nd", "1st", "11th", "3RD"), its suffix agreeing with its number.
// It returns its end, or i.
func ordinalStreet(b []byte, i int) int {
	d := digitsEnd(b, i)
	if d == i || d-i > 3 || b[i] == '0' || d+2 > len(b) || alnumAt(b, d+2) {
		return i
	}
	suf := [2]byte{toLower(b[d]), toLower(b[d+1])}
	want := [2]byte{'t', 'h'}
	if d-i < 2 || b[d-2] != '1' {
		switch b[d-1] {
		case '1':
			want = [2]byte{'s', 't'}
		case '2':
			want = [2]byte{'n', 'd'}
		case '3':
			want = [2]byte{'r', 'd'}
		}
	}
	if suf != want {
		return i
	}
	return d + 2
}

// streetName reads the name after a prefix type: words that are
// capitalized or particles, ending on a capitalized one. It returns the
// end of the last capitalized word, or i when there is none.
func streetName(b []byte, i int) int {
	end := i
	for k := 0; k < 6 && i < len(b) && b[i] == ' '; k++ {
		j := i + 1
		we, _ := wordAt(b, j)
		if we == j {
			break
		}
		if isCapWord(b, j, we) || elidedCap(b, j, we) {
			end = we
		} else if !lowerIn(streetParticles, b, j, we) {
			break
		}
		i = we
	}
	return end
}

// elidedCap reports a word like "l'Église" or "d’Italia": an elided
// particle glued to a capitalized name.
func elidedCap(b []byte, i, e int) bool {
	if e-i < 3 || !isLetter(b[i]) {
		return false
	}
	switch {
	case b[i+1] == '\'':
		return upperAt(b, i+2)
	case e-i > 4 && b[i+1] == 0xE2 && b[i+2] == 0x80 && b[i+3] == 0x99:
		return upperAt(b, i+4)
	}
	return false
}

func isLetterRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsMark(r) }

// streetTail extends a street line past its type: a dot that abbreviates
// it, a direction ("NW") and a unit ("Apt 4B", "Suite 200", "#12").
func streetTail(b []byte, wd, we int) int {
	end := we
	if wd > we && wd < len(b) && (b[wd] == ' ' || b[wd] == ',') {
		end = wd // "St." before more of the line
	}
	i := end
	if i+1 < len(b) && b[i] == ' ' {
		if de, _ := wordAt(b, i+1); de > i+1 && de-(i+1) <= 5 && upperAt(b, i+1) && lowerIn(streetDirections, b, i+1, de) {
			end, i = de, de
		}
	}
	j := i
	if j < len(b) && b[j] == ',' {
		j++
	}
	if j+1 < len(b) && b[j] == ' ' {
		j++
		if b[j] == '#' {
			if u := unitNumber(b, j+1); u > j+1 {
				return u
			}
			return end
		}
		ue, ud := wordAt(b, j)
		if ue > j && lowerIn(streetUnits, b, j, ue) {
			k := ud
			for k < len(b) && (b[k] == ' ' || b[k] == '#') {
				k++
			}
			if u := unitNumber(b, k); u > k {
				return u
			}
		}
	}
	return end
}

// unitBefore extends a street line that starts at p back over a flat or
// suite written before it: "Flat 2, 10 Downing Street".
func unitBefore(b []byte, p int) int {
	i := p
	if i < 2 || b[i-1] != ' ' {
		return p
	}
	i--
	if b[i-1] == ',' {
		i--
	}
	ns := i
	for ns > 0 && i-ns < 6 && isAlnum(b[ns-1]) {
		ns--
	}
	if ns == i || ns < 2 || b[ns-1] != ' ' || !containsDigit(b[ns:i]) {
		return p
	}
	ws := wordStartBefore(b, ns-1)
	if ws < ns-1 && lowerIn(streetUnits, b, ws, ns-1) && upperAt(b, ws) {
		return ws
	}
	return p
}

func containsDigit(b []byte) bool {
	for _, c := range b {
		if isDigit(c) {
			return true
		}
	}
	return false
}

// unitNumber reads an apartment or suite number: "4B", "200", "12-3".
func unitNumber(b []byte, i int) int {
	e := i
	for e < len(b) && e-i < 6 && (isAlnum(b[e]) || (b[e] == '-' && e > i)) {
		e++
	}
	if e == i || (e < len(b) && isAlnum(b[e])) || !bytes.ContainsAny(b[i:e], "0123456789") {
		return i
	}
	return e
}
