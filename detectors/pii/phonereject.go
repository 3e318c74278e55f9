package pii

// Phone numbers are the loosest shape in this package: almost any run of
// seven or more digits is a valid number somewhere. These checks turn away
// the runs that are written like something else — a date, a year range, a
// decimal or thousands-grouped amount, an IP address, a version, a payment
// card, an ISBN, an order number — before the numbering plan is asked.

// phoneNegativeCues are labels that say the number after them is not a
// phone number. National-format numbers are read in the plan of the text's
// language, so the labels of order, invoice, booking and tax numbers in
// those languages count as much as the English ones.
var phoneNegativeCues = cueSet{
	"nr", "nr.", "no.", "n°", "nº", "order*", "invoice", "account", "acct", "ref", "reference", "tracking",
	"serial", "isbn", "issn", "doi", "id", "version", "build", "patent",
	"case", "ticket", "transaction", "txn", "iban", "routing", "sku", "part",
	"model", "ssn", "nhs", "sin", "aadhaar", "cpf", "receipt", "confirmation",
	"booking", "policy", "item", "lot", "batch", "po", "pmid", "arxiv",
	"vat", "tva", "iva", "btw", "ust", "siret", "siren", "nif", "cif", "cnpj", "partita",
	"commande", "facture", "référence", "réf", "bestell*", "rechnung*", "artikel*",
	"kunden*", "buchung*", "auftrag*", "pedido", "factura", "referencia", "localizador",
	"ordine", "fattura", "riferimento", "bestel*", "factuur", "boeking*", "encomenda",
	"fatura", "reserva",
	"steuer*", "idnr", "id-nr", "identifikationsnummer", "dni", "nie", "nir", "insee",
	"bsn", "tin", "itin", "nino", "utr", "rg", "codice fiscale",
}

// phoneCues are labels that say a number is a phone number.
var phoneCues = cueSet{
	"phone*", "tel", "tel.", "telephone", "call*", "mobile", "mob", "cell*",
	"fax", "whatsapp", "sms", "text", "contact*", "ring", "dial", "hotline",
	"téléphone", "tél", "portable", "telefon*", "handy", "teléfono", "móvil",
	"telefono", "cellulare", "numéro", "número", "my number", "his number", "her number",
	"zap", "celular", "telemóvel", "telefoon", "bel",
}

// notPhone reports whether candidate c is written like something that is
// not a phone number.
func notPhone(b []byte, c *phoneCand) bool {
	d := c.digits[:c.ndigits]
	if len(d) < 7 {
		return true
	}
	maxDigits := 15
	if !c.plus && d[0] == '0' && (d[1] == '0' || d[1] == '1') {
		maxDigits = 18 // an international dialling prefix: 00 or 011
	}
	if len(d) > maxDigits || allSame(d) {
		return true
	}
	// A bare run of digits is an id, a count or a timestamp ("expires_at":
	// 2147483647) far more often than a phone number, unless a word says
	// it is one.
	if c.n == 1 && !c.plus && (len(d) < 8 || bareDate(d) || !phoneCues.near(b, c.s, c.e)) {
		return true
	}
	// Cards and the numbers the labels below name are never written with
	// a "+", which is how phone numbers are written across borders.
	if !c.plus && len(d) >= 13 && luhnValid(d) {
		return true // a payment card
	}
	if isbnLike(c, d) {
		return true
	}
	if !c.plus && !c.paren && (datePrefix(c, d) || numericRange(c, d) || badDots(c) || thousands(c, d) || ratio(c)) {
		return true
	}
	return !c.plus && phoneNegativeCues.in(b[max(0, c.s-20):c.s]) && !phoneCues.near(b, c.s, c.e)
}

// ratio reports a fraction such as a resolution "2272000/224": with a
// slash, an area code comes first and is the shorter part ("030/1234567").
func ratio(c *phoneCand) bool {
	return c.n == 2 && c.seps[1] == '/' && c.lens[0] > c.lens[1]
}

