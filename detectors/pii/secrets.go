package pii

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"slices"

	"github.com/consignhq/consign/detectors"
)

// SecretsName names the secrets detector.
const SecretsName = "secret/credentials"

// maxSecret bounds a match: a PEM private key block of an RSA 4096 key is
// about 3.3 KB, a JWT with many claims a few KB.
const maxSecret = 8 << 10

// tokenRule is one credential format that starts with a fixed prefix.
type tokenRule struct {
	kind     string
	prefix   string
	body     func(byte) bool // the bytes after the prefix
	min, max int             // body length
	mixed    bool            // the body must hold both a letter and a digit
}

func alnumByte(b byte) bool     { return asciiClass[b]&(clsDigit|clsUpper|clsLower) != 0 }
func upperDigit(b byte) bool    { return asciiClass[b]&(clsDigit|clsUpper) != 0 }
func wordByte(b byte) bool      { return alnumByte(b) || b == '_' }
func slackByte(b byte) bool     { return alnumByte(b) || b == '-' }
func base64URLByte(b byte) bool { return asciiToken(b) }

// tokenRules are the formats vendors document for their keys, longest
// prefix first where prefixes nest.
var tokenRules = []tokenRule{
	{"aws_access_key", "AKIA", upperDigit, 16, 16, false},
	{"aws_access_key", "ASIA", upperDigit, 16, 16, false},
	{"github_token", "github_pat_", wordByte, 70, 100, false},
	{"github_token", "ghp_", alnumByte, 36, 40, false},
	{"github_token", "gho_", alnumByte, 36, 40, false},
	{"github_token", "ghu_", alnumByte, 36, 40, false},
	{"github_token", "ghs_", alnumByte, 36, 40, false},
	{"github_token", "ghr_", alnumByte, 36, 40, false},
	{"slack_token", "xoxa-", slackByte, 10, 250, true},
	{"slack_token", "xoxb-", slackByte, 10, 250, true},
	{"slack_token", "xoxp-", slackByte, 10, 250, true},
	{"slack_token", "xoxr-", slackByte, 10, 250, true},
	{"stripe_key", "sk_live_", alnumByte, 24, 247, false},
	{"stripe_key", "rk_live_", alnumByte, 24, 247, false},
	{"google_api_key", "AIza", base64URLByte, 35, 35, false},
	{"openai_key", "sk-", base64URLByte, 20, 200, true},
}

// tokenRulesByFirst lists the rules of tokenRules by the first byte of
// their prefix, in tokenRules' order: an anchor byte such as a capital
// 'A' is common in prose, and a run that starts with none of the
// prefixes' bytes is turned down at one lookup.
var tokenRulesByFirst = func() (t [256][]tokenRule) {
	for _, r := range tokenRules {
		t[r.prefix[0]] = append(t[r.prefix[0]], r)
	}
	return t
}()

// Secrets finds credentials: private key blocks, vendor tokens with a
// documented prefix, JWTs, and high-entropy values assigned to a
// password, secret, token or key.
type Secrets struct{ textOnly }

var _ detectors.TextDetector = (*Secrets)(nil)

// NewSecrets returns the secrets detector.
func NewSecrets(detectors.Config) detectors.Detector { return &Secrets{} }

// Name implements detectors.Detector.
func (*Secrets) Name() string { return SecretsName }

// MaxLen implements detectors.TextDetector.
func (*Secrets) MaxLen() int { return maxSecret }

// tokenAnchors are bytes that are rare in prose and sit at a fixed
// distance from the start of every token format tokenAt knows: the '_' of
// "ghp_", "github_pat_" and "sk_live_", the '-' of "sk-", "xoxb-" and
// "-----BEGIN", the 'J' of "eyJ" and the 'A' of "AKIA" and "AIza".
// Searching for a rare byte is much faster than for a prefix that starts
// with a common letter.
var tokenAnchors = []struct {
	b       byte
	offsets []int // how far before the anchor a token may start
}{
	{'_', []int{2, 3, 6}},
	{'-', []int{0, 2, 4}},
	{'J', []int{2}},
	{'A', []int{0}},
}

// Find implements detectors.TextDetector. It visits only the places where
// a token format may start and the ':' and '=' of assignments.
func (*Secrets) Find(item *detectors.Item, chunk []byte) []detectors.Match {
	var out []detectors.Match
	for _, anchor := range tokenAnchors {
		for i := 0; i < len(chunk); {
			k := bytes.IndexByte(chunk[i:], anchor.b)
			if k < 0 {
				break
			}
			at := i + k
			i = at + 1
			for _, off := range anchor.offsets {
				start := at - off
				if start < 0 || (start > 0 && asciiToken(chunk[start-1])) {
					continue
				}
				if m, ok := tokenAt(chunk, start); ok {
					out = append(out, m)
					i = max(i, m.End)
					break
				}
			}
		}
	}
	for _, op := range []byte{':', '='} {
		for i := 0; i < len(chunk); {
			k := bytes.IndexByte(chunk[i:], op)
			if k < 0 {
				break
			}
			i += k + 1
			end := i - 1
			for end > 0 && i-1-end < 4 && (chunk[end-1] == ' ' || chunk[end-1] == '"' || chunk[end-1] == '\'') {
				end--
			}
			start := end
			for start > 0 && end-start <= maxKeyName && asciiToken(chunk[start-1]) {
				start--
			}
			if start == end || alnumBefore(chunk, start) {
				continue
			}
			if m, ok := assignmentAfter(chunk, start, end); ok {
				out = append(out, m)
				i = m.End
			}
		}
	}
	return settle(findProsePasswords(item, chunk, out))
}

