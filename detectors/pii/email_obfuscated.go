package pii

import (
	"bytes"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// Creators who publish an address in a bio or a signature often spell
// out its '@' and dots so that harvesters miss it: "jane [at] studio [dot]
// com", "paul (arobase) gmail.com". The mailbox is as personal as any.

// atWords are the spelled-out '@' in brackets, lower case.
var atWords = []string{"at", "arobase"}

// dotWords are the spelled-out '.' in brackets, lower case.
var dotWords = []string{"dot", "point", "punto", "punkt", "ponto"}

// maxObfuscatedDomain bounds the written domain, tokens included, so the
// match stays within MaxLen.
const maxObfuscatedDomain = maxDomain - 24

// findObfuscatedEmails reports the spelled-out addresses in chunk.
func findObfuscatedEmails(chunk []byte, out []detectors.Match) []detectors.Match {
	next := [3]int{-2, -2, -2}
	for i := 0; i < len(chunk); {
		open := nextOpener(chunk, i, &next)
		if open < 0 {
			break
		}
		i = open + 1
		_, close, ok := bracketWord(chunk, open, atWords)
		if !ok {
			continue
		}
		if m, ok := obfuscatedAt(chunk, open, close); ok {
			out = append(out, m)
			i = m.End
		}
	}
	return out
}

// openers are the brackets a spelled-out '@' stands in.
const openers = "[({"

// nextOpener returns the first of openers in chunk at or after i, or -1.
// next holds where each opener was last found (-1: nowhere after, -2: not
// looked for yet): each is searched for again only once passed, so the
// chunk costs three fast byte searches rather than a slow search for any
// of three.
func nextOpener(chunk []byte, i int, next *[3]int) int {
	open := -1
	for j := range len(openers) {
		if next[j] != -1 && next[j] < i {
			next[j] = bytes.IndexByte(chunk[i:], openers[j])
			if next[j] >= 0 {
				next[j] += i
			}
		}
		if next[j] >= 0 && (open < 0 || next[j] < open) {
			open = next[j]
		}
	}
	return open
}

// bracketWord reads "[word]", "(word)" or "{word}" at chunk[open] and
// reports which of words it holds, case-insensitively, and where it ends.
func bracketWord(chunk []byte, open int, words []string) (string, int, bool) {
	want := map[byte]byte{'[': ']', '(': ')', '{': '}'}[chunk[open]]
	end := bytes.IndexByte(chunk[open+1:min(len(chunk), open+12)], want)
	if end < 0 {
		return "", 0, false
	}
	w := strings.ToLower(strings.TrimSpace(string(chunk[open+1 : open+1+end])))
	for _, cand := range words {
		if w == cand {
			return w, open + end + 2, true
		}
	}
	return "", 0, false
}

// obfuscatedAt builds the address around the spelled-out '@' that spans
// chunk[open:close].
func obfuscatedAt(chunk []byte, open, close int) (detectors.Match, bool) {
	end := open
	if end > 0 && chunk[end-1] == ' ' {
		end--
	}
	start := end
	for start > 0 && end-start < maxLocalPart && isLocalByte(chunk[start-1]) {
		start--
	}
	for start < end && (chunk[start] == '.' || chunk[start] == '-') {
		start++
	}
	if start == end || alnumBefore(chunk, start) || (start > 0 && chunk[start-1] >= 0x80) {
		return detectors.Match{}, false
	}
	local := string(chunk[start:end])
	labels, last := obfuscatedDomain(chunk, close)
	if len(labels) < 2 || !validLabels(labels) || !isTLD(strings.ToLower(labels[len(labels)-1])) {
		return detectors.Match{}, false
	}
	return detectors.Match{
		Start: start, End: last,
		Value:    strings.ToLower(local) + "@" + strings.ToLower(strings.Join(labels, ".")),
		Kind:     "email",
		Severity: detectors.SeverityMedium, Confidence: 0.8,
	}, true
}

// obfuscatedDomain reads the labels after the '@' at chunk[from:], joined
// by '.' or a spelled-out dot, and returns them with where the last ends.
func obfuscatedDomain(chunk []byte, from int) ([]string, int) {
	var labels []string
	i, last := from, from
	for i < len(chunk) && i-from < maxObfuscatedDomain {
		if len(labels) > 0 {
			j := i
			if j < len(chunk) && chunk[j] == '.' && j+1 < len(chunk) && alnumAt(chunk, j+1) {
				i = j + 1
			} else {
				if j < len(chunk) && chunk[j] == ' ' {
					j++
				}
				if j >= len(chunk) || (chunk[j] != '[' && chunk[j] != '(' && chunk[j] != '{') {
					break
				}
				_, close, ok := bracketWord(chunk, j, dotWords)
				if !ok {
					break
				}
				i = close
			}
		}
		if i < len(chunk) && chunk[i] == ' ' {
			i++
		}
		s := i
		for i < len(chunk) && (alnumAt(chunk, i) || chunk[i] == '-') {
			i++
		}
		if i == s {
			break
		}
		labels = append(labels, string(chunk[s:i]))
		last = i
	}
	return labels, last
}
