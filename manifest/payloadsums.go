package manifest

import (
	"cmp"
	"path/filepath"
	"slices"
	"strings"
)

// payloadSum is one payload file of manifest-sha256.txt: its path
// relative to data/, decoded, and its sha256.
type payloadSum struct{ rel, sum string }

// payloadSums are a payload manifest's files sorted by path, one entry
// per path. CheckFilesJSONL looks up every record of files.jsonl in them;
// both files are in path order, so the record after a found one is
// nearly always the next entry. Looked up in a map instead, and the map
// built from a string per line, they cost as much as checking files.jsonl
// against its schema.
type payloadSums []payloadSum

// find returns the index of rel, trying hint first.
func (s payloadSums) find(rel []byte, hint int) (int, bool) {
	if hint < len(s) && s[hint].rel == string(rel) {
		return hint, true
	}
	lo, hi := 0, len(s)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if s[mid].rel < string(rel) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo, lo < len(s) && s[lo].rel == string(rel)
}

// readSHA256Manifest reads manifest-sha256.txt's payload paths and
// sha256s; a path listed twice keeps its last line's, as a map would.
func readSHA256Manifest(dir string, files BundleFiles) (payloadSums, error) {
	const name = "manifest-sha256.txt"
	path := filepath.Join(dir, name)
	var sums payloadSums
	add := func(line string) {
		if sum, rel, ok := parsePayloadText(line, 0); ok {
			sums = append(sums, payloadSum{rel: rel, sum: sum})
		}
	}
	// A manifest shorter than the longest line eachLine reads cannot
	// fail it: read it whole, as one string the entries are cut from.
	data, err := orFromDir(files, dir).ReadFile(name)
	if err == nil && len(data) < maxJSONLine {
		sums = make(payloadSums, 0, strings.Count(string(data), "\n")+1)
		for line := range strings.Lines(string(data)) {
			// The lines eachLine gives: the scanner drops the LF and a
			// CR before it.
			line = manifestLine(strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r"))
			if strings.TrimSpace(line) != "" {
				add(line)
			}
		}
	} else {
		err = eachLine(path, func(_ int, line []byte) error {
			add(string(line))
			return nil
		})
	}
	return sortedSums(sums), err
}

// sortedSums sorts sums by path, keeping only the last of the entries
// for one path; consign writes them sorted, which is checked first.
func sortedSums(sums payloadSums) payloadSums {
	sorted := true
	for i := 1; i < len(sums) && sorted; i++ {
		sorted = sums[i-1].rel < sums[i].rel
	}
	if sorted {
		return sums
	}
	slices.SortStableFunc(sums, func(a, b payloadSum) int { return cmp.Compare(a.rel, b.rel) })
	out := sums[:0]
	for i, s := range sums {
		if i+1 < len(sums) && sums[i+1].rel == s.rel {
			continue // a later line lists it again
		}
		out = append(out, s)
	}
	return out
}
