package bagit

import (
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
