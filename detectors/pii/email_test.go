package pii

import (
	"bytes"
	"testing"

	"github.com/consignhq/consign/detectors"
)

var emailCases = []detectorCase{
	{"plain", "write to john.doe@gmail.com today", []string{"john.doe@gmail.com"}},
	{"plus and subdomain", "<Jane+news@mail.Example.co.uk>", []string{"Jane+news@mail.Example.co.uk"}},
	{"sentence end", "Mail me at ana@proton.me.", []string{"ana@proton.me"}},
	{"two", "a@b.de,c@d.fr", []string{"a@b.de", "c@d.fr"}},
	{"mailto", "mailto:x@y.io", []string{"x@y.io"}},
	{"fediverse account", "follow @ana_p@photog.social", nil},
	{"fediverse account at line start", "@sam@mastodon.social", nil},
	{"example domain still found", "user@example.com", []string{"user@example.com"}},
	{"retina image", "icon@2x.png and logo@3x.jpg", nil},
	{"retina on a real tld", "logo@2x.co", nil},
	{"version pin", "lodash@4.17.21 and react@18.2", nil},
	{"npm scope", "@babel/core", nil},
	{"handle", "follow @jane on social", nil},
	{"unknown tld", "me@host.notatld", nil},
	{"no local part", "@gmail.com", nil},
	{"dotted local edge", "john.@gmail.com", nil},
	{"double dot", "jo..hn@gmail.com", nil},
	{"label hyphen", "a@-bad.com", nil},
	{"glued to a non-ascii symbol", "€a@gmail.com", nil},
	{"non-ascii local part", "write to éa@gmail.com", []string{"éa@gmail.com"}},
	{"internationalized domain", "Schreib mir: jürgen@müller-fotografie.de — danke", []string{"jürgen@müller-fotografie.de"}},
	{"greek domain label", "στείλε στο eleni@ταχυδρομείο.gr", []string{"eleni@ταχυδρομείο.gr"}},
	{"after chinese text", "请联系jo@web.de谢谢", nil},
	{"chinese then space", "请联系 jo@web.de 谢谢", []string{"jo@web.de"}},
	{"double at", "a@b@c.com", []string{"b@c.com"}},
	{"url token userinfo", "git clone https://ghp_abc123@github.com/o/r.git", nil},
	{"git remote", "git clone git@github.com:lena/presets.git", nil},
	{"scp target", "scp a.jpg me@files.studio.io:~/in/", nil},
	{"label after an address", "jo@web.de: call me", []string{"jo@web.de"}},
	{"url user and password", "ftp://backup:s3cret@files.example.com/", nil},
	{"after a path", "see docs/a@b.com for that", []string{"a@b.com"}},
	{"spelled out", "write to jane [at] doodlestudio [dot] com today", []string{"jane [at] doodlestudio [dot] com"}},
	{"spelled out at only", "paul.girard (arobase) gmail.com.", []string{"paul.girard (arobase) gmail.com"}},
	{"spelled out no spaces", "info[at]studio[dot]co[dot]uk", []string{"info[at]studio[dot]co[dot]uk"}},
	{"spelled out upper", "ANA (AT) PROTON (DOT) ME", []string{"ANA (AT) PROTON (DOT) ME"}},
	{"spelled out unknown tld", "me [at] host [dot] notatld", nil},
	{"spelled out single label", "meet me (at) noon", nil},
	{"bracket word not at", "see note [a] and (b)", nil},
}

func TestEmail(t *testing.T) { runCases(t, &Email{}, emailCases) }

func TestEmailConfidence(t *testing.T) {
	ms := (&Email{}).Find(nil, []byte("a@example.com b@gmail.com c@file.py"))
	if len(ms) != 3 || ms[0].Severity != "low" || ms[1].Severity != "medium" || ms[2].Confidence >= ms[1].Confidence {
		t.Fatalf("got %+v", ms)
	}
	if ms[1].Value != "b@gmail.com" {
		t.Errorf("value %q", ms[1].Value)
	}
}

