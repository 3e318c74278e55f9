package pii

import (
	"slices"
	"testing"

	"github.com/consignhq/consign/detectors"
)

var dobCases = []detectorCase{
	{"dob label numeric", "DOB: 03/14/1985", []string{"03/14/1985"}},
	{"date of birth iso", "Date of birth: 1985-03-14.", []string{"1985-03-14"}},
	{"born month first", "She was born on March 14, 1985 in Ohio.", []string{"March 14, 1985"}},
	{"born ordinal of", "born on the 3rd of May 1990", []string{"3rd of May 1990"}},
	{"born abbreviation", "He was born Jan. 5, 1970.", []string{"Jan. 5, 1970"}},
	{"birthday no year", "My birthday is May 3, so cake!", []string{"May 3"}},
	{"french", "Marie, née le 12 février 1987 à Lyon", []string{"12 février 1987"}},
	{"french premier", "né le 1er mai 1990", []string{"1er mai 1990"}},
	{"german", "Max Muster, geboren am 14. März 1985", []string{"14. März 1985"}},
	{"german geb", "geb. 14.03.1985 in Köln", []string{"14.03.1985"}},
	{"spanish", "nacido el 14 de marzo de 1985", []string{"14 de marzo de 1985"}},
	{"spanish label", "Fecha de nacimiento: 14/03/1985", []string{"14/03/1985"}},
	{"italian", "nata il 7 luglio 1992 a Roma", []string{"7 luglio 1992"}},
	{"italian label", "Data di nascita: 07-07-92", []string{"07-07-92"}},
	{"cue after", "14.03.1985 (Geburtsdatum)", []string{"14.03.1985"}},
	{"two digit year dotted", "DOB 3.4.85", []string{"3.4.85"}},
	{"spanish first person", "Nací el 2 de enero de 1990.", []string{"2 de enero de 1990"}},
	{"dashed month", "DOB: 14-Mar-1985", []string{"14-Mar-1985"}},
	{"vcard basic", "BDAY:19850314", []string{"19850314"}},
	{"iso with time", "birthDate: 1985-03-14T00:00:00Z", []string{"1985-03-14"}},
	{"bio abbreviation", "Jane Doe (b. 14 March 1985) is a painter.", []string{"14 March 1985"}},
	{"portuguese", "nascida em 14 de março de 1985", []string{"14 de março de 1985"}},
	{"dutch", "geboren op 3 mei 1990", []string{"3 mei 1990"}},
	// False positives.
	{"cue in the next sentence", "Rendez-vous le 12 mars avec Mme Girard.\nNée à Lyon", nil},
	{"date without cue", "The show opens on March 14, 1985.", nil},
	{"invoice date", "Invoice date: 2021-06-03, due 2021-07-03", nil},
	{"born year only", "born in 1985 in Ohio", nil},
	{"invalid date", "DOB: 31/31/1985", nil},
	{"newborn", "the newborn arrived 2021-06-03 at noon", nil},
	{"verb in another clause", "Born and raised in Ohio, I graduated on May 5, 2010.", nil},
	{"verb with a place", "She was born in Dayton, Ohio on 4 July 1975.", []string{"4 July 1975"}},
	{"far cue", "Born in a small village by the sea and raised by my aunt, I moved on 2010-05-01.", nil},
	{"version", "born v1.2.3 release", nil},
	{"phone", "DOB call 555-1234", nil},
	{"eight digits without cue", "order 19850314 shipped", nil},
	{"rené", "René 12.03.2020 meeting", nil},
}

func TestDOB(t *testing.T) { runCases(t, &DOB{}, dobCases) }

func TestDOBValues(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"DOB: 03/14/1985", "1985-03-14"},
		{"DOB: 14/03/1985", "1985-03-14"},
		{"DOB: 05.04.1985", "1985-04-05"},
		{"birthday: May 3", "--05-03"},
		{"DOB 1.2.29", "2029-02-01"},
	} {
		t.Run(c.text, func(t *testing.T) {
			var got []string
			for _, m := range (&DOB{}).Find(&detectors.Item{}, []byte(c.text)) {
				got = append(got, m.Value)
				if m.Kind != "date_of_birth" || m.Severity != detectors.SeverityHigh {
					t.Errorf("match %+v", m)
				}
			}
			if !slices.Equal(got, []string{c.want}) {
				t.Errorf("values %q, want %q", got, c.want)
			}
		})
	}
}

func FuzzDOB(f *testing.F) { fuzzDetector(f, &DOB{}, dobCases) }

func BenchmarkDOB(b *testing.B) {
	benchDetectors(b, benchProse(8<<20), &detectors.Item{Language: "en"}, &DOB{})
}
