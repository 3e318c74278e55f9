package pii

import (
	"bytes"

	"github.com/consignhq/consign/detectors"
)

// isNameParticle reports the lowercase words that join the words of one
// name: "Ludwig van Beethoven", "Maria de la Cruz", "Ursula von der
// Leyen". A switch, not a map: it runs after most capitalized words.
func isNameParticle(w []byte) bool {
	switch string(w) {
	case "van", "von", "der", "den", "de", "la", "le", "del", "della", "di", "da", "das", "dos",
		"du", "ten", "ter", "zu", "y", "e", "bin", "al":
		return true
	}
	return false
}

// appendNames decides which words of a run are names and appends them.
// end is where the run ends, for a speaker label's colon; prev is where
// the last name found ends, or -1: a list of names goes on with the cue
// its first name had ("Models: Anna Weber, Ben and Carla").
func appendNames(out []detectors.Match, b []byte, toks []nameTok, end, prev int) []detectors.Match {
	speaker := colonAt(b, end) && lineStart(b, toks[0].s) && !formLabel(b, end)
	if speaker || (toks[0].caps && nameCueAt(b, toks[0].s) >= cueByline) {
		// Transcripts write speakers in capitals ("DAVID MILLER: ..."),
		// and forms their fields ("NAME: JOHN SMITH").
		for i := range toks {
			if toks[i].caps && toks[i].flags&nameHonorific == 0 {
				toks[i].skip = false
			}
		}
	}
	for k := 0; k < len(toks); {
		t := toks[k]
		if t.skip {
			k++
			continue
		}
		if t.initial && k+1 < len(toks) && b[t.s] == 'M' && t.e > t.s+1 && k == 0 {
			k++ // "M. Dupont": the French honorific, not an initial
			continue
		}
		last, conf := listedName(b, toks, k)
		if last < 0 {
			cue := nameCueAt(b, t.s)
			listed := false
			if k == 0 && cue < cueWeak {
				switch {
				case speaker:
					cue = cueWeak
				case listGoesOn(b, prev, t.s):
					cue, listed = cueWeak, true
				}
			}
			last, conf = cuedName(b, toks, k, cue)
			if listed && last >= 0 {
				conf = listedConfidence
			}
		}
		if last < 0 {
			k++
			continue
		}
		if speaker && k == 0 {
			// A speaker's label is one name, to its colon: "Karim
			// Benali :" with a surname no list holds.
			last = wholeLabel(toks, last)
		}
		s, e := t.s, toks[last].e
		if n := notPeopleAt(b, toks, k); n > 0 {
			// "Rio de Janeiro", "Costa Rica", "Goldman Sachs", however the
			// run was found: a list of names or a list going on ("…, Las
			// Vegas and Costa Rica") would take their first words alone.
			k = max(last+1, k+n)
			continue
		}
		if e-s <= maxNameLen && !placeholderName(b, toks[k:last+1]) {
			out = append(out, detectors.Match{
				Start: s, End: e,
				Value:      string(b[s:e]),
				Kind:       "person_name",
				Severity:   detectors.SeverityMedium,
				Confidence: conf,
			})
		}
		k = last + 1
	}
	return out
}

// placeholderSurnames are the names that forms, letter templates and
// examples give to no one: German "Max Mustermann", "Erika Musterfrau",
// "Otto Normalverbraucher", French "Monsieur Untel", Spanish "Fulano de
// Tal", and the stand-ins a form writes where no name was given
// ("Unknown", "Unnamed", "TBD"; the name lists count "Unknown" and
// "Unnamed" among given names, as birth records wrote them), lower case.
var placeholderSurnames = newWordSet("mustermann musterfrau mustermensch normalverbraucher untel " +
	"fulano mengano zutano perengano sicrano beltrano unknown unnamed tbd tba tbc")

// placeholderName reports whether a name's words hold a placeholder.
func placeholderName(b []byte, toks []nameTok) bool {
	var w lowWord
	for _, t := range toks {
		w.set(b[t.s:t.e])
		if placeholderSurnames.has(w.bytes()) {
			return true
		}
	}
	return false
}

// listedConfidence marks a name found only because a list of names led
// to it.
const listedConfidence = 0.5

// listGoesOn reports whether only a list separator (", ", " and ", " &
// ", " und ", " et ", " y ", " e ") stands between prev and s.
func listGoesOn(b []byte, prev, s int) bool {
	if prev < 0 || s-prev > 6 || s <= prev {
		return false
	}
	switch string(b[prev:s]) {
	case ", ", " and ", ", and ", " & ", " und ", " et ", " y ", " e ":
		return true
	}
	return false
}

