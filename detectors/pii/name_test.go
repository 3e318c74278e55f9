package pii

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/consignhq/consign/detectors"
)

var nameCases = []detectorCase{
	// Listed given name and surname.
	{"pair", "Yesterday Maria Schmidt sent the photos.", []string{"Maria Schmidt"}},
	{"pair mid sentence", "we met Thomas Becker at the market", []string{"Thomas Becker"}},
	{"middle initial", "as John F. Kennedy said", []string{"John F. Kennedy"}},
	{"middle name", "signed by Mary Ann Johnson today", []string{"Mary Ann Johnson"}},
	{"possessive", "Sarah Miller's camera", []string{"Sarah Miller"}},
	{"curly possessive", "Sarah Miller’s camera", []string{"Sarah Miller"}},
	{"apostrophe surname", "ask Patrick O'Brien about it", []string{"Patrick O'Brien"}},
	{"hyphenated given", "Jean-Pierre Dupont est venu", []string{"Jean-Pierre Dupont"}},
	{"particle", "Ludwig van Beethoven wrote it", []string{"Ludwig van Beethoven"}},
	{"two particles", "Maria de la Cruz and Ursula von der Leyen", []string{"Maria de la Cruz", "Ursula von der Leyen"}},
	{"accents", "Jürgen Müller und José García", []string{"Jürgen Müller", "José García"}},
	{"surname shape", "Olga Petrova and Mohammed Al-Sayed met Björn Ulvaeus", []string{"Olga Petrova", "Mohammed Al-Sayed"}},
	{"unlisted given", "thanks to Chidi Okafor for this", []string{"Chidi Okafor"}},
	{"unlisted given sentence start", "Tokyo Hilton was full.", nil},
	{"unlisted given after a locative", "we stayed in Tokyo Hilton", nil},
	{"common given uncommon surname", "May Thompson called", []string{"May Thompson"}},
	{"two names", "Anna Müller, Peter Wagner", []string{"Anna Müller", "Peter Wagner"}},
	{"sentence end", "I talked to Emma Wilson.", []string{"Emma Wilson"}},
	// Cues.
	{"honorific", "Dear Mr. Smith, thanks", []string{"Smith"}},
	{"honorific no dot", "Dear Mrs Okonkwo,", []string{"Okonkwo"}},
	{"title", "Queen Elizabeth II and President Joe Biden", []string{"Elizabeth", "Joe Biden"}},
	{"greeting then a word", "Dear John Letter", []string{"John"}},
	{"doctor full", "Dr. Anna Kowalczyk will see you", []string{"Anna Kowalczyk"}},
	{"herr", "Sehr geehrter Herr Schäfer,", []string{"Schäfer"}},
	{"herrn", "Die Wahl fällt auf Herrn Schulz.", []string{"Schulz"}},
	{"german im", "mit Anna Schneider im Park", []string{"Anna Schneider"}},
	{"frau", "Frau Dr. Weiß kommt", []string{"Weiß"}},
	{"french monsieur", "M. Dupont est arrivé", []string{"Dupont"}},
	{"madame", "Mme Lefèvre a écrit", []string{"Lefèvre"}},
	{"spanish", "la Sra. Fernández llamó", []string{"Fernández"}},
	{"greeting", "Hi Maria, see you soon", []string{"Maria"}},
	{"greeting unknown", "Hi Team, see you soon", nil},
	{"my name is", "Hello, my name is Xiaoling and I paint", []string{"Xiaoling"}},
	{"i am", "I'm Kasia, a photographer", []string{"Kasia"}},
	{"signature comma", "Thanks again.\nBest, Tom Becker", []string{"Tom Becker"}},
	{"signature newline", "See you.\n\nCheers,\nAnna", []string{"Anna"}},
	{"dash signature", "Lovely light today.\n— Anna", []string{"Anna"}},
	{"byline", "Photo by Jane Doe on a cold day", []string{"Jane Doe"}},
	{"byline unlisted", "Photo by Kaito Zbrzezny", []string{"Kaito Zbrzezny"}},
	{"photo colon", "Photo: Lukas Hoffmann", []string{"Lukas Hoffmann"}},
	{"foto von", "Foto von Lena", []string{"Lena"}},
	{"front matter", "---\nauthor: Jane Doe\n---", []string{"Jane Doe"}},
	{"form field", "Last name: Okafor\nAttn: Chidi Okafor", []string{"Okafor", "Chidi Okafor"}},
	{"speaker label", "Anna: I think so.\nBen: me too", []string{"Anna", "Ben"}},
	{"capitals speaker", "INTERVIEWER: hi\nDAVID MILLER: I was there", []string{"DAVID MILLER"}},
	{"capitals after a form key", "BILL TO: JOHN SMITH\nNAME: ANNA KOWALCZYK", []string{"JOHN SMITH", "ANNA KOWALCZYK"}},
	{"surname initial", "Great stay! — reviewed by a guest. Maria S. says: lovely", []string{"Maria S."}},
	{"timestamped speaker", "[00:01:23] Anna: hello\n**Ben:** hi\n- Carla: yo", []string{"Anna", "Ben", "Carla"}},
	{"relation", "I went with my friend Tom and our guide, Ahmed, to the dunes", []string{"Tom", "Ahmed"}},
	{"list after a cue", "Models: Anna Weber, Ben and Carla.", []string{"Anna Weber", "Ben", "Carla"}},
	{"list without a cue", "Maria, Carmen and Lucia went out.", nil},
	// False positives.
	{"given alone", "Maria loved the coffee there.", nil},
	{"two common words, frequent names", "Rose Smith and Jack Walker came", []string{"Rose Smith", "Jack Walker"}},
	{"colour", "painted in Hunter Green", nil},
	{"sentence initial will", "Will Power is a good read.", nil},
	{"two common words", "Rose Garden tours start at nine", nil},
	{"bill gates is ambiguous", "Bill Gates", nil},
	{"street", "walk down Jackson Street to the park", nil},
	{"place suffix", "We flew to Virginia Beach in May.", nil},
	{"place prefix", "the bridge in Saint Louis", nil},
	{"brand", "a Harley Davidson parked outside", nil},
	{"month", "In May we walked along the river.", nil},
	{"byline brand and product", "Edited by Adobe Photoshop", nil},
	{"photo by brand", "Photo by Unsplash", nil},
	{"all caps", "THOMAS BECKER", nil},
	{"headline words", "The Morning Light Over The River", nil},
	{"camel case", "the iPhone camera", nil},
	{"given before an unlisted word", "Austin Texas and Georgia Tech", nil},
	{"unknown pair", "Kafka Tamura was a novel character", nil},
	{"intro common word", "I'm Sorry. I'm Back!", nil},
	{"dear customer", "Dear Customer, your order shipped", nil},
	{"rare given beside a common word", "a Jedi Master appears", nil},
	{"camel case brand", "Drawn with Paper by FiftyThree", nil},
	{"mc surname", "Ronald McDonald waved", []string{"Ronald McDonald"}},
	{"overlong word", "Abcdefghijklmnopqrstuvwxyzabcdefghij: x", nil},
	{"sir or madam", "Dear Sir or Madam,", nil},
	{"particle without given", "the Musée de la Vie romantique", nil},
	// A key that only ends in "name" names a thing, and a word made of
	// "un" and a common word is a word: a dataset card's front matter
	// and placeholder titles name no one.
	{"dataset card title", "---\npretty_name: Untitled catalog by the creator (not named in consign.yaml)\n---", nil},
	{"compound keys name things", "file_name: Sunset\nproject-name: Aurora Borealis\ndataset_name: Harbour Lights", nil},
	{"compound keys of a person", "first_name: Okafor\nfull_name: Chidi Okafor\nauthor_name: Kaito Zbrzezny", []string{"Okafor", "Chidi Okafor", "Kaito Zbrzezny"}},
	{"placeholder words after a cue", "Name: Untitled\nmy name is Undisclosed", nil},
	{"dash signature after a sentence", "Can you refund one of them? — Gavin\nThanks a lot. -- Mara Quist.", []string{"Gavin", "Mara Quist"}},
	{"dash mid-sentence or before more", "We met in 2019 — Gavin was there. Nice! — Anna said so\nDone. — Wonderful", nil},
	{"http header labels", "Cookie: session=abc; Path=/\nServer: nginx\nOrigin: https://example.com", nil},
	{"media field labels", "Artist: Jane\nAlbum: Harbour Lights\nGenre: Folk\nComposer: Mara Quist\nTitle: Morning\nArtist: Unknown Artist", []string{"Jane", "Mara Quist"}},
	{"stand-ins for a name not given", "Name: Unknown\nName: Unnamed\nName: Unknown Artist\nName: TBD\nContact: Tbc", nil},
	// A language or nationality word after a place that is also a given
	// name, or after another such word, makes a place and its language,
	// or a variety of a language, unless a cue vouches for the pair.
	{"place and language in a table", "Austria 8.9 83,879 Vienna German\nFrance 68.0 643,801 Paris French", nil},
	{"language varieties", "subtitles in Swiss German, Brazilian Portuguese and French Canadian", nil},
	{"city and nationality", "the Florence Italian restaurant opened", nil},
	{"language surnames with frequent given names", "Tom French met Edward German", []string{"Tom French", "Edward German"}},
	{"language surname after a cue", "Author: Vienna German", []string{"Vienna German"}},
	{"places of several words", "We flew from Rio de Janeiro to Buenos Aires, then Las Vegas and Costa Rica, and on to Mar del Plata.", nil},
	{"a name beside a place", "Ana Souza lives in Rio de Janeiro", []string{"Ana Souza"}},
	{"placeholder names", "Sehr geehrter Herr Mustermann, wir freuen uns. Max Mustermann, Erika Musterfrau und Monsieur Untel", nil},
	// Mail headers and invoice labels before a colon are labels, not
	// speakers, and the From and To of a mail header cue the name after.
	{"mail header labels", "Von: Tobias Richter <t@x.de>\nBetreff: Anfrage\nDe : Élodie Marchand\nDa: Chiara Gallo\nVan: Iris Vermeulen",
		[]string{"Tobias Richter", "Élodie Marchand", "Chiara Gallo", "Iris Vermeulen"}},
	{"invoice labels", "An: Stefan Krüger, Lindenstraße 12\nIBAN: DE02 1069 4671 4764 8206 76", []string{"Stefan Krüger"}},
	{"id number labels", "NINO: RP503086D\nNIF: 12345678Z\nCPF: 984.870.491-41", nil},
	{"speaker with a french colon", "Anna : bonjour\nBen : salut", []string{"Anna", "Ben"}},
	{"speaker with an unlisted surname", "[15/04/2024 20:12] Karim Benali : ok\nYuki Tanabe: hi\nAnna Z.: yo", []string{"Karim Benali", "Yuki Tanabe", "Anna Z."}},
	{"streets named after people", "Adresse : 22 rue Victor Hugo, 31000 Toulouse\nCorso Vittorio Emanuele II 74\nRua Oscar Freire 900, São Paulo",
		nil},
	{"un at a name's start", "Name: Unwin\nDr. Unsworth called", []string{"Unwin", "Unsworth"}},
	// A listed given name said once after an introduction or a host's
	// cue is a name; a common word, a month, a day, a feast, a place, a
	// language or a shop after the same words is not.
	{"it's", "CALLER: hi, yeah, it's Gary from Leeds, my number's 07823 900123", []string{"Gary"}},
	{"it’s curly", "Hi, it’s Gary again", []string{"Gary"}},
	{"it is", "Hello, it is Gary calling back", []string{"Gary"}},
	{"this is", "This is Dave from the print shop.", []string{"Dave"}},
	{"c'est", "Oui bonjour, c'est Martine, je vous appelle du 04 91 23 45 67.", []string{"Martine"}},
	{"c’est curly", "Allô, c’est Martine.", []string{"Martine"}},
	{"hier ist", "Ja hallo, hier ist Uwe, meine Nummer ist 0171 2345678.", []string{"Uwe"}},
	{"ich bin", "Hallo, ich bin Uwe.", []string{"Uwe"}},
	{"ik ben", "Hoi, ik ben Femke.", []string{"Femke"}},
	{"sono", "Pronto, sono Gianni, il mio numero è 340 765 4321.", []string{"Gianni"}},
	{"soy", "Hola, soy Pilar, mi teléfono es el +34 699 456 123.", []string{"Pilar"}},
	{"ask for", "it's +1 312 555 0148, ask for Dave.", []string{"Dave"}},
	{"chez and a list", "Jour 5 : nuit chez Claire et Antoine Roux, 4 place du Marché", []string{"Claire", "Antoine Roux"}},
	{"bij", "we logeerden bij Femke op de Oudegracht 145", []string{"Femke"}},
	{"bei", "Wir haben bei Uwe übernachtet.", []string{"Uwe"}},
	{"introduced with a surname", "hi, it's Gary Smith here", []string{"Gary Smith"}},
	{"introduction before common words", "it's Will. This is Art. Ask for Help. it's Rose Garden", nil},
	{"introduction before a date", "it's April, it's Monday, it is Sunday, it's June 5, it's Easter", nil},
	{"introduction before a german date", "hier ist Sonntag, hier ist Mai", nil},
	{"introduction before a place or a language", "c'est Paris, this is London, it's French", nil},
	{"introduction before a feast", "c'est Noël !", nil},
	{"host before a shop", "chez Carrefour, bij Albert Heijn, bei Otto, bij Dirk, chez Leroy Merlin, bei Lidl, bei Penny", nil},
	{"italian da before a town", "un treno da Roma", nil},
	{"introduction before an unlisted word", "it's Tuesday, sono Italiana, soy Sauce, c'est Génial", nil},
	{"introduction across a line", "and it's\nGary", nil},
	// Kinship words used as titles stay outside the span, as honorifics do.
	{"kinship titles", "abbiamo dormito da Nonna Pina in Via dei Mille 32", []string{"Pina"}},
	{"more kinship titles", "Tante Uschi, Oma Schmidt, Mamie Josette, Abuela Carmen and Tía Lucía", []string{"Uschi", "Schmidt", "Josette", "Carmen", "Lucía"}},
	// A form's name field without its colon is a name key still.
	{"form name without a colon", "Contact form: name Yusuf Demir, phone +90 532 123 45 67", []string{"Yusuf Demir"}},
	{"form name with a surname first", "Contact form: name Chen Wei, phone +86 138 0013 8000", []string{"Chen Wei"}},
	{"form full name without a colon", "Order 12; full name Chen Wei; paid", []string{"Chen Wei"}},
	{"name in prose", "the name Aurora Borealis was taken, what a name Sunset is", nil},
	{"form name before a common word", "Contact form: name Anonymous, phone none", nil},
}

