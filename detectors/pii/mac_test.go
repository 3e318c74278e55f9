package pii

import "testing"

var macCases = []detectorCase{
	{"colons", "wlan0 ether 00:1A:2b:3c:4d:5e up", []string{"00:1A:2b:3c:4d:5e"}},
	{"dashes", "MAC 00-1a-2b-3c-4d-5e.", []string{"00-1a-2b-3c-4d-5e"}},
	{"cisco dotted", "0011.2233.4455", []string{"0011.2233.4455"}},
	{"two", "00:1a:2b:3c:4d:5e,00:1a:2b:3c:4d:5f", []string{"00:1a:2b:3c:4d:5e", "00:1a:2b:3c:4d:5f"}},
	{"all zero", "00:00:00:00:00:00", nil},
	{"broadcast", "FF:FF:FF:FF:FF:FF", nil},
	{"mixed separators", "00:1a-2b:3c:4d:5e", nil},
	{"seven pairs", "00:1a:2b:3c:4d:5e:6f", nil},
	{"ipv6", "2a00:1450:4001:82a::200e", nil},
	{"hex words", "dead.beef.cafe", nil},
	{"prose hyphens", "a well-known de-facto case", nil},
	{"glued", "x00:1a:2b:3c:4d:5e", nil},
}

func TestMAC(t *testing.T) { runCases(t, &MAC{}, macCases) }

func TestMACValueIsCanonical(t *testing.T) {
	ms := (&MAC{}).Find(nil, []byte("001A.2B3C.4D5E"))
	if len(ms) != 1 || ms[0].Value != "00:1a:2b:3c:4d:5e" {
		t.Fatalf("got %+v", ms)
	}
}

func FuzzMAC(f *testing.F) { fuzzDetector(f, &MAC{}, macCases) }
