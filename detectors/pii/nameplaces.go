package pii

// The words that make a run of capitalised words a place, a street, a
// firm or a language rather than a person.

// placeWords, right after a pair of names, make it a place, a street or an
// organisation ("Jackson Street", "Virginia Beach", "Morgan University").
var placeWords = newWordSet("street st road rd avenue ave boulevard blvd lane drive square park " +
	"hill hills valley lake river beach island islands bay springs falls heights city county " +
	"state station bridge airport university college school academy institute hospital church " +
	"cathedral center centre hotel museum gallery foundation inc ltd llc gmbh corp co company " +
	"group studios records press mountain mountains creek harbor harbour forest gardens village " +
	"memorial stadium arena award awards prize trophy cup day show effect law syndrome disease " +
	"act building tower house way")

// placePrefixes, right before, make the words a place ("Saint Louis",
// "Fort Worth", "Santa Monica", "New Jersey"), or a street named after
// someone ("rue Victor Hugo", "Rua Oscar Freire", "Corso Vittorio
// Emanuele").
var placePrefixes = newWordSet("saint st san santa fort lake port cape mount new north south east west " +
	"upper lower little great los las el la le " +
	"rue avenue boulevard bd chemin allée quai impasse cours rua avenida travessa praça largo calle avda " +
	"paseo plaza carrer corso viale piazza vicolo strada")

// notPeople are runs of two or three words, particles between them
// included, that read as names and name places, brands or firms.
var notPeople = newWordSet("harley_davidson rolls_royce aston_martin morgan_stanley goldman_sachs " +
	"johnson_johnson dolce_gabbana mercedes_benz marks_spencer sierra_leone costa_rica " +
	"buenos_aires monte_carlo rio_grande jesus_christ santa_claus hewlett_packard " +
	"dow_jones ernst_young price_waterhouse bang_olufsen abbott_laboratories " +
	"rio_de_janeiro mar_del_plata las_vegas las_palmas puerto_rico porto_alegre belo_horizonte " +
	"sao_paulo são_paulo costa_brava costa_del_sol punta_cana palma_de_mallorca santiago_de_chile " +
	"santiago_de_compostela la_paz el_paso el_salvador sri_lanka hong_kong tel_aviv abu_dhabi " +
	"kuala_lumpur des_moines baton_rouge corpus_christi palo_alto long_beach leroy_merlin albert_heijn")

// languageWords are the English names of languages and nationalities
// that name lists also hold as given names or surnames, lower case.
var languageWords = newWordSet("german french english spanish italian dutch portuguese swedish norwegian " +
	"danish finnish polish czech greek turkish russian ukrainian hungarian romanian bulgarian croatian " +
	"serbian slovak slovenian arabic hebrew persian hindi urdu bengali punjabi tamil chinese mandarin " +
	"cantonese japanese korean vietnamese thai indonesian malay swahili latin irish welsh scottish scots " +
	"catalan basque galician icelandic estonian latvian lithuanian albanian maltese afrikaans tagalog " +
	"filipino american british canadian australian austrian swiss belgian mexican brazilian argentine " +
	"argentinian chilean peruvian colombian cuban african asian european indian pakistani nigerian " +
	"egyptian moroccan flemish frisian bavarian yiddish creole")

// languageWord reports a language or nationality word.
func languageWord(b []byte, t nameTok) bool { return languageWords.hasToken(b, t) }

// placeGivenNames are given names that are also the names of countries,
// regions and cities, lower case: before a language word they are the
// place ("Paris French", "Georgia Russian"), and so they are after an
// introduction ("c'est Paris", "this is London").
var placeGivenNames = newWordSet("vienna paris florence sydney austin houston dallas georgia virginia " +
	"carolina dakota chelsea adelaide victoria regina charlotte madison jackson savannah phoenix lima " +
	"santiago sofia valencia lourdes lorraine brooklyn kenya india jordan israel chad china asia africa " +
	"america europe berlin london rome milan siena verona venice geneva lucerne vienne lyon nancy " +
	"orleans florida montana nevada denver aspen cheyenne alexandria antalya kiev kyiv odessa " +
	"warsaw prague dublin quebec toronto vancouver melbourne brisbane perth darwin hobart auckland " +
	"wellington nelson york lincoln stirling devon kent chester preston luton sharon carmel bethany " +
	"eden hampton lancaster orlando salem troy ireland holland cuba texas")

// placeGiven reports a given name that is also a place.
func placeGiven(b []byte, t nameTok) bool { return placeGivenNames.hasToken(b, t) }

// locatives before a pair make it a place more often than a person.
var locatives = newWordSet("in at near into via through around across towards toward inside " +
	"outside visit visited visiting en à au aux bei nach im zu nel nella alla")

// placeBefore reports a place prefix just before toks[k], inside the run
// or as the word before it.
func placeBefore(b []byte, toks []nameTok, k int) bool {
	if k > 0 {
		return toks[k-1].flags&namePlacePrefix != 0
	}
	var w lowWord
	w.before(b, skipHSpace(b, toks[k].s))
	return placePrefixes.has(w.bytes())
}

// notPeopleAt returns how many words from toks[k] notPeople lists as one
// entry (two or three, the particles between them included: "Rio de
// Janeiro" is rio_de_janeiro), or 0.
func notPeopleAt(b []byte, toks []nameTok, k int) int {
	for n := min(3, len(toks)-k); n >= 2; n-- {
		span := b[toks[k].s:toks[k+n-1].e]
		var buf [48]byte
		if len(span) > len(buf) {
			continue
		}
		key := buf[:len(span)]
		for i, c := range span {
			if c == ' ' {
				c = '_'
			}
			key[i] = toLower(c)
		}
		if notPeople.has(key) {
			return n
		}
	}
	return 0
}
