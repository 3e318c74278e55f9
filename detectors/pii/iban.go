package pii

import (
	"github.com/consignhq/consign/detectors"
)

// IBANName names the IBAN detector.
const IBANName = "pii/iban"

// maxIBAN is the longest IBAN any country issues (ISO 13616).
const maxIBAN = 34

// ibanLengths is the IBAN length of each country in the SWIFT IBAN
// registry. The length is checked before the mod-97 checksum.
var ibanLengths = map[string]int{
	"AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
	"BH": 22, "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24,
	"DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18,
	"FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27,
	"GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
	"IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20,
	"LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20,
	"MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24,
	"PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24,
	"SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25,
	"SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
	"YE": 30,
}

// IBAN finds international bank account numbers, written solid or in the
// printed groups of four, by country length and the mod-97 check.
type IBAN struct{ textOnly }

var _ detectors.TextDetector = (*IBAN)(nil)

// NewIBAN returns the IBAN detector.
func NewIBAN(detectors.Config) detectors.Detector { return &IBAN{} }

// Name implements detectors.Detector.
func (*IBAN) Name() string { return IBANName }

// MaxLen implements detectors.TextDetector: 34 characters in groups of four.
func (*IBAN) MaxLen() int { return maxIBAN + maxIBAN/4 }

// Find implements detectors.TextDetector. It visits the first digit of
// each digit run, and goes on only when two capitals precede it.
func (*IBAN) Find(item *detectors.Item, chunk []byte) []detectors.Match {
	dg := digitsOf(item, chunk)
	var out []detectors.Match
	for i := 0; i < len(chunk); {
		if i = dg.next(i); i == len(chunk) {
			break
		}
		start := i - 2
		if start >= 0 && asciiUpper(chunk[start]) && asciiUpper(chunk[start+1]) &&
			i+1 < len(chunk) && asciiDigit(chunk[i+1]) && !alnumBefore(chunk, start) {
			if m, ok := ibanAt(chunk, start); ok {
				out = append(out, m)
				i = m.End
				continue
			}
		}
		for i < len(chunk) && asciiDigit(chunk[i]) {
			i++
		}
	}
	return out
}

// ibanAt reads the IBAN of the country code at chunk[start:].
func ibanAt(chunk []byte, start int) (detectors.Match, bool) {
	want, ok := ibanLengths[string(chunk[start:start+2])]
	if !ok {
		return detectors.Match{}, false
	}
	var compact [maxIBAN]byte
	n, i, spaced := 0, start, false
	for n < want && i < len(chunk) {
		c := chunk[i]
		switch {
		case asciiUpper(c) || asciiDigit(c):
			compact[n] = c
			n++
			i++
		case c == ' ' && n%4 == 0 && (n == 4 || spaced) && i+1 < len(chunk) && alnumAt(chunk, i+1):
			spaced = true
			i++
		default:
			return detectors.Match{}, false
		}
	}
	if n != want || alnumAt(chunk, i) {
		return detectors.Match{}, false
	}
	value := string(compact[:n])
	if !ibanChecksum(value) {
		return detectors.Match{}, false
	}
	return detectors.Match{
		Start: start, End: i, Value: value,
		Kind: "iban", Severity: detectors.SeverityHigh, Confidence: 0.95,
	}, true
}

// ibanChecksum is the ISO 7064 mod 97-10 check: the country code and
// check digits moved to the end, letters as 10-35, the number mod 97 is 1.
func ibanChecksum(iban string) bool {
	if cd := iban[2:4]; cd == "00" || cd == "01" || cd == "99" {
		return false
	}
	rem := 0
	for k := range len(iban) {
		c := iban[(k+4)%len(iban)]
		if asciiDigit(c) {
			rem = (rem*10 + int(c-'0')) % 97
		} else {
			rem = (rem*100 + int(c-'A'+10)) % 97
		}
	}
	return rem == 1
}
