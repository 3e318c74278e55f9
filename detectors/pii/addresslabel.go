package pii

// postcodeLabels name a postcode before it, lower case, longest first
// where one ends another. An acronym needs a capital ("PLZ", "CAP": not
// "cap" or "plz" for please) and a five-digit code, which a year or a
// count is not; PLZ also takes the four digits of Austria and
// Switzerland.
var postcodeLabels = []struct {
	w          string
	acro, four bool
}{
	{w: "postleitzahl"}, {w: "code postal"}, {w: "código postal"}, {w: "codigo postal"},
	{w: "codice postale"}, {w: "postal code"}, {w: "post code"}, {w: "postcode"}, {w: "zip code"},
	{w: "zipcode"}, {w: "postnummer"}, {w: "postinumero"}, {w: "kod pocztowy"},
	{w: "plz", acro: true, four: true}, {w: "zip", acro: true}, {w: "cep", acro: true},
	{w: "c.a.p.", acro: true}, {w: "cap", acro: true}, {w: "c.p.", acro: true}, {w: "cp", acro: true},
}

// postcodeLabelLast marks the last bytes of postcodeLabels, so that most
// numbers are ruled out by one lookup.
var postcodeLabelLast = func() (t [256]bool) {
	for _, l := range postcodeLabels {
		c := l.w[len(l.w)-1]
		t[c], t[toUpper(c)] = true, true
	}
	return t
}()

// labelledPostcode reads a postcode at p after a word that names it:
// "PLZ 80331", "Code postal : 33000", "CEP 01310-200", "zip code
// 10001-1234", "postcode 1012 NX". It returns the code's end, or p.
func labelledPostcode(b []byte, p int) int {
	i := p
	for i > 0 && p-i < 3 && (b[i-1] == ' ' || b[i-1] == ':' || b[i-1] == '\t') {
		i--
	}
	if i == p || i == 0 || !postcodeLabelLast[b[i-1]] {
		return p
	}
	for _, l := range postcodeLabels {
		st := i - len(l.w)
		if st < 0 || !foldEqual(b[st:i], l.w) || (st > 0 && wordRuneBefore(b, st)) {
			continue
		}
		if l.acro && !isUpper(b[st]) {
			continue
		}
		e := labelledCode(b, p, l.acro && !l.four)
		if e == p || alnumAt(b, e) || (e+1 < len(b) && (b[e] == '.' || b[e] == ',') && isDigit(b[e+1])) {
			return p
		}
		return e
	}
	return p
}

// labelledCode reads the shapes of postcodes at p: four to six digits,
// a ZIP+4 or a CEP ("10001-1234", "01310-200"), Portuguese "1100-053",
// Polish "00-950", Dutch "1012 NX", Swedish "114 55". five allows only
// five-digit codes and their extensions.
func labelledCode(b []byte, p int, five bool) int {
	d := digitsEnd(b, p)
	n := d - p
	switch {
	case n == 5 && d+1 < len(b) && b[d] == '-' && (digitsEnd(b, d+1)-d == 5 || digitsEnd(b, d+1)-d == 4):
		return digitsEnd(b, d+1)
	case n == 5:
		return d
	case five:
		return p
	case (n == 4 || n == 2) && d+4 <= len(b) && b[d] == '-' && digitsEnd(b, d+1) == d+4:
		return d + 4
	case n == 4 && d+3 <= len(b) && b[d] == ' ' && isUpper(b[d+1]) && isUpper(b[d+2]) && !alnumAt(b, d+3):
		return d + 3
	case n == 3 && d+3 <= len(b) && b[d] == ' ' && digitsEnd(b, d+1) == d+3:
		return d + 3
	case n == 4 || n == 6:
		return d
	}
	return p
}