// bareDate reports eight digits that read as yyyymmdd or ddmmyyyy.
func bareDate(d []byte) bool {
	if len(d) != 8 {
		return false
	}
	return isYear(d[:4]) && isMonthDay(d[4:6], d[6:8]) || isYear(d[4:]) && (isMonthDay(d[2:4], d[:2]) || isMonthDay(d[:2], d[2:4]))
}

// datePrefix reports candidates that start with a date: 2021-06-03,
// 03/06/2021, 3.6.21, maybe followed by a time. "06.12.34.56.78" goes on
// with the same separator, so it is a phone number, not a date.
func datePrefix(c *phoneCand, d []byte) bool {
	if c.n < 3 || c.seps[1] != c.seps[2] || !containsByte("-./", c.seps[1]) || c.n > 3 && c.seps[3] == c.seps[1] {
		return false
	}
	l0, l1, l2 := c.lens[0], c.lens[1], c.lens[2]
	g0, g1, g2 := d[:l0], d[l0:l0+l1], d[l0+l1:l0+l1+l2]
	switch {
	case l0 == 4 && l1 <= 2 && l2 <= 2:
		return isYear(g0) && isMonthDay(g1, g2)
	case l0 <= 2 && l1 <= 2 && (l2 == 4 || l2 == 2):
		return isMonthDay(g0, g1) || isMonthDay(g1, g0)
	}
	return false
}

// numericRange reports "1998-2004" and "1234-1256": two groups of equal
// length joined by a dash, the second larger.
func numericRange(c *phoneCand, d []byte) bool {
	if c.n != 2 || c.seps[1] != '-' || c.lens[0] != c.lens[1] {
		return false
	}
	a, z := d[:c.lens[0]], d[c.lens[0]:]
	return string(z) > string(a) || isYear(a) && isYear(z)
}

// badDots reports dotted numbers that are not written like phone numbers:
// decimals (one dot), IP addresses (four groups of at most three digits),
// versions (a one-digit group), and dots mixed with other separators.
func badDots(c *phoneCand) bool {
	dots := 0
	for k := 1; k < c.n; k++ {
		if c.seps[k] == '.' {
			dots++
		}
	}
	if dots == 0 {
		return false
	}
	if dots != c.n-1 || c.n <= 2 {
		return true
	}
	if c.n == 4 && c.lens[0] <= 3 && c.lens[1] <= 3 && c.lens[2] <= 3 && c.lens[3] <= 3 {
		return true
	}
	for k := 1; k < c.n; k++ {
		if c.lens[k] == 1 {
			return true
		}
	}
	return false
}

// thousands reports amounts grouped by thousands: "1.234.567",
// "12 345 678". Three-digit lead groups joined by spaces stay phones
// ("912 345 678").
func thousands(c *phoneCand, d []byte) bool {
	if c.n < 3 || d[0] == '0' || c.lens[0] > 3 {
		return false
	}
	for k := 1; k < c.n; k++ {
		if c.lens[k] != 3 || c.seps[k] != c.seps[1] {
			return false
		}
	}
	return c.seps[1] != ' ' || c.lens[0] < 3
}

// isbnLike reports ISBN-13s (978/979 with a valid EAN check) and
// hyphenated ISBN-10s.
func isbnLike(c *phoneCand, d []byte) bool {
	if len(d) == 13 && (string(d[:3]) == "978" || string(d[:3]) == "979") && isbn13Valid(d) {
		return true
	}
	return len(d) == 10 && c.n == 4 && c.seps[1] == '-' && isbn10Valid(d)
}

func isYear(d []byte) bool {
	return len(d) == 4 && (d[0] == '1' && d[1] == '9' || d[0] == '2' && d[1] == '0')
}

// isMonthDay reports whether m and dd read as a month (1-12) and a day
// (1-31).
func isMonthDay(m, dd []byte) bool {
	mv, dv := atoiSmall(m), atoiSmall(dd)
	return mv >= 1 && mv <= 12 && dv >= 1 && dv <= 31
}

// atoiSmall reads up to two digits; anything longer is out of range.
func atoiSmall(d []byte) int {
	if len(d) == 0 || len(d) > 2 {
		return -1
	}
	v := 0
	for _, c := range d {
		v = v*10 + int(c-'0')
	}
	return v
}