func TestEmailPlaceholderDomains(t *testing.T) {
	cases := []struct {
		text, severity string
	}{
		{"rsync _site/ SSHuser@mydomain.com", detectors.SeverityLow},
		{"write to you@yourdomain.com", detectors.SeverityLow},
		{"mail jane@mail.your-site.org", detectors.SeverityLow},
		{"contact hr@yourcompany.co.uk", detectors.SeverityLow},
		{"mail jane@mydomainname.com", detectors.SeverityMedium},
		{"mail jane@domain.com", detectors.SeverityMedium},
		{"mail jane@yourstudio.com", detectors.SeverityMedium},
		{"mail jane@myhostel.com", detectors.SeverityMedium},
	}
	for _, c := range cases {
		t.Run(c.text, func(t *testing.T) {
			ms := (&Email{}).Find(nil, []byte(c.text))
			if len(ms) != 1 || ms[0].Severity != c.severity {
				t.Fatalf("got %+v, want one match of severity %s", ms, c.severity)
			}
		})
	}
}

var hashedEmailCases = []detectorCase{
	{"staticman comment", "name: Lynn Mason\nemail: 19976dbd37e6042f42d765c2f01bf5e7\nurl: ''", []string{"19976dbd37e6042f42d765c2f01bf5e7"}},
	{"json sha256", `{"author_email_hash": "8F14E45FCEEA167A5A36DEDD4BEA2543A8F14E45FCEEA167A5A36DEDD4BEA254"}`, []string{"8F14E45FCEEA167A5A36DEDD4BEA2543A8F14E45FCEEA167A5A36DEDD4BEA254"}},
	{"ini", "EMAIL_MD5=0cc175b9c0f1b6a831c399e269772661", []string{"0cc175b9c0f1b6a831c399e269772661"}},
	{"another value of the address", "email_token: 19976dbd37e6042f42d765c2f01bf5e7", nil},
	{"not a mail key", "commit: 19976dbd37e6042f42d765c2f01bf5e7", nil},
	{"wrong length", "email: 19976dbd37e6042f42d765c2f01bf5e", nil},
	{"longer hex", "email: 19976dbd37e6042f42d765c2f01bf5e7aa", nil},
	{"hash and more", "email: 19976dbd37e6042f42d765c2f01bf5e7x", nil},
}

func TestHashedEmail(t *testing.T) {
	runCases(t, &Email{}, hashedEmailCases)
	ms := (&Email{}).Find(nil, []byte(hashedEmailCases[0].text))
	if len(ms) != 1 || ms[0].Kind != "email" || ms[0].Detail != "md5 hash" || ms[0].Severity != detectors.SeverityLow {
		t.Fatalf("got %+v, want one low email with detail md5 hash", ms)
	}
}

func FuzzHashedEmail(f *testing.F) { fuzzDetector(f, &Email{}, hashedEmailCases) }

func FuzzEmail(f *testing.F) { fuzzDetector(f, &Email{}, emailCases) }

// TestNextOpenerAgreesWithIndexAny walks texts as findObfuscatedEmails
// does, from every offset on.
func TestNextOpenerAgreesWithIndexAny(t *testing.T) {
	for _, text := range []string{"", "no brackets", "jane [at] studio (dot) com {x}", "((([[[{{{", "a(b[c{d"} {
		t.Run(text, func(t *testing.T) {
			b := []byte(text)
			next := [3]int{-2, -2, -2}
			for i := 0; i <= len(b); i++ {
				want := bytes.IndexAny(b[i:], openers)
				if want >= 0 {
					want += i
				}
				if got := nextOpener(b, i, &next); got != want {
					t.Fatalf("nextOpener(%d) = %d, want %d", i, got, want)
				}
			}
		})
	}
}
