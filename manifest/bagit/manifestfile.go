package bagit

import (
	"fmt"
	"iter"
	"regexp"
	"strings"
	"sync"
)

// manifestName matches the manifest and tag manifest file names.
var manifestName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(tag)?manifest-([A-Za-z0-9]+)\.txt$`) })

// entry is one line of a manifest: a checksum and the path it covers, as
// decoded from the file (not yet normalized).
type entry struct {
	sum  string
	path string
	line int
}

// manifestFile is one parsed manifest or tag manifest.
type manifestFile struct {
	name    string
	alg     string
	tag     bool
	entries []entry
	src     *sumSource // what the checks of its entries point at
	// sums is what a payload manifest lists, when the verifier checked
	// it against the walk as it was parsed (entries is then empty).
	sums *payloadSums
}

// parseManifest reads the lines of a manifest: "checksum 1*WSP path" into
// m.entries. It returns a message for each line that is wrong.
func parseManifest(m *manifestFile, text string, d declaration) (problems, warnings []string) {
	m.entries = make([]entry, 0, strings.Count(text, "\n")+1)
	return eachEntry(m, text, d, func(e entry) { m.entries = append(m.entries, e) })
}

// eachEntry calls fn with each line of a manifest it could read, and
// returns a message for each line that is wrong. Quirks other tools write
// are accepted with a warning: md5sum's "*" binary marker and a leading
// "./". The entries' strings are cut from text: the verifier keeps none
// of a payload manifest's, whose text of megabytes it then drops.
func eachEntry(m *manifestFile, text string, d declaration, fn func(entry)) (problems, warnings []string) {
	want := hexLen(m.alg)
	m.src = &sumSource{alg: m.alg, name: m.name}
	for i, line := range lines(text) {
		n := i + 1
		if strings.TrimSpace(line) == "" {
			continue
		}
		cut := indexSpace(line)
		if cut < 0 {
			problems = append(problems, fmt.Sprintf("line %d has a checksum but no path", n))
			continue
		}
		path := line[cut:]
		for len(path) > 0 && (path[0] == ' ' || path[0] == '\t') {
			path = path[1:] // what strings.TrimLeft does, without a set per line
		}
		sum := line[:cut]
		hex, upper := hexDigits(sum)
		if cut != want || !hex {
			problems = append(problems, fmt.Sprintf("line %d: %q is not a %s checksum", n, sum, m.alg))
			continue
		}
		if upper {
			sum = strings.ToLower(sum)
		}
		if rest, ok := strings.CutPrefix(path, "*"); ok {
			path = rest
			warnings = append(warnings, fmt.Sprintf("line %d: path has md5sum's \"*\" binary marker", n))
		}
		if d.atLeast(1, 0) {
			path = DecodePath(path)
		}
		if rest, ok := strings.CutPrefix(path, "./"); ok {
			path = rest
			warnings = append(warnings, fmt.Sprintf("line %d: path starts with \"./\"", n))
		}
		if err := checkPath(path); err != nil {
			problems = append(problems, fmt.Sprintf("line %d: %v", n, err))
			continue
		}
		fn(entry{sum: sum, path: path, line: n})
	}
	return problems, warnings
}

// lines yields splitLines(s) with their indexes, without a slice of
// them when s has no CR: a payload manifest has a line for every file.
func lines(s string) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		if strings.IndexByte(s, '\r') >= 0 {
			for i, line := range splitLines(s) {
				if !yield(i, line) {
					return
				}
			}
			return
		}
		s := strings.TrimSuffix(s, "\n")
		if s == "" {
			return
		}
		for i := 0; ; i++ {
			line, rest, found := strings.Cut(s, "\n")
			if !yield(i, line) || !found {
				return
			}
			s = rest
		}
	}
}

// indexSpace is the index of the first space or tab in s, or -1. A
// manifest of many files has as many lines; strings.IndexAny built its
// byte set for each.
func indexSpace(s string) int {
	for i := range len(s) {
		if s[i] == ' ' || s[i] == '\t' {
			return i
		}
	}
	return -1
}

// hexDigits reports whether s is hexadecimal digits, and whether any is
// an upper-case letter: the one pass over each checksum of a manifest
// that tells both whether it is one and whether it must be lowered. It
// looks each byte up in hexClass rather than branching on its range: in
// a checksum, digits and letters come in no order a branch predictor
// could follow.
func hexDigits(s string) (hex, upper bool) {
	all, some := uint8(hexDigit), uint8(0)
	for i := range len(s) {
		c := hexClass[s[i]]
		all &= c
		some |= c
	}
	hex = all&hexDigit != 0
	return hex, hex && some&hexUpper != 0
}

// The classes of hexClass.
const (
	hexDigit = 1 << iota // 0-9, a-f, A-F
	hexUpper             // A-F
)

var hexClass = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] = hexDigit
	}
	for c := 'a'; c <= 'f'; c++ {
		t[c] = hexDigit
		t[c-'a'+'A'] = hexDigit | hexUpper
	}
	return t
}()
