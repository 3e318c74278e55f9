package pii

import (
	"strings"
	"unicode"
)

// authorOrgWords make an author value an organisation, wherever they
// stand in it: "IDHW Informatica", "Acme Software", "Design Department".
var authorOrgWords = newWordSet("incorporated limited corporation company companies holdings " +
	"informatica informatique informatik software systems technologies solutions consulting " +
	"laboratories labs university universidad universite université college institute department " +
	"ministry agency association foundation studios productions publishing publishers")

// authorOrgSuffixes make it one only as its last word ("Contoso Ltd.",
// "Fabrikam, Inc."): earlier, "Sa" or "Ag" may be part of a name.
var authorOrgSuffixes = newWordSet("inc ltd llc llp plc gmbh ag sa sas sarl srl spa bv nv corp oy ab as kk")

// authorAccountWords make it the generic account an office suite or a
// computer fills the field with ("Windows User", "Preferred Customer",
// "Cisco Employee", "Utilisateur Microsoft Office"): a role, not a name.
var authorAccountWords = newWordSet("user users utilisateur usuario utente benutzer gebruiker employee employees " +
	"customer customers client administrator administrador administrateur admin licensee licensed " +
	"authorized authorised registered account staff")

// namesNoPerson reports whether an author value names no person: an
// organisation, a generic account, a field label followed by its value
// ("Author: Jeff", a form filled in as a whole), markup of a template
// ("{author}", "[Your Name]"), a placeholder name ("Max Mustermann"), or
// an identifier made of common words ("bad_list_type_A").
func namesNoPerson(v string) bool {
	if strings.ContainsAny(v, "{}[]<>=$%") {
		return true
	}
	if i := strings.IndexByte(v, ':'); i > 0 && authorLabels[strings.ToLower(strings.TrimSpace(v[:i]))] {
		return true
	}
	ws := strings.FieldsFunc(strings.ToLower(v), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	for i, w := range ws {
		if authorOrgWords.has([]byte(w)) || authorAccountWords.has([]byte(w)) || placeholderSurnames.has([]byte(w)) ||
			(i == len(ws)-1 && i > 0 && authorOrgSuffixes.has([]byte(w))) {
			return true
		}
	}
	return commonWordIdentifier(v)
}

// commonWordIdentifier reports whether v is an identifier joined with
// underscores whose words are all common words and none a given name:
// "bad_list_type_A" is a test's label, "john_smith" a person's login.
func commonWordIdentifier(v string) bool {
	if !strings.Contains(v, "_") || strings.ContainsFunc(v, unicode.IsSpace) {
		return false
	}
	idx := nameLists()
	for _, w := range strings.Split(strings.ToLower(v), "_") {
		if len(w) < 2 {
			continue
		}
		f := idx.getString(w)
		if f&nameCommon == 0 || f&nameGiven != 0 {
			return false
		}
	}
	return true
}

// lettersAndDigits reports whether a word mixes letters and digits
// ("right1of2"): a test value's label, never a word of a name.
func lettersAndDigits(w string) bool {
	return strings.ContainsFunc(w, unicode.IsLetter) && strings.ContainsFunc(w, unicode.IsDigit)
}
