package pii

import (
	"bytes"
	"sync"
)

// nameCue is how strongly the words before a capitalized token say that a
// person's name follows.
type nameCue uint8

const (
	cueNone nameCue = iota
	// cueGiven: an introduction or a host ("it's", "c'est", "hier ist",
	// "ask for", "chez", "bij"). Only a listed given name that is no
	// common word, date or place is then a name (introducedName).
	cueGiven
	// cueWeak: a greeting, a letter's closing, a dash signature or a
	// speaker label. A listed given name alone is then a name.
	cueWeak
	// cueByline: "by", "Photo:", "author:". A listed given name alone, or
	// two capitalized words even when unlisted, are a name.
	cueByline
	// cueIntro: "my name is", "I'm", "Name:", a form's "name" field. A
	// capitalized word is a name unless it is a common word ("I'm
	// Happy") that is not a frequent given name.
	cueIntro
	// cueStrong: an honorific. Any capitalized word is a name, so a
	// surname no list holds is still found.
	cueStrong
)

// Context words, lower case. Honorifics, and the kinship words that are
// used as titles ("Nonna Pina", "Tante Uschi", "Tía Carmen"), stand
// before the name; they are never part of the span.
var (
	honorifics = newWordSet("mr mrs ms miss mx dr prof herr frau mme mlle madame monsieur sr sra srta " +
		"herrn señor señora señorita don doña sig sig.ra signor signora signore dott dott.ssa sir dame " +
		"rev fr mevrouw meneer dhr mevr dra queen princess president senator sen governor gov mayor " +
		"judge officer captain capt colonel col sgt sergeant lieutenant lt pastor rabbi imam coach " +
		"uncle aunt auntie grandma grandpa pope rep " +
		"nonna nonno tante onkel oma opa oom mamie papi abuela abuelo tía tío")
	greetings = newWordSet("hi hello hey dear dearest bonjour salut coucou hallo liebe lieber " +
		"hola ciao cher chère caro cara querido querida beste hoi olá ola thanks thank danke " +
		"merci gracias grazie obrigado obrigada congrats congratulations welcome morning evening")
	closings = newWordSet("best regards cheers thanks sincerely love xoxo yours grüße gruß grüssen " +
		"cordialement amitiés bises bisous saludos abrazos saluti baci groeten groetjes atenciosamente " +
		"warmly respectfully wishes")
	bylines = newWordSet("by von par por door di")
	// colonKeys name a person when a colon follows them: bylines, front
	// matter keys, form and interview labels, and the From and To of mail
	// headers in German, Dutch, French, Italian, Spanish and Portuguese.
	colonKeys = newWordSet("author autor auteur autore name nom nombre nome naam photo photos foto fotos " +
		"photographer fotograf fotografo fotógrafo credit credits courtesy by contact kontakt " +
		"ansprechpartner from to cc von an aan van de da para host guest speaker interviewer interviewee moderator " +
		"reporter editor written attn attention customer client recipient sender patient employee " +
		"buyer seller tenant landlord signed signature passenger traveler traveller driver owner " +
		"holder cardholder beneficiary payee applicant student teacher model models cast crew team " +
		"participants attendees members featuring starring artist composer performer lyricist songwriter " +
		"director producer illustrator designer creator contributor " +
		"surname vorname nachname prénom prenom apellido apellidos cognome voornaam achternaam")
	// relations stand before the name of someone close: "my friend Tom",
	// "our guide, Ahmed".
	relations = newWordSet("friend friends wife husband son daughter mom mum dad mother father sister " +
		"brother colleague coworker boss partner girlfriend boyfriend fiancé fiancée guide host " +
		"neighbor neighbour cousin niece nephew grandson granddaughter roommate buddy " +
		"freund freundin frau mann tochter sohn ami amie femme mari fille fils amigo amiga " +
		"esposa esposo hija hijo amico amica moglie marito figlia figlio")
	// introVerbs follow "I" or "my name", and introduce the speaker.
	introVerbs = newWordSet("i'm i’m m'appelle m’appelle heiße heisse llamo chiamo")
	// nameKeys, before a colon, introduce a name as "my name is" does.
	nameKeys = newWordSet("name nom nombre nome naam surname vorname nachname prénom prenom apellido " +
		"apellidos cognome voornaam achternaam")
	// personKeyQualifiers, joined to a name key by "_" or "-" ("first_name",
	// "author-name"), keep it a person's name; any other word joined so
	// makes a key that names a thing: "pretty_name", "file_name",
	// "project-name".
	personKeyQualifiers = newWordSet("first last full given family middle maiden birth nick sur legal real " +
		"preferred author customer client contact patient employee sender recipient owner holder " +
		"cardholder beneficiary payee applicant student teacher buyer seller tenant landlord passenger " +
		"traveler traveller driver signer person member guest speaker photographer artist creator " +
		"editor reporter parent spouse billing shipping emergency")
)

