package pii

// A colon after a run of capitalised words at a line's start makes the
// run a speaker's label ("Anna: …", "Karim Benali : …"), unless the word
// before the colon is a key: of a form or a byline, which cues the name
// after it ("Photographer: …"), or of a header or a field that names no
// one ("Subject: …", "Album: …").

// colonAt reports whether a colon stands at end, or after one space as
// French sets it ("Karim Benali : ok").
func colonAt(b []byte, end int) bool {
	if end < len(b) && b[end] == ' ' {
		end++
	}
	return end < len(b) && b[end] == ':'
}

// wholeLabel extends a name that ends at toks[last] to the run's last
// word, when every word after it is a capitalised word of its own (no
// initial, title or skipped word): the whole run is a speaker's label.
func wholeLabel(toks []nameTok, last int) int {
	for _, t := range toks[last+1:] {
		if t.skip || t.initial || t.caps {
			return last
		}
	}
	return len(toks) - 1
}

// formLabel reports a form key before the colon at end ("Bill to:",
// "Name:", "IBAN:", "Von:"): a label, not a speaker.
func formLabel(b []byte, end int) bool {
	var w lowWord
	w.before(b, skipHSpace(b, end)) // French sets a space before the colon: "De :"
	return cues().words[string(w.bytes())]&cwColonKey != 0 || otherLabels.has(w.bytes())
}

// otherLabels are the keys of mail and HTTP headers, invoices, forms and
// the metadata of media files written out as text that name no person,
// lower case: before a colon at a line's start they are not a speaker's
// name ("IBAN: DE02…", "Betreff: Anfrage", "NINO: RP…", "Album: Abbey
// Road", "Cookie: session=…").
var otherLabels = newWordSet("iban bic swift subject objet betreff oggetto onderwerp asunto assunto " +
	"re fw fwd date datum fecha data tel phone fax email mail web url " +
	"nino ssn sin nif nie dni cpf cnpj curp rfc vat tin nhs pps bsn " +
	"title album track genre year comment comments copyright description keywords caption location " +
	"camera lens software source rights license licence notes note status category tags type format version " +
	"cookie authorization accept referer referrer origin server pragma connection expires etag")