// listedName tries a name from the lists starting at toks[k]: a given
// name, maybe middle names or initials, and a surname. It returns the
// index of the last word, or -1.
func listedName(b []byte, toks []nameTok, k int) (int, float64) {
	first := toks[k]
	if first.flags&nameWords == 0 && !first.initial && !first.skip {
		return unlistedGiven(b, toks, k)
	}
	if first.flags&nameGiven == 0 || first.initial {
		return -1, 0
	}
	last, common := -1, first.flags&nameCommon != 0
	allCommon, anyCommon := common, common
	for j := k + 1; j < len(toks) && j-k < maxNameTokens; j++ {
		t := toks[j]
		if t.skip {
			break
		}
		if t.initial {
			continue
		}
		if t.flags&(nameGiven|nameSurname) == 0 {
			switch {
			case t.flags&nameWords != 0:
			case t.particle:
				last = j // "Ludwig van Beethoven": the particle vouches for it
				allCommon = false
			case j == k+1 && first.flags&nameCommon == 0 && surnameShaped(b[t.s:t.e]):
				last = j // "Olga Petrova": no list holds it, but it reads as a surname
				allCommon = false
			}
			break
		}
		if t.flags&nameSurname != 0 {
			last = j
			allCommon = common && t.flags&nameCommon != 0
			anyCommon = anyCommon || t.flags&nameCommon != 0
		}
		common = common && t.flags&nameCommon != 0
	}
	if last < 0 {
		// "Maria S." signs reviews and comments: a given name and the
		// initial of a surname.
		if j := k + 1; j < len(toks) && toks[j].initial && toks[j].e > toks[j].s+1 &&
			(j+1 == len(toks) || toks[j+1].skip) && (first.flags&nameCommon == 0 || first.flags&nameFrequent != 0) {
			return j, 0.6
		}
		return -1, 0
	}
	cue := nameCueAt(b, first.s)
	if cue < cueWeak { // an introduction vouches for a given name alone, not for a pair
		// A common word in the pair needs a frequent given name beside
		// it: "Mark Johnson", "Grace Kelly", not "Jedi Master". Two
		// common words make a name only as a frequent given name and one
		// of the most frequent surnames, not a colour: "Rose Smith", "Jack
		// Walker", not "Rose Garden" or "Hunter Green".
		if anyCommon && first.flags&nameFrequent == 0 {
			return -1, 0
		}
		// A language or nationality word reads as a surname ("Tom
		// French", "Edward German"), but after a place that is also a
		// given name, or after another such word, the pair is a place
		// and its language ("Vienna German" in a table of capitals) or
		// a variety of a language ("French Canadian").
		if languageWord(b, toks[last]) && (placeGiven(b, first) || languageWord(b, first)) {
			return -1, 0
		}
		if allCommon && (toks[last].flags&nameTopSurname == 0 || colourWord(b, toks[last])) {
			return -1, 0
		}
		if last+1 < len(toks) && toks[last+1].flags&namePlaceWord != 0 {
			return -1, 0
		}
		if toks[last].flags&namePlaceWord != 0 || first.flags&namePlacePrefix != 0 || placeBefore(b, toks, k) {
			return -1, 0
		}
		return last, 0.7
	}
	return last, 0.85
}

// colourWord reports a colour, which common given names precede in
// colour names ("Hunter Green", "Rose Gold").
func colourWord(b []byte, t nameTok) bool {
	var w lowWord
	w.set(b[t.s:t.e])
	switch string(w.bytes()) {
	case "green", "white", "black", "brown", "gray", "grey", "gold", "silver", "blue", "red", "pink", "rose":
		return true
	}
	return false
}

// unlistedGiven reads a pair whose first word no list holds, as a given
// name from a culture the lists miss ("Chidi Okafor", "Zeynep Yilmaz"),
// when everything else says name: the pair stands alone mid-sentence,
// after a lowercase word or a comma, and its second word is a listed
// surname that is neither a common word nor a place word.
func unlistedGiven(b []byte, toks []nameTok, k int) (int, float64) {
	if len(toks) != 2 || k != 0 {
		return -1, 0
	}
	sur := toks[1]
	if sur.skip || sur.initial || sur.particle || sur.flags&(nameSurname|nameCommon|namePlaceWord) != nameSurname {
		return -1, 0
	}
	i := skipHSpace(b, toks[0].s)
	if i == 0 || !(isLower(b[i-1]) || b[i-1] == ',') || placeBefore(b, toks, k) {
		return -1, 0
	}
	var w lowWord
	w.before(b, i)
	if locatives.has(w.bytes()) {
		return -1, 0 // "in Tokyo Hilton", "near Lake Wilson"
	}
	return 1, 0.55
}

