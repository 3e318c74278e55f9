package pii

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/consignhq/consign/detectors"
)

// EmailName names the email detector.
const EmailName = "pii/email"

// Limits from RFC 5321.
const (
	maxLocalPart = 64
	maxDomain    = 253
	maxLabel     = 63
)

// exampleDomains are reserved for documentation (RFC 2606, RFC 6761):
// addresses there are examples, not someone's mailbox.
var exampleDomains = map[string]bool{
	"example.com": true, "example.org": true, "example.net": true, "example.edu": true,
	"example": true, "test": true, "invalid": true, "localhost": true,
}

// placeholderOwners and placeholderThings make the domain names that
// tutorials and templates write for "the reader's own domain":
// "yourdomain.com", "my-site.org", "yourcompany.net". Addresses there
// are stand-ins, like those at example.com, though the names may be
// registered.
var (
	placeholderOwners = []string{"your", "my"}
	placeholderThings = map[string]bool{
		"domain": true, "site": true, "website": true, "company": true, "server": true,
		"host": true, "blog": true, "business": true, "mailserver": true, "emaildomain": true,
	}
)

// isPlaceholderDomain reports whether a label of the domain, other than
// the top-level one, is a placeholder name ("mail.yourdomain.com",
// "yourcompany.co.uk").
func isPlaceholderDomain(labels []string) bool {
	for _, l := range labels[:len(labels)-1] {
		for _, owner := range placeholderOwners {
			if rest, ok := strings.CutPrefix(l, owner); ok && placeholderThings[strings.TrimPrefix(rest, "-")] {
				return true
			}
		}
	}
	return false
}

// extensionTLDs are country domains that are also common file extensions,
// so "module@file.py" reads as an address only with some doubt.
var extensionTLDs = map[string]bool{
	"py": true, "md": true, "sh": true, "rs": true, "pl": true, "cc": true,
	"so": true, "ai": true, "ps": true, "mp": true, "gz": true, "zip": true, "mov": true,
}

// Email finds email addresses: a local part, '@', and a domain whose last
// label is a delegated top-level domain; addresses spelled out to fool
// harvesters; and addresses kept as their hash under an email key.
type Email struct{ textOnly }

var _ detectors.TextDetector = (*Email)(nil)

// NewEmail returns the email detector.
func NewEmail(detectors.Config) detectors.Detector { return &Email{} }

// Name implements detectors.Detector.
func (*Email) Name() string { return EmailName }

// Version implements the pipeline's versioned detector: "2" gives
// addresses at placeholder domains ("you@yourdomain.com") the low
// severity of addresses at example.com; "3" finds addresses kept as
// their hash ("email: 19976dbd…", see findHashedEmails); "4" leaves
// Fediverse addresses ("@user@instance.social") to pii/handle.
func (*Email) Version() string { return "4" }

// MaxLen implements detectors.TextDetector.
func (*Email) MaxLen() int { return maxLocalPart + 1 + maxDomain }

// Find implements detectors.TextDetector. It looks only around '@' bytes
// and around the bracketed words that spell one out.
func (*Email) Find(_ *detectors.Item, chunk []byte) []detectors.Match {
	out := appendAtEach(nil, chunk, "@", emailAt)
	return findHashedEmails(chunk, findObfuscatedEmails(chunk, out))
}

func isLocalByte(b byte) bool {
	return asciiClass[b]&(clsDigit|clsUpper|clsLower|clsTokenPunct|clsEmailLocal) != 0
}

func isDomainByte(b byte) bool {
	return asciiClass[b]&(clsDigit|clsUpper|clsLower) != 0 || b == '-' || b == '.'
}

// emailAt validates the address around the '@' at chunk[at].
func emailAt(chunk []byte, at int) (detectors.Match, bool) {
	start := at
	for start > 0 && at-start <= maxLocalPart {
		if isLocalByte(chunk[start-1]) {
			start--
		} else if n := intlLetterBefore(chunk, start); n > 0 {
			start -= n
		} else {
			break
		}
	}
	if at-start > maxLocalPart || (start > 0 && chunk[start-1] >= 0x80) {
		return detectors.Match{}, false
	}
	for start < at && (chunk[start] == '.' || chunk[start] == '-') {
		start++
	}
	local := chunk[start:at]
	if len(local) == 0 || urlUserinfo(chunk, start) || fediverseAddress(chunk, start) ||
		local[len(local)-1] == '.' || bytes.Contains(local, []byte("..")) {
		return detectors.Match{}, false
	}
	end := at + 1
	for end < len(chunk) && end-at-1 <= maxDomain {
		if isDomainByte(chunk[end]) {
			end++
		} else if n := intlLetterAt(chunk, end); n > 0 {
			end += n
		} else {
			break
		}
	}
	if end-at-1 > maxDomain || alnumAt(chunk, end) || (end < len(chunk) && chunk[end] == '@') {
		return detectors.Match{}, false
	}
	for end > at+1 && (chunk[end-1] == '.' || chunk[end-1] == '-') {
		end--
	}
	if scpRemote(chunk, end) {
		return detectors.Match{}, false
	}
	domain := strings.ToLower(string(chunk[at+1 : end]))
	labels := strings.Split(domain, ".")
	if len(labels) < 2 || !validLabels(labels) {
		return detectors.Match{}, false
	}
	if isRetinaSuffix(labels[0]) {
		return detectors.Match{}, false
	}
	tld := labels[len(labels)-1]
	if !isTLD(tld) {
		return detectors.Match{}, false
	}
	m := detectors.Match{
		Start: start, End: end,
		Value:      strings.ToLower(string(local)) + "@" + domain,
		Kind:       "email",
		Severity:   detectors.SeverityMedium,
		Confidence: 0.95,
	}
	switch {
	case exampleDomains[domain] || exampleDomains[strings.Join(labels[len(labels)-2:], ".")] || exampleDomains[tld],
		isPlaceholderDomain(labels):
		m.Severity, m.Confidence = detectors.SeverityLow, 0.3
	case extensionTLDs[tld] && len(labels) == 2:
		m.Confidence = 0.6
	}
	return m, true
}

