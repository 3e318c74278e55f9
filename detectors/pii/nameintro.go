package pii

// Introductions and hosts: the words before a first name said once, as
// callers and guests are named ("it's Gary from Leeds", "c'est Martine",
// "hier ist Uwe", "ask for Dave", "nuit chez Claire", "bij Femke"), and a
// form's "name" field written without its colon.

// introducers, lower case, introduce the given name right after them on
// their own: a caller's "it's", "c'est", "sono", "soy", and the host of a
// stay, "chez", "bij", "bei". Italian "da" is left out: before a
// capital it names a town ("da Roma") or a restaurant as often as a host.
var introducers = newWordSet("it's it’s c'est c’est sono soy chez bij bei")

// introducePair reports the two-word introductions, the word before w
// being p: "it is", "this is", "hier ist", "ask for", "ik ben".
func introducePair(p, w []byte) bool {
	switch string(w) {
	case "is":
		return string(p) == "it" || string(p) == "this"
	case "ist":
		return string(p) == "hier"
	case "for":
		return string(p) == "ask"
	case "ben":
		return string(p) == "ik"
	}
	return false
}

// notIntroduced are the given names that after an introduction or a host
// name a day, a feast or a shop rather than a person, lower case: "it's
// April", "hier ist Sonntag", "c'est Noël", "bei Otto", "bij Dirk". The
// months and weekdays are those written with a capital, in English and
// German.
var notIntroduced = newWordSet("january february march april may june july august september october " +
	"november december januar februar märz mai juni juli oktober dezember " +
	"monday tuesday wednesday thursday friday saturday sunday montag dienstag mittwoch donnerstag " +
	"freitag samstag sonnabend sonntag " +
	"easter christmas xmas halloween thanksgiving pentecost ostern weihnachten pfingsten silvester " +
	"noël pâques " +
	"otto norma dirk penny zara mercedes")

// introducedName takes the given name that an introduction or a host
// cues at toks[k] (cueGiven): a listed given name that is no common word
// ("it's Will", "this is Art", "ask for Help"), no day or shop
// (notIntroduced), no place ("c'est Paris") and no language ("it's
// French"), and not a date's month ("it's June 5"). A capitalized word
// after it must be a listed surname, which the name then takes: "bij
// Albert Heijn" is a shop.
func introducedName(b []byte, toks []nameTok, k int) (int, float64) {
	t := toks[k]
	if t.flags&(nameGiven|nameCommon) != nameGiven || notIntroduced.hasToken(b, t) ||
		placeGiven(b, t) || languageWord(b, t) {
		return -1, 0
	}
	last := k
	if k+1 < len(toks) {
		next := toks[k+1]
		if next.skip || next.initial || next.flags&(nameSurname|nameCommon|namePlaceWord) != nameSurname {
			return -1, 0
		}
		last = k + 1
	}
	if e := toks[last].e; e+1 < len(b) && b[e] == ' ' && isDigit(b[e+1]) {
		return -1, 0
	}
	return last, 0.6
}

// formField reports whether the name key that starts at ws is a form's
// field written without a colon ("Contact form: name Yusuf Demir, phone
// …"): a field or a label's colon stands before it, maybe with a word
// that says whose name ("…, full name Chen Wei"). pb is scratch space.
func formField(b []byte, ws int, pb *lowWord) bool {
	i := skipHSpace(b, ws)
	if s := pb.before(b, i); pb.n > 0 && personKeyQualifiers.has(pb.bytes()) {
		i = skipHSpace(b, s)
	}
	return i > 0 && (b[i-1] == ':' || b[i-1] == ',' || b[i-1] == ';')
}
