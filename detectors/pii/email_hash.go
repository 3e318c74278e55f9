package pii

import (
	"bytes"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// Comment systems and static-site generators keep a reader's address as
// its MD5 or SHA-256 hash, for Gravatar to show their picture: Staticman
// writes "email: 19976dbd37e6042f42d765c2f01bf5e7" into every comment of
// a Jekyll site. Anyone holding a list of addresses can hash them and
// find the reader, and Gravatar's own profile lookup names them: the hash
// is the address under another form.

// hashedEmailLens are the lengths in hex digits of an MD5 and a SHA-256.
var hashedEmailLens = map[int]string{32: "md5", 64: "sha256"}

// maxEmailKey bounds the key read after "mail".
const maxEmailKey = 32

// findHashedEmails reports the hashes written as the value of a key that
// names a mail address ("email", "author_email", "emailHash").
func findHashedEmails(chunk []byte, out []detectors.Match) []detectors.Match {
	for _, word := range [][]byte{[]byte("ail"), []byte("AIL")} {
		for from := 0; ; {
			k := bytes.Index(chunk[from:], word)
			if k < 0 {
				break
			}
			a := from + k
			from = a + 3
			if a == 0 || chunk[a-1]|0x20 != 'm' {
				continue
			}
			if m, ok := hashedEmailAt(chunk, a+3); ok {
				out = append(out, m)
				from = m.End
			}
		}
	}
	return out
}

// hashKeyEnds may end a key after "mail": the hash of the address, not
// another value about it ("email_token", "mail_id").
var hashKeyEnds = map[string]bool{"": true, "hash": true, "md5": true, "sha256": true, "digest": true}

// hashKeySeparators drops the separators of a key name ("email_sha256",
// "Email-MD5"): made once, as a Replacer builds its tables on first use.
var hashKeySeparators = strings.NewReplacer("_", "", "-", "")

// hashedEmailAt reads, from the end of a key word at chunk[i], the rest
// of the key, a ':' or '=', and a hash standing alone as the value.
func hashedEmailAt(chunk []byte, i int) (detectors.Match, bool) {
	k := i
	for i < len(chunk) && isKeyByte(chunk[i]) {
		if i-k > maxEmailKey {
			return detectors.Match{}, false
		}
		i++
	}
	rest := hashKeySeparators.Replace(strings.ToLower(string(chunk[k:i])))
	if !hashKeyEnds[rest] {
		return detectors.Match{}, false
	}
	i = skipQuoteAndSpace(chunk, i)
	if i >= len(chunk) || chunk[i] != ':' && chunk[i] != '=' {
		return detectors.Match{}, false
	}
	s := skipQuoteAndSpace(chunk, i+1)
	e := s
	for e < len(chunk) && isHexDigit(chunk[e]) {
		e++
	}
	algo, ok := hashedEmailLens[e-s]
	if !ok || alnumAt(chunk, e) {
		return detectors.Match{}, false
	}
	return detectors.Match{
		Start: s, End: e, Value: strings.ToLower(string(chunk[s:e])), Kind: "email",
		Severity: detectors.SeverityLow, Confidence: 0.8, Detail: algo + " hash",
	}, true
}

func isKeyByte(c byte) bool { return isAlnum(c) || c == '_' || c == '-' }

func isHexDigit(c byte) bool { return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'f' }

// skipQuoteAndSpace skips the spaces and the one quote that may stand
// between a key, its separator and its value.
func skipQuoteAndSpace(chunk []byte, i int) int {
	for i < len(chunk) && (chunk[i] == ' ' || chunk[i] == '\t') {
		i++
	}
	if i < len(chunk) && (chunk[i] == '"' || chunk[i] == '\'') {
		i++
	}
	for i < len(chunk) && (chunk[i] == ' ' || chunk[i] == '\t') {
		i++
	}
	return i
}