func TestName(t *testing.T) { runCases(t, &Name{}, nameCases) }

func TestNameMatchFields(t *testing.T) {
	ms := (&Name{}).Find(nil, []byte("Hi Maria, says Thomas Becker"))
	if len(ms) != 2 {
		t.Fatalf("got %+v", ms)
	}
	for _, m := range ms {
		if m.Kind != "person_name" || m.Severity != detectors.SeverityMedium || m.Confidence <= 0 {
			t.Errorf("match %+v", m)
		}
	}
	if ms[1].Value != "Thomas Becker" || ms[1].Confidence <= ms[0].Confidence {
		t.Errorf("pair %+v should outrank a greeted given name %+v", ms[1], ms[0])
	}
}

func TestNameLists(t *testing.T) {
	m := nameLists()
	for _, c := range []struct {
		word string
		flag uint8
	}{
		{"maria", nameGiven}, {"schmidt", nameSurname}, {"garcía", nameSurname},
		{"will", nameCommon}, {"nguyen", nameSurname},
	} {
		t.Run(c.word, func(t *testing.T) {
			if m.getString(c.word)&c.flag == 0 {
				t.Errorf("%q flags %b lack %b", c.word, m.getString(c.word), c.flag)
			}
		})
	}
	if m.len() < 100000 {
		t.Errorf("only %d names loaded", m.len())
	}
}

