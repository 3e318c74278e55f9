package pii

import (
	"strings"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/detectors/internal/anchor"
)

// A password is often said rather than assigned: in a chat log, a shoot
// brief or a transcript ("the NAS admin password is r7&Vq2!nZx8w", "das
// WLAN-Passwort lautet ..."). These rules find a password named in prose
// and joined to its value by a verb, a few words on at most.

// proseKeyword is a word naming a password, found by a rarer infix.
type proseKeyword struct {
	word  string // lower case
	infix string // a lower-case part of word after its first letter
}

var proseKeywords = []proseKeyword{
	{"password", "assw"}, {"passwort", "assw"}, {"passwd", "assw"}, {"passcode", "assc"},
	{"mot de passe", "ot de passe"}, {"contraseña", "ontraseña"}, {"senha", "enha"},
	{"wachtwoord", "achtwoord"}, {"parola d'ordine", "arola d'ordine"},
}

// proseVerbs join the keyword to its value.
var proseVerbs = []string{"is", "was", "ist", "lautet", "war", "c'est", "c’est", "est", "es", "era", "é", "è", "is:"}

// maxProseGap bounds the words between the keyword and the verb ("le mot
// de passe du compte Adobe c'est").
const maxProseGap = 4

// proseFirst is the shared anchor set's index of the first keyword: the
// keywords are found, in any case, in the pass the text detectors share.
var proseFirst = func() int {
	words := make([]string, len(proseKeywords))
	for i, kw := range proseKeywords {
		words[i] = kw.word
	}
	return anchor.Register(false, words...)
}()

// findProsePasswords reports passwords said in prose. A keyword counts
// where its infix is written in lower case ("Password", "mot de passe"),
// as a word of its own.
func findProsePasswords(item *detectors.Item, chunk []byte, out []detectors.Match) []detectors.Match {
	hits := anchor.SharedHits(item, chunk)
	if len(hits) == 0 {
		return out
	}
	// Keyword by keyword, as each takes up the text its value ends.
	for id, kw := range proseKeywords {
		infix := strings.Index(kw.word, kw.infix)
		next := 0
		for _, h := range hits {
			start, end := h.Start, h.Start+len(kw.word)
			if h.Word-proseFirst != id || start+infix < next || string(chunk[start+infix:start+infix+len(kw.infix)]) != kw.infix ||
				(start > 0 && isLetter(chunk[start-1])) || (end < len(chunk) && isLetter(chunk[end])) {
				continue
			}
			if m, ok := proseValue(chunk, end); ok {
				out = append(out, m)
				next = m.End
			}
		}
	}
	return out
}

// proseValue reads "[words] verb value" from chunk[from:].
func proseValue(chunk []byte, from int) (detectors.Match, bool) {
	i := from
	for range maxProseGap + 1 {
		w, next := proseWord(chunk, i)
		if w == "" {
			return detectors.Match{}, false
		}
		i = next
		lw := strings.ToLower(w)
		for _, v := range proseVerbs {
			if lw == v {
				return passwordAfter(chunk, i)
			}
		}
	}
	return detectors.Match{}, false
}

// proseWord returns the next space-separated word at or after i and where
// it ends. A line break ends the sentence and the search.
func proseWord(chunk []byte, i int) (string, int) {
	for i < len(chunk) && (chunk[i] == ' ' || chunk[i] == '\t') {
		i++
	}
	s := i
	for i < len(chunk) && chunk[i] > ' ' && i-s < maxAssignedSecret+2 {
		i++
	}
	return string(chunk[s:i]), i
}

// passwordAfter reads the value after the verb, maybe quoted, without the
// sentence's closing punctuation.
func passwordAfter(chunk []byte, i int) (detectors.Match, bool) {
	w, end := proseWord(chunk, i)
	s := end - len(w)
	for len(w) > 0 && strings.ContainsRune(`"'«“`, rune(w[0])) {
		w, s = w[1:], s+1
	}
	for len(w) > 0 && strings.ContainsRune(`"'»”.,;)`, rune(w[len(w)-1])) {
		w, end = w[:len(w)-1], end-1
	}
	if len(w) < minAssignedSecret || len(w) > maxAssignedSecret || !looksSecret([]byte(w)) {
		return detectors.Match{}, false
	}
	return detectors.Match{Start: s, End: end, Value: w, Kind: "password", Confidence: 0.5}, true
}
