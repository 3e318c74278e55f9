package phonenumbers

// Tests for the change from upstream: maybeStripExtension skips
// EXTN_PATTERN for a number no extension can be read in
// (extnprefilter.go).

import "testing"

// TestMayHaveExtension holds the prefilter to EXTN_PATTERN on numbers
// with and without an extension: where the expression finds one, the
// prefilter must let it look.
func TestMayHaveExtension(t *testing.T) {
	for _, s := range []string{
		"+1 415 555 0132", "(415) 555-0132", "020 7946 0958", "+44 (0)20 7946.0958", "06/12/34/56/78",
		"+1 415 555 0132 ext. 12", "415 555 0132 x12", "415-555-0132 #12", "415 555 0132 - 503#",
		"tel:+1-415-555-0132;ext=12", "415 555 0132,,12", "415 555 0132;12", "415 555 0132,12",
		"415 555 0132 EXT 12", "415 555 0132 int 12", "415 555 0132 anexo 12", "415 555 0132 доб 12",
		"415 555 0132 ｘ12", "415 555 0132 ～12", "415 555 0132 extenſion 12", "415 555 0132 ext ١٢",
	} {
		found := EXTN_PATTERN.FindStringIndex(s) != nil
		if found && !mayHaveExtension(s) {
			t.Errorf("%q: EXTN_PATTERN finds an extension the prefilter skips", s)
		}
	}
	for _, s := range []string{"+1 415 555 0132", "(415) 555-0132", "+44 (0)20 7946.0958"} {
		if mayHaveExtension(s) {
			t.Errorf("%q: the prefilter lets a plain number through", s)
		}
	}
}

// FuzzMayHaveExtension: for any text, where the prefilter says no
// extension can be read, EXTN_PATTERN finds none.
func FuzzMayHaveExtension(f *testing.F) {
	for _, s := range []string{"+1 415 555 0132", "415 555 0132 - 503#", "415 555 0132,,12", "(415) 555-0132 x12", "١٢٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !mayHaveExtension(s) && EXTN_PATTERN.FindStringIndex(s) != nil {
			t.Fatalf("%q: EXTN_PATTERN finds an extension the prefilter skips", s)
		}
	})
}