// Bits of nameCues.words.
const (
	cwHonorific uint16 = 1 << iota
	cwGreeting
	cwClosing
	cwByline
	cwColonKey
	cwIntro
	cwNameKey
	cwIntroVerb // "is", "am": an intro when "name" or "I" stands before
	cwRelation
	cwIntroduce     // "it's", "c'est", "chez": introduces a given name (cueGiven)
	cwIntroduceLast // "is", "for": the same after the word before (introducePair)
)

// nameCues holds every context word with its roles, so that reading the
// word before a name costs one lookup, and the words' shapes. It is built
// on first use, with the word lists it reads.
type nameCues struct {
	words  map[string]uint16
	shapes shapeSet
}

var cues = sync.OnceValue(func() *nameCues {
	m := make(map[string]uint16)
	for _, l := range []struct {
		set  *wordSet
		flag uint16
	}{
		{honorifics, cwHonorific}, {greetings, cwGreeting}, {closings, cwClosing},
		{bylines, cwByline}, {colonKeys, cwColonKey}, {introVerbs, cwIntro}, {nameKeys, cwNameKey},
		{newWordSet("is ist est es è am bin you"), cwIntroVerb}, {relations, cwRelation},
		{introducers, cwIntroduce}, {newWordSet("is ist for ben"), cwIntroduceLast},
	} {
		for w := range l.set.all() {
			m[w] |= l.flag
		}
	}
	// "M." (monsieur) is an honorific only before a name, never a word
	// skipped inside one: in "John M. Smith" it is an initial.
	m["m"] |= cwHonorific
	c := &nameCues{words: m}
	for w := range m {
		c.shapes.add(w)
	}
	return c
})

// shapeSet holds the (length, first byte) pairs of a word list: most
// words are ruled out by their shape before any lookup.
type shapeSet [17][8]uint32

func (s *shapeSet) add(w string) {
	if len(w) < len(s) {
		s[len(w)][w[0]>>5] |= 1 << (w[0] & 31)
	}
}

func (s *shapeSet) has(w []byte) bool {
	return len(w) < len(s) && s[len(w)][w[0]>>5]&(1<<(w[0]&31)) != 0
}

// nameCueAt reads the words before the token at s.
func nameCueAt(b []byte, s int) nameCue {
	i := skipHSpace(b, s)
	crossed := false
	for i > 0 && (b[i-1] == '\n' || b[i-1] == '\r') && s-i < 8 {
		crossed = true
		i = skipHSpace(b, i-1)
	}
	if i == 0 {
		return cueNone
	}
	var punct byte
	switch c := b[i-1]; {
	case c == '.' || c == ',' || c == ':' || c == '-':
		punct = c
		i--
	case i >= 3 && b[i-3] == 0xE2 && b[i-2] == 0x80 && (b[i-1] == 0x93 || b[i-1] == 0x94):
		punct = '-' // en or em dash
		i -= 3
	}
	if punct == '-' {
		// A dash opening a line signs a message: "— Anna", "-- Tom".
		for i > 0 && b[i-1] == '-' {
			i--
		}
		i = skipHSpace(b, i)
		if !crossed && (i == 0 || b[i-1] == '\n' || b[i-1] == '\r') {
			return cueWeak
		}
		// So does a dash after a sentence's end on the line, before a
		// name that ends the line: "Can you refund one? — Gavin".
		if !crossed && (b[i-1] == '.' || b[i-1] == '!' || b[i-1] == '?') && onlyNameLeft(b, s) {
			return cueWeak
		}
		return cueNone
	}
	if punct == '.' {
		// Before a dot only an abbreviated honorific counts ("Dr.",
		// "Mme."), a short word: the end of a sentence is ruled out
		// without a lookup.
		ws := i
		for ws > 0 && i-ws <= 4 && isLetter(b[ws-1]) {
			ws--
		}
		if crossed || ws == i || i-ws > 4 || (ws > 0 && (isAlnum(b[ws-1]) || b[ws-1] >= 0x80)) {
			return cueNone
		}
		var w lowWord
		w.set(b[ws:i])
		if cues().words[string(w.bytes())]&cwHonorific != 0 {
			return cueStrong
		}
		return cueNone
	}
	var wb, pb lowWord
	ws := wb.before(b, i)
	w := wb.bytes()
	cues := cues()
	if len(w) == 0 || !cues.shapes.has(w) {
		return cueNone
	}
	f := cues.words[string(w)]
	if f == 0 {
		return cueNone
	}
	switch punct {
	case ':':
		if f&cwColonKey != 0 {
			if f&cwNameKey != 0 {
				if !personKey(b, ws, &pb) {
					return cueNone
				}
				return cueIntro
			}
			return cueByline
		}
	case ',':
		if f&(cwClosing|cwGreeting|cwRelation) != 0 {
			return cueWeak
		}
		if string(w) == "you" {
			pb.before(b, skipHSpace(b, ws))
			if string(pb.bytes()) == "thank" {
				return cueWeak
			}
		}
	default:
		if crossed {
			if f&cwClosing != 0 {
				return cueWeak
			}
			return cueNone
		}
		switch {
		case f&cwHonorific != 0:
			return cueStrong
		case f&cwIntro != 0:
			return cueIntro
		case f&cwByline != 0:
			return cueByline
		case f&(cwGreeting|cwRelation) != 0:
			return cueWeak
		case f&cwIntroduce != 0:
			return cueGiven
		case f&cwNameKey != 0:
			if formField(b, ws, &pb) {
				return cueIntro
			}
		case f&(cwIntroVerb|cwIntroduceLast) != 0:
			pb.before(b, skipHSpace(b, ws))
			if introPair(pb.bytes(), w) {
				return cueIntro
			}
			if introducePair(pb.bytes(), w) {
				return cueGiven
			}
		}
	}
	return cueNone
}

