package pii

import (
	"bytes"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// MACName names the MAC address detector.
const MACName = "pii/mac"

// Textual MAC address lengths.
const (
	macPairsLen  = 17 // 00:1a:2b:3c:4d:5e
	macDottedLen = 14 // 001a.2b3c.4d5e
)

// MAC finds hardware addresses, which identify a device and so its owner:
// six hex pairs split by ':' or '-', or Cisco's three dotted quads. The
// all-zero and broadcast addresses identify nothing.
type MAC struct{ textOnly }

var _ detectors.TextDetector = (*MAC)(nil)

// NewMAC returns the MAC address detector.
func NewMAC(detectors.Config) detectors.Detector { return &MAC{} }

// Name implements detectors.Detector.
func (*MAC) Name() string { return MACName }

// MaxLen implements detectors.TextDetector.
func (*MAC) MaxLen() int { return macPairsLen }

// Find implements detectors.TextDetector. It looks only at separators
// with hex digits on either side.
func (*MAC) Find(_ *detectors.Item, chunk []byte) []detectors.Match {
	var out []detectors.Match
	for _, sep := range []byte{':', '-'} {
		out = findMACs(chunk, sep, 2, macPairsLen, out)
	}
	return findMACs(chunk, '.', 4, macDottedLen, out)
}

// findMACs finds groups of width hex digits joined by sep, total length
// long, where the first separator sits after the first group.
func findMACs(chunk []byte, sep byte, width, long int, out []detectors.Match) []detectors.Match {
	for i := 0; i < len(chunk); {
		k := bytes.IndexByte(chunk[i:], sep)
		if k < 0 {
			break
		}
		start := i + k - width
		i += k + 1
		if start < 0 || start+long > len(chunk) || !macShape(chunk[start:start+long], sep, width) {
			continue
		}
		end := start + long
		if alnumBefore(chunk, start) || alnumAt(chunk, end) ||
			(start > 0 && chunk[start-1] == sep) || (end < len(chunk) && chunk[end] == sep && alnumAt(chunk, end+1)) {
			continue
		}
		value := normalizeMAC(chunk[start:end])
		if value == "00:00:00:00:00:00" || value == "ff:ff:ff:ff:ff:ff" {
			continue
		}
		if sep == '.' && !bytes.ContainsAny(chunk[start:end], "0123456789") {
			continue // "dead.beef.cafe" is words, not an address
		}
		out = append(out, detectors.Match{
			Start: start, End: end, Value: value,
			Kind: "mac", Severity: detectors.SeverityLow, Confidence: 0.7,
		})
		i = end
	}
	return out
}

func macShape(b []byte, sep byte, width int) bool {
	for j, c := range b {
		if (j+1)%(width+1) == 0 {
			if c != sep {
				return false
			}
		} else if !asciiHex(c) {
			return false
		}
	}
	return true
}

// normalizeMAC writes any layout as lower-case colon-separated pairs, so
// one device hashes alike however it was written.
func normalizeMAC(b []byte) string {
	var hex []byte
	for _, c := range b {
		if asciiHex(c) {
			hex = append(hex, c)
		}
	}
	var s strings.Builder
	for j := 0; j+1 < len(hex); j += 2 {
		if j > 0 {
			s.WriteByte(':')
		}
		s.Write(hex[j : j+2])
	}
	return strings.ToLower(s.String())
}
