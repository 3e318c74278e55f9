package bagit

import (
	"strings"
	"testing"
)

// FuzzParseTagFiles feeds arbitrary text to the bagit.txt, bag-info.txt,
// manifest and fetch.txt parsers: no panic, and every path they return is
// one the verifier may open.
func FuzzParseTagFiles(f *testing.F) {
	f.Add("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
	f.Add("Label: value\n  continued\nOther : x\r\n")
	f.Add(strings.Repeat("0", 64) + "  data/a%0Ab%25\n" + strings.Repeat("f", 64) + " *./data/x\n")
	f.Add("http://x 12 data/y\nftp://z - ../../etc\n")
	f.Add("\xef\xbb\xbfBagIt-Version: .97\r")
	f.Fuzz(func(t *testing.T, text string) {
		for _, v := range []declaration{{Major: 0, Minor: 97}, {Major: 1, Minor: 0}} {
			m := &manifestFile{alg: "sha256"}
			parseManifest(m, text, v)
			for _, e := range m.entries {
				if err := checkPath(e.path); err != nil {
					t.Fatalf("manifest entry %q passed with an unsafe path: %v", e.path, err)
				}
				if len(e.sum) != 64 {
					t.Fatalf("checksum %q has the wrong length", e.sum)
				}
			}
		}
		entries, _ := parseFetch(text, declaration{Major: 1, Minor: 0})
		for _, e := range entries {
			if checkPath(e.Path) != nil || !strings.HasPrefix(e.Path, "data/") || e.Length < -1 {
				t.Fatalf("fetch entry %q passed with an unsafe path or length %d", e.Path, e.Length)
			}
		}
		if d, err := parseDeclaration([]byte(text)); err == nil && d.Encoding == "" {
			t.Fatal("declaration accepted without an encoding")
		}
		fields, err := parseBagInfo(text)
		if err == nil {
			for _, fl := range fields {
				if fl.Label == "" {
					t.Fatal("empty label accepted")
				}
			}
		}
	})
}
