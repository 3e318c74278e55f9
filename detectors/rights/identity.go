package rights

import (
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/consignhq/consign/detectors"
)

// Matcher compares the holders that ownership statements name with the
// creator's identity. Names are compared as sequences of folded words, so
// case, accents and punctuation do not matter and a holder that contains
// the creator's name ("Jane Doe Photography", "Doe, Jane") is the
// creator's.
type Matcher struct {
	names    [][]string // folded word sequences of names, aliases, organisations
	squashed map[string]bool
}

// NewMatcher prepares id for matching holders.
func NewMatcher(id detectors.Identity) *Matcher {
	m := &Matcher{squashed: make(map[string]bool)}
	for _, list := range [][]string{id.Names, id.Aliases, id.Organisations} {
		for _, v := range list {
			if w := foldWords(v); len(w) > 0 {
				m.names = append(m.names, w)
				m.squashed[strings.Join(w, "")] = true
			}
		}
	}
	for _, h := range id.Handles {
		if w := foldWords(strings.TrimPrefix(strings.TrimSpace(h), "@")); len(w) > 0 {
			m.squashed[strings.Join(w, "")] = true
		}
	}
	for _, d := range id.Domains {
		d = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(d)), "www.")
		if w := foldWords(d); len(w) > 0 {
			m.squashed[strings.Join(w, "")] = true
			if len(w) > 1 { // "janedoe.com" is also written "janedoe"
				m.squashed[strings.Join(w[:len(w)-1], "")] = true
			}
		}
	}
	return m
}

// Empty reports whether there is no identity to compare with: every
// holder is then of unknown ownership.
func (m *Matcher) Empty() bool { return len(m.names) == 0 && len(m.squashed) == 0 }

// noiseWords say nothing about who a holder is: what is left of a notice
// once they are dropped must name someone for the verdict to be known.
var noiseWords = map[string]bool{
	"c": true, "copyright": true, "all": true, "rights": true, "reserved": true,
	"by": true, "the": true, "author": true, "authors": true, "owner": true,
	"owners": true, "unknown": true, "photo": true, "photographer": true,
	"artist": true, "credit": true, "image": true, "anonymous": true, "and": true,
	"n": true, "a": true, "na": true, "none": true, "copyrighted": true,
}

// Classify says whether holder is the creator (detectors.OwnerSelf),
// someone else (OwnerThirdParty) or cannot be told (OwnerUnknown: no
// holder named, or no identity configured).
func (m *Matcher) Classify(holder string) string {
	words := foldWords(holder)
	named := slices.ContainsFunc(words, func(w string) bool { return !noiseWords[w] && !isYearWord(w) })
	if !named || m.Empty() {
		return detectors.OwnerUnknown
	}
	if m.Matches(holder) {
		return detectors.OwnerSelf
	}
	return detectors.OwnerThirdParty
}

// Matches reports whether holder names the creator.
func (m *Matcher) Matches(holder string) bool {
	words := foldWords(holder)
	if len(words) == 0 {
		return false
	}
	for _, name := range m.names {
		if containsRun(words, name) {
			return true
		}
		if len(name) == 2 && containsRun(words, []string{name[1], name[0]}) {
			return true
		}
	}
	if m.squashed[strings.Join(words, "")] {
		return true
	}
	for _, w := range words {
		if m.squashed[w] {
			return true
		}
	}
	return false
}

// containsRun reports whether run appears in words as consecutive words.
func containsRun(words, run []string) bool {
	for i := 0; i+len(run) <= len(words); i++ {
		if slices.Equal(words[i:i+len(run)], run) {
			return true
		}
	}
	return false
}

// foldWords splits s into lower-case words without accents; every rune
// that is not a letter or digit separates words.
func foldWords(s string) []string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteString(foldLetter(unicode.ToLower(r)))
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Fields(b.String())
}

// foldLetter maps lower-case letters that have no decomposition to
// their base letters.
func foldLetter(r rune) string {
	switch r {
	case 'ø':
		return "o"
	case 'ł':
		return "l"
	case 'đ':
		return "d"
	case 'ß':
		return "ss"
	case 'œ':
		return "oe"
	case 'æ':
		return "ae"
	}
	return string(r)
}

func isYearWord(w string) bool {
	if len(w) != 4 {
		return false
	}
	for _, c := range []byte(w) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return w >= "1800" && w <= "2199"
}
