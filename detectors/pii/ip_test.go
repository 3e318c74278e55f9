package pii

import "testing"

var ipCases = []detectorCase{
	{"public v4", "connected from 81.2.69.160 at noon", []string{"81.2.69.160"}},
	{"private v4", "host 192.168.1.20:8080", []string{"192.168.1.20"}},
	{"sentence end", "It was 8.8.8.8.", []string{"8.8.8.8"}},
	{"v6 full", "addr 2a00:1450:4001:82a:0:0:0:200e ok", []string{"2a00:1450:4001:82a:0:0:0:200e"}},
	{"v6 compressed", "[2a00:1450::200e]:443", []string{"2a00:1450::200e"}},
	{"v6 loopback", "listen on ::1 only", []string{"::1"}},
	{"v6 mapped v4", "::ffff:81.2.69.160", []string{"::ffff:81.2.69.160"}},
	{"version prefix", "release v1.2.3.4 out", nil},
	{"longer dotted", "1.2.3.4.5", nil},
	{"octet range", "256.1.1.1", nil},
	{"leading zero", "01.2.3.4", nil},
	{"three parts", "1.2.3", nil},
	{"time", "at 12:30:45 today", nil},
	{"cpp scope", "std::vector<int>", nil},
	{"haskell type", "f :: Int", nil},
	{"mac address", "00:1a:2b:3c:4d:5e", nil},
	{"glued", "abc1.2.3.4", nil},
	{"this network", "exif:ExifVersion=\"0.2.2.0\"", nil},
	{"gps version id", "GPSVersionID 2.2.0.0", nil},
	{"version cue", "firmware 4.1.2.7 installed", nil},
	{"netmask", "netmask 255.255.255.0, gateway 10.0.0.1", []string{"10.0.0.1"}},
	{"broadcast", "sent to 255.255.255.255", nil},
	{"wildcard listen", "listen 0.0.0.0:8080", nil},
	{"firmware version", "Firmware 1.10.2.4 fixes it", nil},
	{"german driver version", "Treiberversion 31.0.15.3623 installieren", nil},
	{"version steps", "Patch notes 1.0.0.1 → 1.0.0.2 → 1.0.0.3", nil},
	{"version range", "firmware 2.1.0.4 to 2.1.0.5", nil},
	{"address after a version", "firmware 2.1.0.4 on host 81.2.69.160", []string{"81.2.69.160"}},
	{"two addresses", "route 10.0.0.5 -> 81.2.69.160", []string{"10.0.0.5", "81.2.69.160"}},
	{"version word far away", "Version 2 of the app talks to 81.2.69.160 now", []string{"81.2.69.160"}},
}

func TestIP(t *testing.T) { runCases(t, &IP{}, ipCases) }

func TestIPSeverity(t *testing.T) {
	tests := []struct{ text, want string }{
		{"81.2.69.160", "medium"},
		{"10.0.0.1", "low"},
		{"127.0.0.1", "low"},
		{"169.254.1.1", "low"},
		{"192.0.2.7", "low"},
		{"2001:db8::1", "low"},
		{"fe80::1", "low"},
		{"2a00:1450::200e", "medium"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			ms := (&IP{}).Find(nil, []byte(tt.text))
			if len(ms) != 1 || ms[0].Severity != tt.want {
				t.Fatalf("got %+v, want severity %s", ms, tt.want)
			}
		})
	}
}

func FuzzIP(f *testing.F) { fuzzDetector(f, &IP{}, ipCases) }
