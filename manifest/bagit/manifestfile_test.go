package bagit

import (
	"slices"
	"strings"
	"testing"
)

func TestParseManifestLines(t *testing.T) {
	sum := strings.Repeat("ab", 32)
	tests := []struct {
		name, line      string
		wantSum, wantAt string // wantAt: the path, or the problem's start
	}{
		{"two spaces", sum + "  data/a.txt", sum, "data/a.txt"},
		{"tab", sum + "\tdata/a.txt", sum, "data/a.txt"},
		{"upper case checksum", strings.ToUpper(sum) + " data/a.txt", sum, "data/a.txt"},
		{"short checksum", sum[:62] + " data/a.txt", "", `line 1: "` + sum[:62] + `" is not a sha256 checksum`},
		{"not hex", strings.Repeat("g", 64) + " data/a.txt", "", "line 1: \"ggg"},
		{"no path", sum, "", "line 1 has a checksum but no path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &manifestFile{alg: "sha256"}
			problems, _ := parseManifest(m, tt.line+"\n", declaration{Major: 1, Minor: 0})
			if tt.wantSum == "" {
				if len(problems) != 1 || !strings.HasPrefix(problems[0], tt.wantAt) || len(m.entries) != 0 {
					t.Fatalf("problems %q, entries %v; want one problem starting %q", problems, m.entries, tt.wantAt)
				}
				return
			}
			if len(problems) != 0 || len(m.entries) != 1 || m.entries[0].sum != tt.wantSum || m.entries[0].path != tt.wantAt {
				t.Fatalf("problems %q, entries %v; want %s %s", problems, m.entries, tt.wantSum, tt.wantAt)
			}
		})
	}
}

// hexDigitsBranching is what hexDigits must answer, a byte at a time.
func hexDigitsBranching(s string) (hex, upper bool) {
	for i := range len(s) {
		switch c := s[i]; {
		case '0' <= c && c <= '9', 'a' <= c && c <= 'f':
		case 'A' <= c && c <= 'F':
			upper = true
		default:
			return false, false
		}
	}
	return true, upper
}

func TestHexDigitsEveryByte(t *testing.T) {
	for c := range 256 {
		for _, s := range []string{string([]byte{byte(c)}), "0a" + string([]byte{byte(c)}) + "F9", "ab" + string([]byte{byte(c)})} {
			hex, upper := hexDigits(s)
			wantHex, wantUpper := hexDigitsBranching(s)
			if hex != wantHex || upper != wantUpper {
				t.Errorf("hexDigits(%q) = %v, %v, want %v, %v", s, hex, upper, wantHex, wantUpper)
			}
		}
	}
	if hex, upper := hexDigits(""); !hex || upper {
		t.Errorf(`hexDigits("") = %v, %v, want true, false`, hex, upper)
	}
}

func TestLinesAsSplitLines(t *testing.T) {
	for _, s := range []string{"", "\n", "a", "a\n", "a\n\n", "a\n\nb", "a\r\nb\rc\n", "\n\na", "a\nb\n"} {
		var got []string
		for i, line := range lines(s) {
			if i != len(got) {
				t.Fatalf("%q: index %d after %d lines", s, i, len(got))
			}
			got = append(got, line)
		}
		if want := splitLines(s); !slices.Equal(got, want) {
			t.Errorf("lines(%q) = %q, splitLines %q", s, got, want)
		}
	}
}
