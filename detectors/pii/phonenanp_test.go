package pii

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// TestNANPNumberAgreesWithParse holds the shortcut to phonenumbers.Parse:
// for every ten digits it takes, the same validity and the same E.164
// form; and it takes nothing else.
func TestNANPNumberAgreesWithParse(t *testing.T) {
	texts := []string{"2025550143", "8005550199", "9999999999", "2000000000", "5555555555", "2125551212", "3105550100"}
	r := rand.New(rand.NewPCG(7, 11))
	for range 3000 {
		texts = append(texts, fmt.Sprintf("%d%09d", 2+r.IntN(8), r.IntN(1e9)))
	}
	for _, text := range texts {
		num, e164, ok := nanpNumber(text, "US")
		if !ok {
			t.Fatalf("nanpNumber(%q) declined ten digits", text)
		}
		want, err := phonenumbers.Parse(text, "US")
		if err != nil {
			t.Fatalf("Parse(%q): %v", text, err)
		}
		if got, w := validNumber(num, "US"), validNumber(want, "US"); got != w {
			t.Errorf("%s: valid %v, Parse's number %v", text, got, w)
		}
		if w := phonenumbers.Format(want, phonenumbers.E164); e164 != w || phonenumbers.Format(num, phonenumbers.E164) != w {
			t.Errorf("%s: E.164 %s, Parse's %s", text, e164, w)
		}
	}
	for _, tt := range []struct{ name, text, region string }{
		{"trunk one", "12025550143", "US"},
		{"leading one", "1202555014", "US"},
		{"leading zero", "0112025550", "US"},
		{"nine digits", "202555014", "US"},
		{"eleven digits", "20255501434", "US"},
		{"other region", "2025550143", "CA"},
		{"not digits", "20255501x3", "US"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, _, ok := nanpNumber(tt.text, tt.region); ok {
				t.Errorf("nanpNumber(%q, %s) took it; Parse must read it", tt.text, tt.region)
			}
		})
	}
}
