package pii

import (
	"bytes"
	"math"

	"github.com/consignhq/consign/detectors"
)

// Bounds of an assigned secret value.
const (
	minAssignedSecret = 8
	maxAssignedSecret = 128
	// minSecretEntropy is the Shannon entropy, in bits per byte, below
	// which a value reads as a word or a stand-in rather than a secret.
	minSecretEntropy = 3.0
	// maxKeyName bounds the identifier a keyword is looked for in.
	maxKeyName = 40
)

// secretKeywords mark an identifier whose value is a credential; an
// identifier matches when it contains one, in any case.
var secretKeywords = [][]byte{
	[]byte("password"), []byte("passwd"), []byte("pwd"), []byte("secret"), []byte("token"),
	[]byte("api_key"), []byte("apikey"), []byte("api-key"), []byte("access_key"),
	[]byte("private_key"), []byte("auth_key"), []byte("credential"),
}

// docStandIns are the values documentation shows in place of a real secret.
var docStandIns = [][]byte{
	[]byte("xxxx"), []byte("****"), []byte("changeme"), []byte("example"), []byte("your"),
	[]byte("placeholder"), []byte("redacted"), []byte("dummy"), []byte("...."),
}

// assignmentAfter matches a high-entropy value assigned to the identifier
// chunk[start:end] when the identifier names a secret: `password: "s3cr3tV4lue"`,
// `API_KEY=9f8e...`.
func assignmentAfter(chunk []byte, start, end int) (detectors.Match, bool) {
	i := end
	for i < len(chunk) && (chunk[i] == ' ' || chunk[i] == '"' || chunk[i] == '\'') && i-end < 4 {
		i++
	}
	if i >= len(chunk) || (chunk[i] != ':' && chunk[i] != '=') || end-start > maxKeyName {
		return detectors.Match{}, false
	}
	if !containsKeyword(chunk[start:end]) {
		return detectors.Match{}, false
	}
	i++
	if i < len(chunk) && (chunk[i] == '=' || chunk[i] == '>') { // ":=" and "=>"
		i++
	}
	for i < len(chunk) && chunk[i] == ' ' {
		i++
	}
	quote := byte(0)
	if i < len(chunk) && (chunk[i] == '"' || chunk[i] == '\'' || chunk[i] == '`') {
		quote = chunk[i]
		i++
	}
	from := i
	for i < len(chunk) && i-from <= maxAssignedSecret && valueByte(chunk[i], quote) {
		i++
	}
	value := chunk[from:i]
	if quote != 0 && (i >= len(chunk) || chunk[i] != quote) {
		return detectors.Match{}, false
	}
	if len(value) < minAssignedSecret || len(value) > maxAssignedSecret || !looksSecret(value) {
		return detectors.Match{}, false
	}
	return detectors.Match{
		Start: from, End: i, Value: string(value),
		Kind: "password", Confidence: 0.6,
	}, true
}

// valueByte reports whether b continues a value: up to the closing quote
// when quoted, up to a space or separator when not.
func valueByte(b, quote byte) bool {
	if b < 0x21 || b == 0x7f {
		return false
	}
	if quote != 0 {
		return b != quote
	}
	return b != ',' && b != ';' && b != '"' && b != '\'' && b != ')' && b != '}' && b != ']'
}

func containsKeyword(name []byte) bool {
	var lower [maxKeyName]byte
	n := copy(lower[:], name)
	for k := range n {
		if asciiUpper(lower[k]) {
			lower[k] += 'a' - 'A'
		}
	}
	for _, kw := range secretKeywords {
		if bytes.Contains(lower[:n], kw) {
			return true
		}
	}
	return false
}

// looksSecret rejects words, references and documentation stand-ins: a secret mixes
// letters with digits or symbols, is not a variable reference, and is
// random enough.
func looksSecret(v []byte) bool {
	switch v[0] {
	case '$', '%', '{', '<', '[', '(':
		return false
	}
	lower := bytes.ToLower(v)
	for _, p := range docStandIns {
		if bytes.Contains(lower, p) {
			return false
		}
	}
	letters, others := false, false
	for _, c := range v {
		if asciiClass[c]&(clsUpper|clsLower) != 0 {
			letters = true
		} else if c != '.' && c != '_' && c != '-' && c != '/' {
			others = true
		}
	}
	return letters && others && shannonEntropy(v) >= minSecretEntropy
}

// shannonEntropy is the entropy of v's byte distribution in bits per byte.
func shannonEntropy(v []byte) float64 {
	var counts [256]int
	for _, c := range v {
		counts[c]++
	}
	h, n := 0.0, float64(len(v))
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}
