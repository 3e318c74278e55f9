package rights

import (
	"slices"
	"testing"

	"github.com/consignhq/consign/detectors"
)

// TestTDMRepRobots holds robots.txt files: the AI crawlers their groups
// disallow are reservations, and rules for every agent or for search
// crawlers are not.
func TestTDMRepRobots(t *testing.T) {
	d := NewTDMRep(detectors.Config{}).(*TDMRep)
	cases := []struct {
		name, path, text string
		want             []string // agent:action
	}{
		{"group of ai crawlers", "robots.txt",
			"User-agent: *\nDisallow: /private/\n\nUser-agent: GPTBot\nUser-agent: CCBot\nDisallow: /\n",
			[]string{"GPTBot:exclude", "CCBot:exclude"}},
		{"one group each, comments, crlf", "site/static/robots.txt",
			"# no AI\r\nuser-agent: Google-Extended # Gemini\r\ndisallow: /\r\n\r\nUser-agent: anthropic-ai\r\nDisallow: /\r\nUser-agent: ClaudeBot\r\nDisallow: /*\r\n",
			[]string{"Google-Extended:exclude", "anthropic-ai:exclude", "ClaudeBot:exclude"}},
		{"some paths only", "robots.txt", "User-agent: GPTBot\nDisallow: /art/\nDisallow: /photos/\n", []string{"GPTBot:review"}},
		{"some paths then all", "robots.txt", "User-agent: GPTBot\nDisallow: /art/\nDisallow: /\n", []string{"GPTBot:exclude"}},
		{"empty disallow allows", "robots.txt", "User-agent: GPTBot\nDisallow:\n", nil},
		{"allowed ai crawler", "robots.txt", "User-agent: CCBot\nAllow: /\n", nil},
		{"everyone blocked", "robots.txt", "User-agent: *\nDisallow: /\n", nil},
		{"search crawler", "robots.txt", "User-agent: Googlebot\nDisallow: /\n", nil},
		{"new group after rules", "robots.txt", "User-agent: GPTBot\nAllow: /\nUser-agent: Bingbot\nDisallow: /\n", nil},
		{"not a robots file", "notes.txt", "User-agent: GPTBot\nDisallow: /\n", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			item := &detectors.Item{Path: c.path, Kind: "text"}
			if !d.Applies(item) && c.want != nil {
				t.Fatalf("Applies(%s) = false", c.path)
			}
			var got []string
			for _, m := range d.Find(item, []byte(c.text)) {
				got = append(got, c.text[m.Start:m.End]+":"+m.Action)
				if m.Kind != KindTDMReservation || m.Detail != "1" {
					t.Errorf("match %+v: want a tdm_reservation of 1", m)
				}
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("Find = %q, want %q", got, c.want)
			}
		})
	}
}

// FuzzTDMRepRobots reads any robots.txt: no panic, and every match an
// agent's name inside the input, no longer than MaxLen.
func FuzzTDMRepRobots(f *testing.F) {
	for _, s := range []string{"User-agent: GPTBot\nDisallow: /\n", "user-agent:CCBot\r\ndisallow:/a#x", "User-agent: ClaudeBot\n:\n#\n"} {
		f.Add([]byte(s))
	}
	d := NewTDMRep(detectors.Config{}).(*TDMRep)
	item := &detectors.Item{Path: "robots.txt", Kind: "text"}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, m := range d.Find(item, b) {
			if m.Start < 0 || m.End > len(b) || m.Start >= m.End || m.End-m.Start > d.MaxLen() {
				t.Fatalf("match [%d,%d) in %d bytes, MaxLen %d", m.Start, m.End, len(b), d.MaxLen())
			}
		}
	})
}
