package bagit

import (
	"slices"
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
		checkStreamed(t, text)
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

// checkStreamed checks a manifest against a walk of the payload files it
// lists as the verifier does, and that each file keeps the checksum of
// the first line that lists it.
func checkStreamed(t *testing.T, text string) {
	m := &manifestFile{alg: "sha256"}
	parseManifest(m, text, declaration{Major: 1, Minor: 0})
	v := &verifier{report: &Report{}, payload: map[string]int{}, fetch: map[string]FetchEntry{}, decl: declaration{Major: 1, Minor: 0}}
	var first []string // the first checksum listed for each file of the walk
	for _, e := range m.entries {
		key := nfc(e.path)
		if _, ok := v.payload[key]; !ok && strings.HasPrefix(key, "data/") {
			v.payload[key] = len(v.walked)
			v.walked, first = append(v.walked, e.path), append(first, e.sum)
		}
	}
	streamed := &manifestFile{alg: "sha256"}
	v.checkPayloadManifest(streamed, text)
	for i, sum := range first {
		if c := streamed.sums.check(i); streamed.sums.lines[i] == 0 || c.hex() != sum {
			t.Fatalf("%s: kept %s, listed first %s", v.walked[i], c.hex(), sum)
		}
	}
	var got []string
	for _, line := range lines(text) {
		got = append(got, line)
	}
	if want := splitLines(text); !slices.Equal(got, want) {
		t.Fatalf("lines gave %q, splitLines %q", got, want)
	}
}
