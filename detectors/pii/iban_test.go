package pii

import "testing"

var ibanCases = []detectorCase{
	{"de grouped", "IBAN: DE89 3704 0044 0532 0130 00, BIC", []string{"DE89 3704 0044 0532 0130 00"}},
	{"de solid", "DE89370400440532013000", []string{"DE89370400440532013000"}},
	{"gb letters in bban", "to GB82 WEST 1234 5698 7654 32 now", []string{"GB82 WEST 1234 5698 7654 32"}},
	{"norway shortest", "NO9386011117947", []string{"NO9386011117947"}},
	{"belgium then word", "BE68 5390 0754 7034 THEN", []string{"BE68 5390 0754 7034"}},
	{"france", "FR14 2004 1010 0505 0001 3M02 606", []string{"FR14 2004 1010 0505 0001 3M02 606"}},
	{"bad checksum", "DE89 3704 0044 0532 0130 01", nil},
	{"wrong length", "DE89 3704 0044 0532 0130 0", nil},
	{"too long", "DE8937040044053201300012", nil},
	{"unknown country", "ZZ89370400440532013000", nil},
	{"glued", "xDE89370400440532013000", nil},
	{"bad grouping", "DE 89 3704 0044 0532 0130 00", nil},
	{"lowercase", "de89370400440532013000", nil},
}

func TestIBAN(t *testing.T) { runCases(t, &IBAN{}, ibanCases) }

func TestIBANLengthsAreSane(t *testing.T) {
	for cc, n := range ibanLengths {
		if len(cc) != 2 || n < 15 || n > maxIBAN {
			t.Errorf("%s: length %d", cc, n)
		}
	}
}

func FuzzIBAN(f *testing.F) { fuzzDetector(f, &IBAN{}, ibanCases) }
