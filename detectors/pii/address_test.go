package pii

import (
	"testing"

	"github.com/consignhq/consign/detectors"
)

var addressCases = []detectorCase{
	// Street lines, alone and with their city line.
	{"us white house", "Send it to 1600 Pennsylvania Ave NW, Washington, DC 20500 today.", []string{"1600 Pennsylvania Ave NW, Washington, DC 20500"}},
	{"us apartment", "I moved to 123 Main St. Apt 4B last week", []string{"123 Main St. Apt 4B"}},
	{"us suite and zip4", "Acme, 500 Market Street, Suite 200, San Francisco, CA 94105-1234.", []string{"500 Market Street, Suite 200, San Francisco, CA 94105-1234"}},
	{"us two lines", "Ship to:\n42 Oak Lane\nSpringfield, IL 62704\n", []string{"42 Oak Lane\nSpringfield, IL 62704"}},
	{"uk downing street", "10 Downing Street, London SW1A 2AA", []string{"10 Downing Street, London SW1A 2AA"}},
	{"uk baker street", "he lived at 221B Baker Street.", []string{"221B Baker Street"}},
	{"german", "Hauptstraße 5, 10115 Berlin", []string{"Hauptstraße 5, 10115 Berlin"}},
	{"german two words", "Wir wohnen in der Berliner Straße 12a.", []string{"Berliner Straße 12a"}},
	{"german abbreviation", "Hauptstr. 5", []string{"Hauptstr. 5"}},
	{"french", "au 12 rue de la Paix, 75002 Paris", []string{"12 rue de la Paix, 75002 Paris"}},
	{"french comma", "12, avenue des Champs-Élysées", []string{"12, avenue des Champs-Élysées"}},
	{"spanish", "Calle Mayor 10, 28013 Madrid", []string{"Calle Mayor 10, 28013 Madrid"}},
	{"spanish comma", "en la Calle de Alcalá, 42", []string{"Calle de Alcalá, 42"}},
	{"italian", "Via Roma 1, 00184 Roma", []string{"Via Roma 1, 00184 Roma"}},
	{"dutch", "Kalverstraat 1, 1012 NX Amsterdam", []string{"Kalverstraat 1, 1012 NX Amsterdam"}},
	{"frankfurt am main", "Mainzer Landstraße 50, 60325 Frankfurt am Main", []string{"Mainzer Landstraße 50, 60325 Frankfurt am Main"}},
	{"portuguese", "Rua Augusta 100, 1100-053 Lisboa", []string{"Rua Augusta 100, 1100-053 Lisboa"}},
	{"us loop", "1 Infinite Loop, Cupertino, CA 95014", []string{"1 Infinite Loop, Cupertino, CA 95014"}},
	{"uk flat", "Flat 2, 10 Downing Street, London SW1A 2AA", []string{"Flat 2, 10 Downing Street, London SW1A 2AA"}},
	{"letterhead", "Muster GmbH · Musterstraße 1 · 12345 Musterstadt · Tel", []string{"Musterstraße 1 · 12345 Musterstadt"}},
	{"canada", "24 Sussex Drive, Ottawa, ON K1M 1M4", []string{"24 Sussex Drive, Ottawa, ON K1M 1M4"}},
	{"canada postcode alone", "mail to K1A 0B1 please", []string{"K1A 0B1"}},
	{"us state name", "42 Oak Lane, Springfield, Illinois 62704", []string{"42 Oak Lane, Springfield, Illinois 62704"}},
	{"us two-word state", "350 Fifth Avenue, New York, New York 10118", []string{"350 Fifth Avenue, New York, New York 10118"}},
	{"spanish adjective and type", "Gran Vía 28, 28013 Madrid", []string{"Gran Vía 28, 28013 Madrid"}},
	{"spanish adjective, long name", "Gran Vía de les Corts Catalanes 585, 08007 Barcelona", []string{"Gran Vía de les Corts Catalanes 585, 08007 Barcelona"}},
	{"dutch name and type", "Grote Markt 1, 9711 LV Groningen", []string{"Grote Markt 1, 9711 LV Groningen"}},
	{"brazil", "Avenida Paulista 1578, São Paulo - SP, 01310-200", []string{"Avenida Paulista 1578, São Paulo - SP, 01310-200"}},
	{"brazil particle in city", "Rua das Laranjeiras 210, Rio de Janeiro - RJ, 22240-003", []string{"Rua das Laranjeiras 210, Rio de Janeiro - RJ, 22240-003"}},
	{"brazil slash and cep word", "Rua Augusta 1508\nSão Paulo/SP, CEP 01304-001\n", []string{"Rua Augusta 1508\nSão Paulo/SP, CEP 01304-001"}},
	{"brazil abbreviated type", "Av. Paulista 1578, São Paulo – SP 01310-200", []string{"Av. Paulista 1578, São Paulo – SP 01310-200"}},
	{"us numbered street", "Derek Hall, Apt 4B, 350 W 42nd St, New York, NY 10036", []string{"Apt 4B, 350 W 42nd St, New York, NY 10036"}},
	{"us ordinal avenue", "350 5th Avenue, New York, NY 10118", []string{"350 5th Avenue, New York, NY 10118"}},
	{"sentence end after city", "en Calle Mayor 15, 29400 Ronda. Teléfono 952 87 12 34.", []string{"Calle Mayor 15, 29400 Ronda"}},
	// PO boxes.
	{"po box", "PO Box 123, Springfield, IL 62704", []string{"PO Box 123, Springfield, IL 62704"}},
	{"p.o. box", "write to P.O. Box 4711", []string{"P.O. Box 4711"}},
	{"postfach", "Postfach 12 34, 10115 Berlin", []string{"Postfach 12 34, 10115 Berlin"}},
	{"boite postale", "BP 123 Dakar", []string{"BP 123"}},
	{"apartado", "Apartado 45", []string{"Apartado 45"}},
	// Postcodes alone.
	{"uk postcode", "Our office is near EC1A 1BB and M1 1AE.", []string{"EC1A 1BB", "M1 1AE"}},
	{"us city state zip", "Austin, TX 78701", []string{"78701"}},
	{"eu code line", "Musterfirma GmbH\n10115 Berlin\nGermany", []string{"10115"}},
	{"dutch code", "Amsterdam,\n1012 NX Amsterdam", []string{"1012 NX"}},
	{"brazil city and cep", "São Paulo - SP, 01310-200", []string{"01310-200"}},
	{"plz", "Die Lieferung geht an die PLZ 80331, Zustellung nächste Woche.", []string{"80331"}},
	{"code postal", "Code postal : 33000, la commande arrive sous 48 h.", []string{"33000"}},
	{"labelled codes", "CEP 01310-200; zip code 10001-1234; postcode 1012 NX; C.P. 28013; CAP 00184; postnummer 114 55; PLZ 1010", []string{"01310-200", "10001-1234", "1012 NX", "28013", "00184", "114 55", "1010"}},
	// vCard ADR properties: post office box, extended address, street,
	// locality, region, postal code, country.
	{"vcard adr", "BEGIN:VCARD\nADR;TYPE=home:;;123 Main St;Springfield;IL;62701;USA\nEND:VCARD", []string{"123 Main St;Springfield;IL;62701;USA"}},
	{"vcard adr without a street type", "ADR:;;Hauptplatz 5;Graz;;8010;Austria\r\n", []string{"Hauptplatz 5;Graz;;8010;Austria"}},
	{"vcard adr po box", "item2.ADR;TYPE=work:PO Box 12;;;Oslo;;0101;Norway\n", []string{"PO Box 12;;;Oslo;;0101;Norway"}},
	{"vcard adr escaped comma", "ADR:;Apt 4\\, rear;12 Elm Row;Leeds;;LS1 1AA;\n", []string{"Apt 4\\, rear;12 Elm Row;Leeds;;LS1 1AA"}},
	{"vcard adr city alone", "ADR:;;;Paris;;;France\n", nil},
	{"adr in prose", "ADR: the average daily rate rose to 120 in May", nil},
	// False positives.
	{"bare five digits", "we counted 12345 birds", nil},
	{"year before word", "In 2021 Paris was quiet", nil},
	{"season", "Spring 2021 collection", nil},
	{"user id", "User ID 12345", nil},
	{"via prose", "we went via Rome 3 times", nil},
	{"amount", "Total:\n12500 Euro", nil},
	{"bad uk postcode", "code QA1 1AA and SW1A 1CI", nil},
	{"version", "Chapter 12 Street Fighter", nil},
	{"lowercase words", "I have 3 cats and 2 dogs", nil},
	{"zip without state", "order 94105 shipped", nil},
	{"route number", "Route 66 is long", nil},
	{"version and lines", "Version 1.2, 28013 lines", nil},
	{"label without digits", "Bitte die PLZ angeben, danke", nil},
	{"lowercase acronym", "plz send 12345 now, the cap 10000 holds", nil},
	{"acronym before a year", "the CAP 2023 reform and ZIP 1234", nil},
	{"label before a decimal", "postcode 12345.5 and ZIP 12345678", nil},
	{"unit alone", "Apt 4B, second floor", nil},
	{"ordinal rank", "we won 3 1st Place trophies and 2 3rd Row seats", nil},
	{"ordinal without house number", "Chapter 42nd St", nil},
	{"ordinal disagreeing", "350 W 42st St", nil},
	{"price and state", "R$ 1.500 - SP, 01310-200", nil},
	{"state without cep", "Rua Augusta 1508, São Paulo - SP, 12 de março", nil},
	{"year range", "Copyright © 2018–2024 Harper Lane. All rights reserved. 2018-2024 Harper Lane", nil},
	{"adjective without type", "Gran Torino 2 and Grand Theft Auto 5", nil},
	{"type word in a compound", "im Supermarkt 3 Äpfel", nil},
	{"sentence end before street", "Visit Via Roma. Room 12", nil},
}

func TestAddress(t *testing.T) { runCases(t, &Address{}, addressCases) }

func TestAddressKinds(t *testing.T) {
	ms := (&Address{}).Find(nil, []byte("10 Downing Street and SW1A 2AA"))
	if len(ms) != 2 || ms[0].Kind != "street_address" || ms[1].Kind != "postcode" {
		t.Fatalf("got %+v", ms)
	}
	if ms[0].Value != "10 Downing Street" || ms[0].Severity != detectors.SeverityMedium {
		t.Errorf("match %+v", ms[0])
	}
}

func FuzzAddress(f *testing.F) { fuzzDetector(f, &Address{}, addressCases) }

func BenchmarkAddress(b *testing.B) {
	benchDetectors(b, benchProse(8<<20), &detectors.Item{Language: "en"}, &Address{})
}
