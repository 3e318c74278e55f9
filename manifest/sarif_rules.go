package manifest

import (
	"strings"

	"github.com/consignhq/consign/detectors"
)

// ruleText is what a SARIF viewer shows about a detector: a one-line
// description, a longer one with what to do about a finding, and the
// severity its findings usually have.
type ruleText struct {
	short, full, severity string
}

// ruleTexts describe consign's detectors for SARIF's reportingDescriptor.
// A detector missing here still gets a rule, with a description made from
// its name, so a new detector never breaks the report.
var ruleTexts = map[string]ruleText{
	"pii/name": {"Person name",
		"A person's name in the text: a given name and surname from public census and baby-name lists, or a capitalised name after a greeting, a signature, a byline or \"photo by\". Mask it unless the person is the creator or agreed to the sale.",
		detectors.SeverityMedium},
	"pii/address": {"Street address or postcode",
		"A postal address (US, UK or European shape, or a PO box), or a postcode beside a city. An address locates a person: mask it.",
		detectors.SeverityMedium},
	"pii/dob": {"Date of birth",
		"A date written next to a birth cue (born, DOB, date of birth, né le, geboren am...). Mask it.",
		detectors.SeverityHigh},
	"rights/c2pa": {"C2PA Content Credentials",
		"The file carries C2PA Content Credentials; when its training-and-mining assertion says notAllowed, the file must not be sold for AI training.",
		detectors.SeverityMedium},
	"rights/copyright": {"Copyright notice",
		"A copyright notice (©, (c), \"Copyright\", \"All rights reserved\" and their forms in the main European languages) naming a holder. If the holder is not the creator, the creator may not be able to license the work.",
		detectors.SeverityMedium},
	"rights/data-mining": {"IPTC data-mining restriction",
		"The IPTC/PLUS DataMining property (DMI-*) or other usage terms restrict text and data mining or AI training of this file: leave it out of an AI training sale.",
		detectors.SeverityHigh},
	"rights/embedded": {"Embedded third-party media",
		"An image, video or post loaded from another site or embedded with a player: the embedded work belongs to someone else.",
		detectors.SeverityLow},
	"rights/license": {"Licence",
		"A licence text, SPDX identifier or Creative Commons statement. NC and ND variants restrict commercial training; others may require attribution.",
		detectors.SeverityMedium},
	"rights/metadata": {"Rights metadata",
		"Ownership named in the file's metadata (EXIF Copyright/Artist, XMP dc:rights and dc:creator, IPTC by-line, credit and source) compared with the creator's identity.",
		detectors.SeverityMedium},
	"rights/music": {"Other artists' audio",
		"Audio tags name another artist, composer or publisher, or the file embeds lyrics: the recording or the words may belong to someone else.",
		detectors.SeverityMedium},
	"rights/quotation": {"Quotation",
		"A block quote or long quotation with an attribution: someone else's words, to review before sale.",
		detectors.SeverityLow},
	"rights/stock": {"Stock agency material",
		"A stock or news agency (Getty Images, Shutterstock, Adobe Stock, AP, Reuters...) named in a credit, source, file name or watermark-like text: licensed material that cannot be resold.",
		detectors.SeverityHigh},
	"rights/synthetic": {"AI-generated media",
		"IPTC DigitalSourceType says the media was generated or composited by AI: buyers must know which items are synthetic.",
		detectors.SeverityMedium},
	"rights/tdmrep": {"TDMRep reservation",
		"A W3C TDMRep declaration (HTML meta, EPUB, PDF XMP or tdmrep.json) reserves text and data mining rights for this file.",
		detectors.SeverityHigh},
	"pii/author": {"Document author or editor",
		"A document's properties name who wrote or last edited it (Dublin Core creator, OOXML lastModifiedBy, ODF initial-creator). Remove the property unless the named person is the creator selling the file.",
		detectors.SeverityLow},
	"pii/card": {"Payment card number",
		"A payment card number that passes the Luhn check. Mask it, or leave the file out.",
		detectors.SeverityHigh},
	"pii/crypto_wallet": {"Cryptocurrency wallet address",
		"A cryptocurrency wallet address with a valid checksum, which ties the file to a person's funds. Mask it.",
		detectors.SeverityMedium},
	"pii/email": {"Email address",
		"An email address in the text or the metadata of a file. Mask it unless it is the creator's own public address.",
		detectors.SeverityMedium},
	"pii/filename": {"Personal data in a file name",
		"An email address or phone number in the name of a file or of a folder above it. File names travel into every listing of a dataset: rename the file.",
		detectors.SeverityMedium},
	"pii/gps": {"GPS position",
		"Where a photo, video or track was made, from EXIF, XMP, QuickTime or GPX/KML. A home photographed with its position is an address: strip the position.",
		detectors.SeverityHigh},
	"pii/handle": {"Social-media handle",
		"A handle that names someone's account: an @mention, a Fediverse address, the account in a social platform's profile URL, or a commenter's user name in a comment record. Mask it unless it is one of the creator's own handles.",
		detectors.SeverityLow},
	"pii/iban": {"Bank account number (IBAN)",
		"An IBAN with a valid check digit. Mask it, or leave the file out.",
		detectors.SeverityHigh},
	"pii/ip": {"IP address",
		"An IP address, which can locate a person or a home network. Mask it.",
		detectors.SeverityMedium},
	"pii/mac": {"Network hardware (MAC) address",
		"A MAC address, which identifies one device. Mask it.",
		detectors.SeverityLow},
	"pii/national_id": {"National identity number",
		"A national identity number (for example a French NIR, a Spanish DNI, an Italian codice fiscale or a UK National Insurance number) that passes its format and check rules. Mask it, or leave the file out.",
		detectors.SeverityHigh},
	"pii/owner": {"Camera owner name",
		"The owner name a camera stamps into every photo, often not the person selling it. Remove the field.",
		detectors.SeverityMedium},
	"pii/people": {"People named in an image",
		"Names of the people shown in an image (IPTC PersonInImage, face regions). Selling a person's likeness needs their consent: review it, and remove the names.",
		detectors.SeverityMedium},
	"pii/phone": {"Phone number",
		"A phone number that is valid for its region. Mask it unless it is the creator's own public number.",
		detectors.SeverityMedium},
	"pii/device_serial": {"Device serial number",
		"A camera body or lens serial number, which ties every file to one device and its owner. Remove the field.",
		detectors.SeverityMedium},
	"pii/ssn": {"US social security or taxpayer number",
		"A US SSN or ITIN that fits the issuing rules and is written as one. Mask it, or leave the file out.",
		detectors.SeverityHigh},
	"secret/credentials": {"Credential or private key",
		"An API key, token, password assignment or private key. Revoke it and leave the file out or mask the value: a dataset is no place for secrets.",
		detectors.SeverityHigh},
}