// personKey reports whether the name key that starts at ws names a
// person: a key of its own ("name:"), or one whose first word, joined to
// it by "_" or "-", says whose ("last_name:", not "pretty_name:"). pb is
// scratch space for that word.
func personKey(b []byte, ws int, pb *lowWord) bool {
	if ws < 2 || (b[ws-1] != '_' && b[ws-1] != '-') {
		return true
	}
	pb.before(b, ws-1)
	return personKeyQualifiers.has(pb.bytes())
}

// introPair reports "name is", "I am" and their translations.
func introPair(p, w []byte) bool {
	switch string(w) {
	case "is":
		return string(p) == "name" || string(p) == "naam"
	case "am":
		return string(p) == "i"
	case "ist":
		return string(p) == "name"
	case "est":
		return string(p) == "nom"
	case "bin":
		return string(p) == "ich"
	case "es":
		return string(p) == "nombre"
	case "è":
		return string(p) == "nome"
	}
	return false
}

// lowWord is a short word folded to lower case (ASCII) without
// allocating; map lookups with string(w.bytes()) do not allocate either.
type lowWord struct {
	buf [16]byte
	n   int
}

func (w *lowWord) bytes() []byte { return w.buf[:w.n] }

// before reads the word ending at e and returns where it starts. Bytes of
// UTF-8 sequences count as letters; a word too long for the buffer is
// read as none.
func (w *lowWord) before(b []byte, e int) int {
	s := e
	for s > 0 && e-s < len(w.buf) && (isLetter(b[s-1]) || b[s-1] >= 0x80 || b[s-1] == '\'' || b[s-1] == '.') {
		s--
	}
	for s < e && (b[s] == '.' || b[s] == '\'') {
		s++
	}
	w.n = 0
	if e-s >= len(w.buf) {
		return s
	}
	w.set(b[s:e])
	return s
}

// set folds word into w; a word too long is read as none.
func (w *lowWord) set(word []byte) {
	w.n = 0
	if len(word) > len(w.buf) {
		return
	}
	for i, c := range word {
		w.buf[i] = toLower(c)
	}
	w.n = len(word)
}

// skipHSpace moves i back over spaces, tabs and no-break spaces.
func skipHSpace(b []byte, i int) int {
	for i > 0 {
		switch {
		case b[i-1] == ' ' || b[i-1] == '\t':
			i--
		case i >= 2 && b[i-2] == 0xC2 && b[i-1] == 0xA0:
			i -= 2
		default:
			return i
		}
	}
	return i
}

// onlyNameLeft reports whether what is left of the line from s is no
// more than a short name: at most three capitalized words of letters
// (apostrophes, hyphens and initials' dots allowed), maybe a closing
// mark, and spaces.
func onlyNameLeft(b []byte, s int) bool {
	e := s
	for e < len(b) && b[e] != '\n' && b[e] != '\r' && e-s <= maxNameLen {
		e++
	}
	if e-s > maxNameLen {
		return false
	}
	line := bytes.TrimRight(b[s:e], " \t")
	line = bytes.TrimRight(line, ".!,")
	spaces := 0
	for i, c := range line {
		switch {
		case c == ' ':
			spaces++
			if i+1 < len(line) && !upperAt(line, i+1) {
				return false
			}
		case isLetter(c) || c >= 0x80 || c == '\'' || c == '-' || c == '.':
		default:
			return false
		}
	}
	return len(line) > 0 && spaces <= 2
}