func FuzzName(f *testing.F) { fuzzDetector(f, &Name{}, nameCases) }

// nameProse is English prose with sentence capitals and a name now and then.
func nameProse(n int) []byte {
	r := rand.New(rand.NewPCG(3, 4))
	people := []string{"Maria Schmidt", "Tom Becker", "Dr. Okonkwo", "Anna", "Will", "New York", "The Guardian"}
	var buf bytes.Buffer
	for buf.Len() < n {
		w := proseWords[r.IntN(len(proseWords))]
		buf.WriteString(string(w[0]-'a'+'A') + w[1:])
		for range 10 + r.IntN(12) {
			buf.WriteByte(' ')
			buf.WriteString(proseWords[r.IntN(len(proseWords))])
		}
		if r.IntN(4) == 0 {
			fmt.Fprintf(&buf, " with %s", people[r.IntN(len(people))])
		}
		buf.WriteString(". ")
	}
	return buf.Bytes()[:n]
}

func BenchmarkName(b *testing.B) {
	text := nameProse(8 << 20)
	benchDetectors(b, text, &detectors.Item{Language: "en"}, &Name{})
}

// naiveNameStart is the byte-by-byte search nextNameStart must agree with.
func naiveNameStart(b []byte, from int) int {
	for i := from; i < len(b); i++ {
		if nameStartByte[b[i]] {
			return i
		}
	}
	return len(b)
}

