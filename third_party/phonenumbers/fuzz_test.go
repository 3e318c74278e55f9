package phonenumbers

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// FuzzParse parses any text as a phone number dialled in any region, as
// consign's phone detector does with each candidate in a file, and
// formats what it gets. Nothing may panic, and a number the library
// calls valid must come back the same from its E.164 form: consign
// reports and fingerprints numbers by it. (Change from upstream
// nyaruka/phonenumbers, which has no fuzz target.)
func FuzzParse(f *testing.F) {
	for _, s := range []string{"+1 415 555 0132", "(415) 555-0132", "020 7946 0958", "+44 20 7946 0958", "06 12 34 56 78",
		"+33 6 12 34 56 78", "030 123456", "+49 30 123456", "+39 06 1234 5678", "tel:+1-415-555-0132;ext=12", "1-800-FLOWERS"} {
		f.Add(s, uint16(0))
	}
	// The numbers of consign's labelled evaluation set.
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "eval", "pii", "*.jsonl"))
	for _, name := range files {
		for _, s := range evalPhones(name) {
			f.Add(s, uint16(len(s)))
		}
	}
	var regions []string
	for r := range GetSupportedRegions() {
		regions = append(regions, r)
	}
	sort.Strings(regions)
	regions = append(regions, "", UNKNOWN_REGION)
	f.Fuzz(func(t *testing.T, text string, ri uint16) {
		region := regions[int(ri)%len(regions)]
		num, err := Parse(text, region)
		if err != nil {
			return
		}
		for _, format := range []PhoneNumberFormat{E164, INTERNATIONAL, NATIONAL, RFC3966} {
			Format(num, format)
		}
		FormatOutOfCountryCallingNumber(num, region)
		GetNumberType(num)
		IsPossibleNumberWithReason(num)
		if !IsValidNumberForRegion(num, region) && !IsValidNumber(num) {
			return
		}
		e164 := Format(num, E164)
		again, err := Parse(e164, UNKNOWN_REGION)
		if err != nil {
			t.Fatalf("%q in %s is valid as %s, which does not parse: %v", text, region, e164, err)
		}
		if got := Format(again, E164); got != e164 || !IsValidNumber(again) {
			t.Fatalf("%q in %s is valid as %s, which parses as %s (valid %v)", text, region, e164, got, IsValidNumber(again))
		}
	})
}

// evalPhones returns the phone numbers marked in one file of consign's
// evaluation set (one JSON object a line, with byte spans).
func evalPhones(name string) []string {
	fh, err := os.Open(name)
	if err != nil {
		return nil
	}
	defer fh.Close()
	var out []string
	sc := bufio.NewScanner(fh)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var ex struct {
			Text  string
			Spans []struct {
				Start, End int
				Kind       string
			}
		}
		if json.Unmarshal(sc.Bytes(), &ex) != nil {
			continue
		}
		for _, s := range ex.Spans {
			if s.Kind == "phone" && 0 <= s.Start && s.Start < s.End && s.End <= len(ex.Text) {
				out = append(out, ex.Text[s.Start:s.End])
			}
		}
	}
	return out
}
