package pii

import (
	"slices"
	"testing"
)

// The true positives below are made-up numbers that pass their checks
// (computed for these tests) or the published examples of each scheme.

func TestNationalIDUK(t *testing.T) {
	runSamples(t, NewNationalID("uk_nino", "uk_nhs"), nil, []sample{
		{"nino", "NI number AB123456C on file", []string{"AB123456C"}},
		{"nino spaced", "her number is AB 12 34 56 C.", []string{"AB123456C"}},
		{"nino lower with cue", "national insurance: ab123456c", []string{"AB123456C"}},
		{"nino no suffix with cue", "NINO JG103759", []string{"JG103759"}},
		{"nino bad first letter", "DA123456C", nil},
		{"nino bad second letter", "AO123456C", nil},
		{"nino unallocated prefix", "GB123456A", nil},
		{"nino dummy", "QQ123456C", nil},
		{"nino bad suffix", "AB123456E", nil},
		{"nino no suffix no cue", "part AB123456 in stock", nil},
		{"nino in token", "XAB123456C", nil},
		{"nino lower no cue", "ab123456c", nil},
		{"nhs spaced", "patient 943 476 5919 admitted", []string{"9434765919"}},
		{"nhs cue bare", "NHS number: 9434765919", []string{"9434765919"}},
		{"nhs cue dashes", "NHS no. 401-023-2137", []string{"4010232137"}},
		{"nhs bad check", "patient 943 476 5918", nil},
		{"nhs bare no cue", "ref 9434765919", nil},
		{"nhs dashes no cue", "call 401-023-2137", nil},
		{"nhs next to phone word", "phone 943 476 5919", nil},
		{"nhs longer grouping", "+1 943 476 5919", nil},
	})
}

func TestNationalIDCanada(t *testing.T) {
	runSamples(t, NewNationalID("ca_sin"), nil, []sample{
		{"sin dashes", "SIN 046-454-286 on the T4", []string{"046454286"}},
		{"sin dashes no cue", "employee 130-245-673", []string{"130245673"}},
		{"sin spaced with cue", "social insurance number 527 618 433", []string{"527618433"}},
		{"sin bare with cue", "SIN: 527618433", []string{"527618433"}},
		{"sin spaced no cue", "a total of 527 618 433 units", nil},
		{"sin bad luhn", "SIN 046-454-287", nil},
		{"sin business prefix", "SIN 800-000-006", nil},
		{"sin bare no cue", "order 527618433", nil},
		{"sin using", "using 527618433 items", nil},
	})
}

func TestNationalIDSpain(t *testing.T) {
	runSamples(t, NewNationalID("es_dni", "es_nie"), nil, []sample{
		{"dni", "DNI 12345678Z", []string{"12345678Z"}},
		{"dni no cue", "titular 87654321X firmó", []string{"87654321X"}},
		{"dni dotted dash", "con D.N.I. 12.345.678-Z", []string{"12345678Z"}},
		{"dni lower with cue", "dni 12345678z", []string{"12345678Z"}},
		{"dni wrong letter", "DNI 12345678A", nil},
		{"dni lower no cue", "12345678z", nil},
		{"dni in token", "AB12345678Z", nil},
		{"dni letter starts word", "12345678 Zaragoza", nil},
		{"nie", "NIE X1234567L", []string{"X1234567L"}},
		{"nie dashes", "X-1234567-L", []string{"X1234567L"}},
		{"nie z", "Z7654321H", []string{"Z7654321H"}},
		{"nie wrong letter", "X1234567A", nil},
		{"nie wrong lead", "W1234567L", nil},
	})
}

func TestNationalIDItaly(t *testing.T) {
	runSamples(t, NewNationalID("it_fiscal_code"), nil, []sample{
		{"codice fiscale", "C.F. RSSMRA85T10A562S", []string{"RSSMRA85T10A562S"}},
		{"woman", "codice fiscale: BNCLRA90A41F205I.", []string{"BNCLRA90A41F205I"}},
		{"lower case", "cf rssmra85t10a562s", []string{"RSSMRA85T10A562S"}},
		{"omocodia", "RSSMRA85T10A56NH", []string{"RSSMRA85T10A56NH"}},
		{"wrong check", "RSSMRA85T10A562T", nil},
		{"bad month letter", "RSSMRA85Z10A562S", nil},
		{"mixed case", "RssMRA85T10A562S", nil},
		{"longer token", "XRSSMRA85T10A562S", nil},
		{"hex id", "4f3a9c2b7d1e8f60", nil},
	})
}

