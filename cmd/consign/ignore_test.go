package main

import "testing"

// The words consign puts in the commands it prints paste into a POSIX
// shell as themselves: nothing a shell expands, nothing consign reads as
// a flag.
func TestShellWordAndPath(t *testing.T) {
	for _, tt := range []struct {
		in, word, path string
	}{
		{"folder", "folder", "folder"},
		{"/home/ada/my content", "'/home/ada/my content'", "'/home/ada/my content'"},
		{"it's", `'it'\''s'`, `'it'\''s'`},
		{"~", "'~'", "'~'"},
		{"~ada/notes", "'~ada/notes'", "'~ada/notes'"},
		{"notes~", "notes~", "notes~"},
		{"-x", "-x", "./-x"},
		{"-x y", "'-x y'", "'./-x y'"},
		{"a-b", "a-b", "a-b"},
		{"", "''", "''"},
	} {
		if got := shellWord(tt.in); got != tt.word {
			t.Errorf("shellWord(%q) = %s, want %s", tt.in, got, tt.word)
		}
		if got := shellPath(tt.in); got != tt.path {
			t.Errorf("shellPath(%q) = %s, want %s", tt.in, got, tt.path)
		}
	}
}
