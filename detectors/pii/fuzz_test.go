package pii

import (
	"testing"

	"github.com/consignhq/consign/detectors"
)

// fuzzSeeds are texts near every shape the detectors know.
var fuzzSeeds = []string{
	"Call (202) 555-0143 ext. 12", "+44 20 7946 0958", "01 23 45 67 89", "2021-06-03 14:22",
	"SSN 536-22-8745", "ITIN 912-70-1234", "AB 12 34 56 C", "NHS 943 476 5919",
	"12.345.678-Z", "X-1234567-L", "RSSMRA85T10A56NH", "1 85 05 2A 004 012 70",
	"Steuer-ID 57 182 934 651", "2345 6789 0124", "111.444.777-35",
	"1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
	"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "\xc2\xa0123\xc2\xa045\xc2\xa06789", "(((1)))--..//",
}

// fuzzIdentifierDetector checks the contract of Find on any input: no panic, and
// every match inside the chunk with a value, a kind and a confidence.
func fuzzIdentifierDetector(f *testing.F, d detectors.TextDetector) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s), "en")
	}
	f.Fuzz(func(t *testing.T, chunk []byte, lang string) {
		for _, m := range d.Find(&detectors.Item{Language: lang}, chunk) {
			if m.Start < 0 || m.End > len(chunk) || m.Start >= m.End {
				t.Fatalf("match %+v outside chunk of %d bytes", m, len(chunk))
			}
			if m.Value == "" || m.Kind == "" || m.Confidence <= 0 || m.Confidence > 1 {
				t.Fatalf("incomplete match %+v", m)
			}
			if m.End-m.Start > d.MaxLen() {
				t.Fatalf("match %+v longer than MaxLen %d", m, d.MaxLen())
			}
		}
	})
}

func FuzzPhone(f *testing.F)        { fuzzIdentifierDetector(f, NewPhone("")) }
func FuzzSSN(f *testing.F)          { fuzzIdentifierDetector(f, NewSSN()) }
func FuzzNationalID(f *testing.F)   { fuzzIdentifierDetector(f, NewNationalID()) }
func FuzzCryptoWallet(f *testing.F) { fuzzIdentifierDetector(f, NewCryptoWallet()) }