func TestNextNameStart(t *testing.T) {
	// Bytes around the edges of the capitals' range, continuation and
	// lead bytes of UTF-8, at every offset of an eight-byte word.
	fill := []byte{'@', '[', 'a', 'z', ' ', 0x80, 0xbf, '`', '{'}
	for n := range 24 {
		for pos := -1; pos < n; pos++ {
			for _, c := range []byte{'A', 'Z', 0xc3, 0xe2, 0xff} {
				b := make([]byte, n)
				for i := range b {
					b[i] = fill[(i+pos+2)%len(fill)]
				}
				if pos >= 0 {
					b[pos] = c
				}
				for from := range n + 1 {
					if got, want := nextNameStart(b, from), naiveNameStart(b, from); got != want {
						t.Fatalf("nextNameStart(%q, %d) = %d, want %d", b, from, got, want)
					}
				}
			}
		}
	}
}

func FuzzNextNameStart(f *testing.F) {
	f.Add([]byte("the river. Maria \xc3\x89mile \x80 end"), 0)
	f.Fuzz(func(t *testing.T, b []byte, from int) {
		if from < 0 || from > len(b) {
			return
		}
		if got, want := nextNameStart(b, from), naiveNameStart(b, from); got != want {
			t.Fatalf("nextNameStart(%q, %d) = %d, want %d", b, from, got, want)
		}
	})
}