// surnameEndings are endings that mark a word as a surname in many
// languages: Slavic, Baltic, Romanian, Armenian, Turkish, Greek,
// Ukrainian, Italian, Spanish, Germanic, Nordic, Georgian, Persian.
var surnameEndings = []string{"ova", "eva", "ov", "ev", "ski", "ska", "sky", "wicz", "czyk", "iak",
	"escu", "eanu", "ian", "yan", "oglu", "oğlu", "sson", "ssen", "poulos", "idis", "akis", "enko",
	"chuk", "ini", "elli", "etti", "ucci", "azzi", "ez", "stein", "berg", "mann", "baum", "feld",
	"ström", "strom", "qvist", "quist", "dóttir", "dottir", "ović", "ovic", "ević", "evic",
	"shvili", "adze", "zadeh", "nejad"}

// surnameShaped reports a capitalized word of five letters or more that
// ends like a surname, or an Arabic name with its article ("Al-Sayed").
func surnameShaped(w []byte) bool {
	if len(w) < 5 {
		return false
	}
	if (w[0] == 'A' || w[0] == 'E') && w[1] == 'l' && w[2] == '-' && isUpper(w[3]) {
		return true
	}
	var lw lowWord
	lw.set(w)
	if lw.n == 0 {
		return false
	}
	for _, suf := range surnameEndings {
		if bytes.HasSuffix(lw.bytes(), []byte(suf)) {
			return true
		}
	}
	return false
}

// cuedName takes the words a cue vouches for, starting at toks[k].
func cuedName(b []byte, toks []nameTok, k int, cue nameCue) (int, float64) {
	t := toks[k]
	if cue == cueNone || t.initial {
		return -1, 0
	}
	given := t.flags&nameGiven != 0
	last := -1
	switch cue {
	case cueGiven:
		return introducedName(b, toks, k)
	case cueStrong, cueIntro:
		if t.flags&nameWords == nameCommon {
			return -1, 0 // a common word that is no name: "Mr. Right", "I'm Sorry"
		}
		if cue == cueIntro && t.flags&nameCommon != 0 && t.flags&nameFrequent == 0 {
			return -1, 0 // "I'm Happy": a name, but rarely
		}
		last = extendName(toks, k, maxNameTokens)
		return last, 0.8
	case cueByline:
		if given && t.flags&nameCommon == 0 {
			return extendName(toks, k, 3), 0.75
		}
		if t.flags&nameWords == 0 && k+1 < len(toks) && !toks[k+1].skip && toks[k+1].flags&(nameCommon|namePlaceWord) == 0 {
			return extendName(toks, k, 3), 0.65
		}
	case cueWeak:
		if given {
			conf := 0.6
			if t.flags&nameCommon != 0 {
				conf = 0.45
			}
			// Only a listed surname extends it: "Dear John Letter" is no name.
			last = k
			if k+1 < len(toks) && !toks[k+1].skip && toks[k+1].flags&(nameSurname|nameCommon|namePlaceWord) == nameSurname {
				last = k + 1
			}
			return last, conf
		}
	}
	return -1, 0
}

// extendName returns the last word of the name that starts at toks[k]
// and takes up to max words that are not common words.
func extendName(toks []nameTok, k, max int) int {
	last := k
	for j := k + 1; j < len(toks) && j-k < max+1; j++ {
		t := toks[j]
		if t.skip || t.flags&namePlaceWord != 0 || t.flags&nameWords == nameCommon {
			break
		}
		if t.initial {
			continue
		}
		if t.flags&nameCommon != 0 {
			break
		}
		last = j
	}
	return last
}

// lineStart reports whether only spaces stand between the line's start and i.
// Markdown emphasis, a bullet or a bracketed timestamp may come first:
// "**Anna:**", "- Anna:", "[00:01:23] Anna:".
func lineStart(b []byte, i int) bool {
	i = skipHSpace(b, i)
	for i > 0 && (b[i-1] == '*' || b[i-1] == '_' || b[i-1] == '>') {
		i--
	}
	if i > 0 && (b[i-1] == ']' || b[i-1] == ')') {
		open := byte('[')
		if b[i-1] == ')' {
			open = '('
		}
		k := i - 1
		for k > 0 && i-k < 24 && b[k-1] != open && b[k-1] != '\n' {
			k--
		}
		if k > 0 && b[k-1] == open {
			i = skipHSpace(b, k-1)
		}
	}
	if i > 0 && (b[i-1] == '-' || b[i-1] == '*') && (i == 1 || b[i-2] == ' ' || b[i-2] == '\n') {
		i = skipHSpace(b, i-1)
	}
	return i == 0 || b[i-1] == '\n' || b[i-1] == '\r'
}
