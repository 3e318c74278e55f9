package pii

import (
	"bytes"
	"net/netip"

	"github.com/consignhq/consign/detectors"
)

// IPName names the IP address detector.
const IPName = "pii/ip"

// maxIPv6Text is the longest textual IPv6 address, with an embedded IPv4.
const maxIPv6Text = 45

// documentation holds the prefixes reserved for examples (RFC 5737, 3849).
var documentation = []netip.Prefix{
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("2001:db8::/32"),
}

// notHosts are IPv4 blocks that address no one: "this network" (0/8,
// the 0.0.0.0 of a listen directive) and the reserved block holding the
// broadcast address, where netmasks like 255.255.255.0 fall.
var notHosts = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("240.0.0.0/4"),
}

// versionCues are words after which a dotted quad is a version or build
// number ("firmware 1.10.2.4", "Version 10.0.19045.4170").
var versionCues = cueSet{
	"version", "versions", "ver", "v", "build", "firmware", "release", "update", "patch",
	"driver", "treiber*", "versión", "versione", "versie", "versão",
}

// IP finds IPv4 and IPv6 addresses. Addresses that identify no one on the
// internet (private, loopback, link-local, documentation) are low severity.
// A dotted quad preceded by 'v' or followed by ".digit" is a version
// number, not an address.
type IP struct{ textOnly }

var _ detectors.TextDetector = (*IP)(nil)

// NewIP returns the IP address detector.
func NewIP(detectors.Config) detectors.Detector { return &IP{} }

// Name implements detectors.Detector.
func (*IP) Name() string { return IPName }

// MaxLen implements detectors.TextDetector.
func (*IP) MaxLen() int { return maxIPv6Text }

// Find implements detectors.TextDetector.
func (*IP) Find(item *detectors.Item, chunk []byte) []detectors.Match {
	dg := digitsOf(item, chunk)
	out := findIPv4(chunk, &dg, nil)
	return findIPv6(chunk, out)
}

func findIPv4(chunk []byte, dg *digitCursor, out []detectors.Match) []detectors.Match {
	lastVersion := -1 // where the last dotted quad read as a version ends
	for i := 0; i < len(chunk); {
		if i = dg.next(i); i == len(chunk) {
			break
		}
		start := i
		end, ok := dottedQuad(chunk, start)
		if !ok {
			for i < len(chunk) && (asciiDigit(chunk[i]) || chunk[i] == '.') {
				i++
			}
			continue
		}
		i = end
		if alnumBefore(chunk, start) || (start > 0 && (chunk[start-1] == '.' || chunk[start-1] == ':')) || alnumAt(chunk, end) {
			continue
		}
		if end+1 < len(chunk) && chunk[end] == '.' && asciiDigit(chunk[end+1]) {
			continue
		}
		if versionCues.in(chunk[max(0, start-20):start]) || lastVersion >= 0 && versionStep(chunk[lastVersion:start]) {
			lastVersion = end
			continue
		}
		if notHostV4(chunk[start:end]) {
			continue
		}
		addr, err := netip.ParseAddr(string(chunk[start:end]))
		if err != nil || notHosts[0].Contains(addr) || notHosts[1].Contains(addr) {
			continue
		}
		out = append(out, ipMatch(start, end, addr, 0.8))
	}
	return out
}

// notHostV4 reports x.x.0.0 networks, which address no host and are, in
// text, nearly always version numbers (EXIF's GPSVersionID "2.2.0.0").
func notHostV4(q []byte) bool {
	return bytes.HasSuffix(q, []byte(".0.0"))
}

// dottedQuad reads four decimal octets without leading zeros at start.
func dottedQuad(chunk []byte, start int) (int, bool) {
	i := start
	for octet := range 4 {
		if octet > 0 {
			if i >= len(chunk) || chunk[i] != '.' {
				return 0, false
			}
			i++
		}
		from, v := i, 0
		for i < len(chunk) && asciiDigit(chunk[i]) && i-from < 4 {
			v = v*10 + int(chunk[i]-'0')
			i++
		}
		if n := i - from; n == 0 || n > 3 || v > 255 || (n > 1 && chunk[from] == '0') {
			return 0, false
		}
	}
	return i, true
}

// versionSteps join a version to the next one: "1.0.0.1 → 1.0.0.2",
// "from 2.1.0.4 to 2.1.0.5".
var versionSteps = []string{"→", "->", "=>", "to", "-", "–", ",", "/", "and", "or"}

// versionStep reports whether between, the text from a version to a
// dotted quad, only steps to the next version.
func versionStep(between []byte) bool {
	s := string(bytes.TrimSpace(between))
	for _, step := range versionSteps {
		if s == step {
			return true
		}
	}
	return false
}

func isIPv6Byte(b byte) bool { return asciiHex(b) || b == ':' || b == '.' }

func findIPv6(chunk []byte, out []detectors.Match) []detectors.Match {
	for i := 0; i < len(chunk); {
		k := bytes.IndexByte(chunk[i:], ':')
		if k < 0 {
			break
		}
		colon := i + k
		start := colon
		for start > 0 && colon-start < maxIPv6Text && (asciiHex(chunk[start-1]) || chunk[start-1] == ':') {
			start--
		}
		end := colon
		for end < len(chunk) && end-start < maxIPv6Text && isIPv6Byte(chunk[end]) {
			end++
		}
		i = max(end, colon+1)
		for end > start && chunk[end-1] == '.' {
			end--
		}
		if end > start+1 && chunk[end-1] == ':' && chunk[end-2] != ':' {
			end--
		}
		cand := chunk[start:end]
		if bytes.Count(cand, []byte{':'}) < 2 || !containsHexDigit(cand) {
			continue
		}
		if alnumBefore(chunk, start) || alnumAt(chunk, end) || (start > 0 && chunk[start-1] == '.') ||
			(end < len(chunk) && (chunk[end] == ':' || chunk[end] == '_')) {
			continue
		}
		addr, err := netip.ParseAddr(string(cand))
		if err != nil || !addr.Is6() {
			continue
		}
		out = append(out, ipMatch(start, end, addr, 0.9))
	}
	return out
}

func containsHexDigit(b []byte) bool {
	for _, c := range b {
		if asciiHex(c) {
			return true
		}
	}
	return false
}

func ipMatch(start, end int, addr netip.Addr, confidence float64) detectors.Match {
	sev := detectors.SeverityMedium
	if !addr.IsGlobalUnicast() || addr.IsPrivate() || isDocumentation(addr) {
		sev = detectors.SeverityLow
	}
	return detectors.Match{
		Start: start, End: end, Value: addr.String(),
		Kind: "ip", Severity: sev, Confidence: confidence,
	}
}

func isDocumentation(addr netip.Addr) bool {
	for _, p := range documentation {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}