// scpRemote reports whether the address ending at end goes on with
// ":path", as the remotes of git and scp do ("git@github.com:org/repo.git"):
// that names a login on a host, not a mailbox.
func scpRemote(chunk []byte, end int) bool {
	return end+1 < len(chunk) && chunk[end] == ':' && (alnumAt(chunk, end+1) || chunk[end+1] == '/' || chunk[end+1] == '~')
}

// fediverseAddress reports whether the local part at chunk[start:]
// follows an '@' that starts the word: "@user@instance.social" is an
// account on a Mastodon or other Fediverse server (pii/handle reports
// it), not a mailbox.
func fediverseAddress(chunk []byte, start int) bool {
	return start > 0 && chunk[start-1] == '@' && (start == 1 || !isLocalByte(chunk[start-2]))
}

// urlUserinfo reports whether the local part at chunk[start:] follows
// "//" or "//user:": it is the userinfo of a URL ("https://TOKEN@host",
// "ftp://user:pass@host"), which names a login on that host, not a mailbox.
func urlUserinfo(chunk []byte, start int) bool {
	i := start
	if i > 0 && chunk[i-1] == ':' {
		i--
		for i > 0 && start-i <= maxLocalPart && isLocalByte(chunk[i-1]) {
			i--
		}
	}
	return i >= 2 && chunk[i-1] == '/' && chunk[i-2] == '/'
}

// Addresses may hold letters beyond ASCII: internationalized domains
// ("müller-fotografie.de") and, with SMTPUTF8, local parts ("jürgen@").
// Only scripts that separate words with spaces count, so that an address
// written straight after Chinese or Japanese text does not swallow it.
var intlScripts = []*unicode.RangeTable{unicode.Latin, unicode.Greek, unicode.Cyrillic}

func intlLetter(r rune) bool {
	return r >= 0x80 && r != utf8.RuneError && unicode.In(r, intlScripts...) && (unicode.IsLetter(r) || unicode.IsMark(r))
}

// intlLetterBefore is the byte size of the non-ASCII letter that ends at
// chunk[i], or 0.
func intlLetterBefore(chunk []byte, i int) int {
	if i == 0 || chunk[i-1] < 0x80 {
		return 0
	}
	if r, n := utf8.DecodeLastRune(chunk[:i]); intlLetter(r) {
		return n
	}
	return 0
}

// intlLetterAt is the byte size of the non-ASCII letter at chunk[i], or 0.
func intlLetterAt(chunk []byte, i int) int {
	if chunk[i] < 0x80 {
		return 0
	}
	if r, n := utf8.DecodeRune(chunk[i:]); intlLetter(r) {
		return n
	}
	return 0
}

func validLabels(labels []string) bool {
	for _, l := range labels {
		if l == "" || len(l) > maxLabel || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
	}
	return true
}

// isRetinaSuffix matches the "2x" of image names like "icon@2x.png".
func isRetinaSuffix(label string) bool {
	if len(label) < 2 || label[len(label)-1] != 'x' {
		return false
	}
	for _, c := range []byte(label[:len(label)-1]) {
		if !asciiDigit(c) && c != '.' {
			return false
		}
	}
	return true
}

// appendAtEach appends the match matchAt reads at each occurrence of sep
// in chunk (at is where sep starts), going on after the end of each match,
// or after sep when there is none.
func appendAtEach(out []detectors.Match, chunk []byte, sep string, matchAt func(chunk []byte, at int) (detectors.Match, bool)) []detectors.Match {
	for i := 0; i < len(chunk); {
		k := bytes.Index(chunk[i:], []byte(sep))
		if k < 0 {
			break
		}
		at := i + k
		i = at + len(sep)
		if m, ok := matchAt(chunk, at); ok {
			out = append(out, m)
			i = m.End
		}
	}
	return out
}
