package pii

import (
	"testing"

	"github.com/consignhq/consign/detectors"
)

func TestPhone(t *testing.T) {
	en := &detectors.Item{Language: "en"}
	runSamples(t, NewPhone(""), en, []sample{
		{"us parens", "Call me at (202) 555-0143 tonight.", []string{"+12025550143"}},
		{"us dashes", "office: 202-555-0143", []string{"+12025550143"}},
		{"us dots", "reach us on 202.555.0143.", []string{"+12025550143"}},
		{"us leading one", "toll free 1-800-555-0199 any time", []string{"+18005550199"}},
		{"international uk", "London office +44 20 7946 0958, ask for Ann", []string{"+442079460958"}},
		{"international fr", "Tél. : +33 1 23 45 67 89", []string{"+33123456789"}},
		{"label with colon", "Tel:+44 20 7946 0958", []string{"+442079460958"}},
		{"extension", "call 202-555-0143 ext. 12 for sales", []string{"+12025550143"}},
		{"bare ten digits", "my number is 2025550143 ok", []string{"+12025550143"}},
		{"two numbers", "Phone (202) 555-0143, fax (202) 555-0144.", []string{"+12025550143", "+12025550144"}},
		{"iso date", "Published 2021-06-03 in the journal.", nil},
		{"ratio", "FocalPlaneXResolution=\"2272000/224\"", nil},
		{"date slashes", "on 03/06/2021 we met", nil},
		{"date dots", "am 03.06.2021 um 10:30", nil},
		{"date and time", "2021-06-03 14:22:10", nil},
		{"year range", "between 1998-2004 and 2010-2015", nil},
		{"ip address", "server at 192.168.100.200 is down", nil},
		{"version", "upgrade to version 10.0.19041.1234 today", nil},
		{"v version", "v2.10.4.1234567", nil},
		{"card", "card 4111 1111 1111 1111 expired", nil},
		{"card bare", "4111111111111111", nil},
		{"isbn13", "ISBN 978-3-16-148410-0", nil},
		{"isbn13 bare", "see 9783161484100 for details", nil},
		{"isbn10 hyphens", "the book 0-306-40615-2 is out", nil},
		{"thousands dots", "cost 1.234.567 euros", nil},
		{"thousands spaces", "population 12 345 678 people", nil},
		{"decimal", "pi is 3.14159265358", nil},
		{"order number", "Order #2025550143 shipped", nil},
		{"order label", "order number 2025550143 shipped", nil},
		{"in token", "SKU-2025550143 and AB2025550143", nil},
		{"seven bare", "5550143", nil},
		{"invalid area", "123-456-7890", nil},
		{"ssn shape", "123-45-6789", nil},
		{"money", "$2025550143", nil},
		{"bare date", "20210603", nil},
		{"plus number that passes luhn", "Cel.: +55 11 98877-6655", []string{"+5511988776655"}},
		{"plus number after a negative label", "the booking line, it's +1 312 555 0148", []string{"+13125550148"}},
		{"gb national in english", "same phone: 020 7946 0312.", []string{"+442079460312"}},
		{"gb national needs its trunk zero", "call 1234 567890", nil},
		{"bare integer in json", `{"expires_at": 2147483647, "n": 3}`, nil},
		{"bare integer in prose", "max int32 is 2147483647 here", nil},
		{"bare with a cue after", "2025550143 (mobile)", []string{"+12025550143"}},
		{"csv field", "Ola,ola@example.no,+47 22 12 34 56\nKari", []string{"+4722123456"}},
		{"semicolon field", "Kari;+44 20 7946 0958;Oslo", []string{"+442079460958"}},
		{"vcard seven-digit tel", "BEGIN:VCARD\nTEL;TYPE=home:555-0123\nEND:VCARD", []string{"5550123"}},
		{"vcard 2.1 tel", "BEGIN:VCARD\r\nTEL;HOME;VOICE:5550199\r\n", []string{"5550199"}},
		{"vcard grouped tel uri", "item1.TEL;VALUE=uri;TYPE=\"voice,cell\":tel:+1-202-555-0143\n", []string{"+12025550143"}},
		{"vcard full tel once", "TEL;TYPE=work:(202) 555-0143\n", []string{"+12025550143"}},
		{"vcard tel too short", "TEL;TYPE=work:5550\n", nil},
		{"vcard tel not a number", "TEL;TYPE=work:call the desk 555\n", nil},
		{"tel in prose", "TEL is 5550123 and so on", nil},
		{"tel mid-line", "see TEL:5550123", nil},
	})
}

func TestPhoneRegionFromLanguage(t *testing.T) {
	fr := &detectors.Item{Language: "fr"}
	runSamples(t, NewPhone(""), fr, []sample{
		{"fr national", "Appelez le 01 23 45 67 89 demain", []string{"+33123456789"}},
		{"fr order number", "Commande n° 2024-00872 reçue", nil},
		{"fr vat number", "TVA FR 44 732829320", nil},
		{"fr mobile dots", "portable 06.12.34.56.78", []string{"+33612345678"}},
		{"fr date", "le 03/06/2021 à Paris", nil},
	})
	runSamples(t, NewPhone("GB"), &detectors.Item{Language: "en"}, []sample{
		{"gb national", "ring 020 7946 0958 now", []string{"+442079460958"}},
		{"us still read", "or (202) 555-0143 in DC", []string{"+12025550143"}},
	})
	runSamples(t, NewPhone(""), &detectors.Item{Language: "pt"}, []sample{
		{"br national", "fone (11) 3456-7890", []string{"+551134567890"}},
		{"pt national in portuguese", "ligue 912 345 678", []string{"+351912345678"}},
		{"pt order number", "Encomenda 2024-0099887 enviada", nil},
	})
	runSamples(t, NewPhone(""), &detectors.Item{Language: "de"}, []sample{
		{"de invoice number", "RECHNUNG Nr. 2024-0456 vom 3. März", nil},
		{"de tax id", "Steuer-IdNr. 71589203477, geb. 1981", nil},
		{"de order label", "Bestellnummer 4711-0815-42, Lieferung", nil},
		{"de label and phone cue", "Bestellhotline Telefon 030 12345678", []string{"+493012345678"}},
		{"de national", "Telefon: 030 12345678", []string{"+493012345678"}},
		{"de year range", "von 2019-2021 gültig", nil},
		{"de date", "vom 20210603", nil},
	})
}