// TestNameCacheStartsEmpty: the look-up cache the calls share answers
// nothing from a chunk that was overwritten in place since, as a
// scanner's chunk buffer is from one chunk to the next. The second text
// puts words of the same cache slot (same length, first, middle and last
// letters) where the first one's names were.
func TestNameCacheStartsEmpty(t *testing.T) {
	d := &Name{}
	texts := []string{
		"Letters from Anna Schmidt and Peter Meyer arrived.",
		"Letters from Axna Sqqmqqt and Pqtqr Mqyqr arrived.",
		"Letters from Maria Garcia and Peter Meyer arrived.",
	}
	wants := make([][]detectors.Match, len(texts))
	for i, text := range texts {
		wants[i] = d.Find(nil, []byte(text))
	}
	buf := make([]byte, len(texts[0]))
	for k, text := range texts {
		copy(buf, text)
		got, want := d.Find(nil, buf), wants[k]
		if len(got) != len(want) {
			t.Fatalf("%q: %d matches through a reused buffer, %d fresh", text, len(got), len(want))
		}
		for i := range got {
			if got[i].Start != want[i].Start || got[i].End != want[i].End || got[i].Kind != want[i].Kind {
				t.Fatalf("%q: match %+v through a reused buffer, %+v fresh", text, got[i], want[i])
			}
		}
	}
}
