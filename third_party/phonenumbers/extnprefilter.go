package phonenumbers

// Parsing a number looks for an extension at its end with EXTN_PATTERN, a
// case-insensitive expression of a dozen alternatives that the regexp
// package runs by backtracking: in consign's scans about a third of the
// time spent in the library's regular expressions, for numbers that are
// mostly written with digits, spaces and ()+-./ alone. Every alternative
// needs at least one byte such a number lacks: an ASCII letter of a label
// ("ext", "x", "int", "anexo"), one of ";#~," (RFC 3966's ";ext=", "#",
// "~", auto-dialling commas), or a byte of a character beyond ASCII (the
// labels in other scripts and full-width forms, and the letters that fold
// to an ASCII one in a case-insensitive match, such as "ſ").
// maybeStripExtension skips the expression for a number without any.
// (Change from upstream nyaruka/phonenumbers; extnprefilter_test.go.)

// mayHaveExtension reports whether s holds a byte an extension needs: an
// ASCII letter, one of ";#~,", or any byte of a character beyond ASCII.
func mayHaveExtension(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 0x80, 'a' <= c|0x20 && c|0x20 <= 'z', c == ';', c == '#', c == '~', c == ',':
			return true
		}
	}
	return false
}