// settle orders matches and drops any that overlap an earlier one: a PEM
// body line may start like a Google key, a token may sit in an assignment.
func settle(ms []detectors.Match) []detectors.Match {
	slices.SortFunc(ms, func(a, b detectors.Match) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	out := ms[:0]
	for _, m := range ms {
		if len(out) > 0 && m.Start < out[len(out)-1].End {
			continue
		}
		m.Category = detectors.CategorySecret
		m.Severity = detectors.SeverityHigh
		out = append(out, m)
	}
	return out
}

// tokenAt checks the run at start against the private key, JWT and
// prefixed token formats.
func tokenAt(chunk []byte, start int) (detectors.Match, bool) {
	rest := chunk[start:]
	if bytes.HasPrefix(rest, []byte("-----BEGIN ")) {
		return privateKeyAt(chunk, start)
	}
	if bytes.HasPrefix(rest, []byte("eyJ")) {
		if m, ok := jwtAt(chunk, start); ok {
			return m, true
		}
	}
	if len(rest) == 0 {
		return detectors.Match{}, false
	}
	for _, r := range tokenRulesByFirst[rest[0]] {
		if !bytes.HasPrefix(rest, []byte(r.prefix)) {
			continue
		}
		from := start + len(r.prefix)
		end := from
		for end < len(chunk) && end-from <= r.max && r.body(chunk[end]) {
			end++
		}
		n := end - from
		if n < r.min || n > r.max || alnumAt(chunk, end) || (r.mixed && !hasLetterAndDigit(chunk[from:end])) {
			continue
		}
		return detectors.Match{
			Start: start, End: end, Value: string(chunk[start:end]),
			Kind: r.kind, Confidence: 0.95,
		}, true
	}
	return detectors.Match{}, false
}

// privateKeyAt matches a PEM private key block, or only its header line
// when the block runs past the chunk's context.
func privateKeyAt(chunk []byte, start int) (detectors.Match, bool) {
	window := chunk[start:min(len(chunk), start+maxSecret)]
	eol := bytes.IndexAny(window, "\r\n")
	if eol < 0 {
		eol = len(window)
	}
	header := window[:eol]
	label, ok := bytes.CutPrefix(header, []byte("-----BEGIN "))
	if !ok || !bytes.HasSuffix(label, []byte("PRIVATE KEY-----")) || len(label) > 40 || !pemLabel(label) {
		return detectors.Match{}, false
	}
	m := detectors.Match{Start: start, End: start + eol, Value: string(header), Kind: "private_key", Confidence: 0.99}
	footer := append([]byte("-----END "), label...)
	if k := bytes.Index(window, footer); k > 0 {
		m.End = start + k + len(footer)
		// The body alone tells two keys apart; headers are all alike.
		if body := bytes.Join(bytes.Fields(window[eol:k]), nil); len(body) > 0 {
			m.Value = string(body)
		}
	}
	return m, true
}

// pemLabel accepts the characters of RFC 7468 labels as keys use them.
func pemLabel(label []byte) bool {
	for _, c := range label {
		if !upperDigit(c) && c != ' ' && c != '-' {
			return false
		}
	}
	return true
}

// jwtAt matches header.payload.signature whose header decodes to a JSON
// object naming an algorithm.
func jwtAt(chunk []byte, start int) (detectors.Match, bool) {
	segEnd := func(i int) int {
		for i < len(chunk) && i-start < maxSecret && base64URLByte(chunk[i]) {
			i++
		}
		return i
	}
	h := segEnd(start)
	if h >= len(chunk) || chunk[h] != '.' {
		return detectors.Match{}, false
	}
	p := segEnd(h + 1)
	if p == h+1 || p >= len(chunk) || chunk[p] != '.' {
		return detectors.Match{}, false
	}
	end := segEnd(p + 1)
	if end-p-1 < 16 || alnumAt(chunk, end) || end-start > maxSecret {
		return detectors.Match{}, false
	}
	raw, err := base64.RawURLEncoding.DecodeString(string(chunk[start:h]))
	if err != nil {
		return detectors.Match{}, false
	}
	var header map[string]any
	if json.Unmarshal(raw, &header) != nil {
		return detectors.Match{}, false
	}
	if _, ok := header["alg"]; !ok {
		return detectors.Match{}, false
	}
	return detectors.Match{Start: start, End: end, Value: string(chunk[start:end]), Kind: "jwt", Confidence: 0.9}, true
}

func hasLetterAndDigit(b []byte) bool {
	letter, digit := false, false
	for _, c := range b {
		letter = letter || asciiClass[c]&(clsUpper|clsLower) != 0
		digit = digit || asciiDigit(c)
	}
	return letter && digit
}
