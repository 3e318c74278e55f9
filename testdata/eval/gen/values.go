package main

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
)

// A valueGen makes one labelled value: its kind and its text, built from
// the generator's arguments ("visa", "space") and a seeded source.
type valueGen func(rng *rand.Rand, args []string) (kind, text string, err error)

// generators are the {{name:args}} slots the sources may use. Each
// writes a value that passes its kind's check, so the evaluation measures
// the detectors and not the fixtures.
var generators = map[string]valueGen{
	"card":           genCard,
	"iban":           genIBAN,
	"ssn":            genSSN,
	"itin":           genITIN,
	"uk_nino":        genNINO,
	"uk_nhs":         genNHS,
	"ca_sin":         genSIN,
	"es_dni":         genDNI,
	"es_nie":         genNIE,
	"it_fiscal_code": genFiscalCode,
	"fr_nir":         genNIR,
	"de_tax_id":      genSteuerID,
	"in_aadhaar":     genAadhaar,
	"br_cpf":         genCPF,
}

func digits(rng *rand.Rand, n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('0' + rng.IntN(10)))
	}
	return b.String()
}

// group writes d in groups of the given lengths joined by sep; a sep of
// "" leaves d as is.
func group(d, sep string, lens ...int) string {
	if sep == "" {
		return d
	}
	var parts []string
	for _, n := range lens {
		if n >= len(d) {
			break
		}
		parts = append(parts, d[:n])
		d = d[n:]
	}
	if d != "" {
		parts = append(parts, d)
	}
	return strings.Join(parts, sep)
}

// sepArg reads the layout argument shared by most generators.
func sepArg(args []string, i int) string {
	if i >= len(args) {
		return ""
	}
	switch args[i] {
	case "space":
		return " "
	case "dash":
		return "-"
	case "dot":
		return "."
	case "slash":
		return "/"
	}
	return ""
}

func luhnDigit(payload string) byte {
	sum := 0
	for i := len(payload) - 1; i >= 0; i-- {
		d := int(payload[i] - '0')
		if (len(payload)-1-i)%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return byte('0' + (10-sum%10)%10)
}

// cardPrefixes are issuer prefixes (IIN ranges) and card lengths.
var cardPrefixes = map[string]struct {
	prefixes []string
	length   int
	lens     []int
}{
	"visa":       {[]string{"4"}, 16, []int{4, 4, 4, 4}},
	"mastercard": {[]string{"51", "52", "53", "54", "55", "2221", "2720"}, 16, []int{4, 4, 4, 4}},
	"amex":       {[]string{"34", "37"}, 15, []int{4, 6, 5}},
	"discover":   {[]string{"6011", "65"}, 16, []int{4, 4, 4, 4}},
	"jcb":        {[]string{"3528", "3589"}, 16, []int{4, 4, 4, 4}},
	"maestro":    {[]string{"6759"}, 16, []int{4, 4, 4, 4}},
}

// genCard: {{card:visa:space}}.
func genCard(rng *rand.Rand, args []string) (string, string, error) {
	if len(args) == 0 {
		return "", "", fmt.Errorf("card needs an issuer")
	}
	issuer, ok := cardPrefixes[args[0]]
	if !ok {
		return "", "", fmt.Errorf("unknown card issuer %q", args[0])
	}
	p := issuer.prefixes[rng.IntN(len(issuer.prefixes))]
	payload := p + digits(rng, issuer.length-len(p)-1)
	d := payload + string(luhnDigit(payload))
	return "card", group(d, sepArg(args, 1), issuer.lens...), nil
}

// ibanBBAN describes a country's BBAN: 'n' a digit, 'a' an upper-case
// letter, 'c' either.
var ibanBBAN = map[string]string{
	"DE": "nnnnnnnnnnnnnnnnnn", "FR": "nnnnnnnnnnccccccccccnnn", "ES": "nnnnnnnnnnnnnnnnnnnn",
	"IT": "annnnnnnnnncccccccccccc", "NL": "aaaannnnnnnnnn", "GB": "aaaannnnnnnnnnnnnn",
	"BE": "nnnnnnnnnnnn", "PT": "nnnnnnnnnnnnnnnnnnnnn", "AT": "nnnnnnnnnnnnnnnn",
	"IE": "aaaannnnnnnnnnnnnn", "CH": "nnnnncccccccccccc", "LU": "nnnccccccccccccc",
}

// genIBAN: {{iban:DE:space}}.
func genIBAN(rng *rand.Rand, args []string) (string, string, error) {
	if len(args) == 0 {
		return "", "", fmt.Errorf("iban needs a country")
	}
	layout, ok := ibanBBAN[args[0]]
	if !ok {
		return "", "", fmt.Errorf("unknown iban country %q", args[0])
	}
	var bban strings.Builder
	for _, c := range layout {
		switch {
		case c == 'n', c == 'c' && rng.IntN(3) > 0:
			bban.WriteByte(byte('0' + rng.IntN(10)))
		default:
			bban.WriteByte(byte('A' + rng.IntN(26)))
		}
	}
	check := 98 - mod97(bban.String()+args[0]+"00")
	iban := fmt.Sprintf("%s%02d%s", args[0], check, bban.String())
	return "iban", group(iban, sepArg(args, 1), 4, 4, 4, 4, 4, 4, 4, 4), nil
}

// mod97 reads letters as 10..35 (ISO 13616).
func mod97(s string) int {
	var num strings.Builder
	for _, c := range s {
		if c >= 'A' && c <= 'Z' {
			fmt.Fprintf(&num, "%d", c-'A'+10)
		} else {
			num.WriteRune(c)
		}
	}
	n, _ := new(big.Int).SetString(num.String(), 10)
	return int(new(big.Int).Mod(n, big.NewInt(97)).Int64())
}

// genSSN: {{ssn:dash}}; areas 001-899 except 666, groups and serials
// never zero.
func genSSN(rng *rand.Rand, args []string) (string, string, error) {
	area := 1 + rng.IntN(898)
	if area == 666 {
		area = 667
	}
	d := fmt.Sprintf("%03d%02d%04d", area, 1+rng.IntN(99), 1+rng.IntN(9999))
	return "ssn", group(d, sepArg(args, 0), 3, 2), nil
}

// genITIN: {{itin:dash}}; 9XX-7X-XXXX.
func genITIN(rng *rand.Rand, args []string) (string, string, error) {
	d := fmt.Sprintf("9%02d%02d%04d", rng.IntN(100), 70+rng.IntN(19), 1+rng.IntN(9999))
	return "itin", group(d, sepArg(args, 0), 3, 2), nil
}