// ruleFor returns the description of the detector name, or one made from
// the name when consign has no words for it.
func ruleFor(name string) ruleText {
	if t, ok := ruleTexts[name]; ok {
		return t
	}
	kind := name
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		kind = name[i+1:]
	}
	kind = strings.ReplaceAll(kind, "_", " ")
	return ruleText{
		short:    "Findings of the " + kind + " detector",
		full:     "Findings of consign's " + name + " detector: review each before the file is sold.",
		severity: detectors.SeverityMedium,
	}
}

// sarifLevel maps a consign severity to a SARIF level: high is an error,
// medium a warning, and the rest notes.
func sarifLevel(severity string) string {
	switch severity {
	case detectors.SeverityHigh:
		return "error"
	case detectors.SeverityMedium:
		return "warning"
	}
	return "note"
}

// sarifRuleName turns "pii/credit_card" into SARIF's PascalCase rule name
// "PiiCreditCard", the form viewers expect in reportingDescriptor.name.
func sarifRuleName(id string) string {
	var b strings.Builder
	up := true
	for _, r := range id {
		if r == '/' || r == '_' || r == '-' {
			up = true
			continue
		}
		if up && r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		up = false
		b.WriteRune(r)
	}
	return b.String()
}

// percentEncodePath encodes a relative, "/"-separated path as the path of
// a relative URI reference: every byte but the unreserved characters and
// "/" is percent-encoded, so spaces, "#", "?", "%" and non-ASCII names are
// safe, and a ":" in the first segment cannot be read as a scheme.
func percentEncodePath(p string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == '/':
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}