func TestNationalIDFrance(t *testing.T) {
	runSamples(t, NewNationalID("fr_nir"), nil, []sample{
		{"nir vitale grouping", "n° 1 85 05 78 006 084 91", []string{"185057800608491"}},
		{"nir bare", "NIR 185057800608491", []string{"185057800608491"}},
		{"nir key apart", "1850578006084 91", []string{"185057800608491"}},
		{"nir corsica 2A", "sécurité sociale 1 85 05 2A 004 012 70", []string{"185052A00401270"}},
		{"nir corsica 2B", "2 90 02 2B 123 045 31", []string{"290022B12304531"}},
		{"nir wrong key", "1 85 05 78 006 084 92", nil},
		{"nir bad month", "1 85 15 78 006 084 91", nil},
		{"nir odd grouping", "18 505 780 060 849 1", nil},
		{"nir longer", "1 85 05 78 006 084 91 12", nil},
	})
}

func TestNationalIDGermany(t *testing.T) {
	runSamples(t, NewNationalID("de_tax_id"), nil, []sample{
		{"steuer-id", "Steuer-ID: 86095742719", []string{"86095742719"}},
		{"idnr grouped", "IdNr. 57 182 934 651", []string{"57182934651"}},
		{"steuerliche identifikationsnummer", "Ihre Steueridentifikationsnummer 12324567898", []string{"12324567898"}},
		{"no cue", "Bestellung 86095742719", nil},
		{"wrong check", "Steuer-ID: 86095742718", nil},
		{"no repeated digit", "Steuer-ID: 47153682905", nil},
		{"leading zero", "Steuer-ID: 06095742719", nil},
	})
}

func TestNationalIDIndia(t *testing.T) {
	runSamples(t, NewNationalID("in_aadhaar"), nil, []sample{
		{"aadhaar spaced", "Aadhaar 2345 6789 0124", []string{"234567890124"}},
		{"aadhaar no cue", "id 4987 1234 5679 verified", []string{"498712345679"}},
		{"aadhaar bare cue", "UIDAI number 234567890124", []string{"234567890124"}},
		{"aadhaar wrong check", "2345 6789 0125", nil},
		{"aadhaar leading one", "1345 6789 0124", nil},
		{"card grouping", "4111 1111 1111 1111", nil},
		{"bare no cue", "234567890124", nil},
	})
}

func TestNationalIDBrazil(t *testing.T) {
	runSamples(t, NewNationalID("br_cpf"), nil, []sample{
		{"cpf", "CPF 111.444.777-35", []string{"11144477735"}},
		{"cpf no cue", "titular 529.982.247-25", []string{"52998224725"}},
		{"cpf bare cue", "CPF: 39053344705", []string{"39053344705"}},
		{"cpf wrong check", "529.982.247-26", nil},
		{"cpf all same", "111.111.111-11", nil},
		{"cpf bare no cue", "pedido 39053344705", nil},
		{"ip-like", "111.444.777.35", nil},
	})
}

func TestNationalIDKinds(t *testing.T) {
	d := NewNationalID()
	text := "AB123456C, 943 476 5919, 130-245-673, 12345678Z, X1234567L, RSSMRA85T10A562S, " +
		"1 85 05 78 006 084 91, Steuer-ID 86095742719, 2345 6789 0124, 111.444.777-35"
	want := []string{"uk_nino", "uk_nhs", "ca_sin", "es_dni", "es_nie", "it_fiscal_code", "fr_nir", "de_tax_id", "in_aadhaar", "br_cpf"}
	if got := kinds(d, text); !slices.Equal(got, want) {
		t.Errorf("kinds = %q, want %q", got, want)
	}
	if got := NationalIDKinds(); !slices.Equal(got, want) {
		t.Errorf("NationalIDKinds() = %q, want %q", got, want)
	}
}

// Numbers that pass a check under the label of another kind of number are
// that number, unless a word naming the identifier stands near too.
func TestNationalIDOtherLabels(t *testing.T) {
	runSamples(t, NewNationalID(), nil, []sample{
		{"ticket like a sin", "Ticket 130-245-673 is open", nil},
		{"booking like an aadhaar", "Booking ref 2345 6789 0124, please quote it", nil},
		{"part like an nhs number", "Part 943 476 5919 replaces the hinge", nil},
		{"product code like a dni", "Referencia de producto 12345678Z, lote 7", nil},
		{"order like a cpf", "pedido 529.982.247-25 enviado", nil},
		{"label and cue", "Order form: SIN 130-245-673", []string{"130245673"}},
		{"label far before", "Order shipped to the office yesterday; titular 529.982.247-25", []string{"52998224725"}},
	})
}

func TestNationalIDProse(t *testing.T) {
	runSamples(t, NewNationalID(), nil, []sample{
		{"years and amounts", "In 2021 we sold 1,234,567 copies; on 2021-06-03 the price was 12.50 EUR.", nil},
		{"version and ip", "Version 10.0.19041.1234 at 192.168.1.10", nil},
		{"isbn", "ISBN 978-3-16-148410-0", nil},
		{"phone", "Call (202) 555-0143 or +44 20 7946 0958", nil},
	})
}
