package rights

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
)

func TestMatchLocation(t *testing.T) {
	cases := []struct {
		pattern, path string
		want          bool
	}{
		{"/", "/a.jpg", true},
		{"/photos/", "/photos/2021/a.jpg", true},
		{"/photos/", "/posts/a.md", false},
		{"/photos/*.jpg", "/photos/2021/a.jpg", true},
		{"/photos/*.jpg$", "/photos/a.jpg.txt", false},
		{"/photos/*.jpg", "/photos/a.png", false},
		{"posts/*", "/posts/hello.md", true},
		{"/a.md$", "/a.md", true},
		{"/a.md$", "/a.mdx", false},
		{"/*/draft-*", "/blog/draft-1.md", true},
	}
	for _, c := range cases {
		t.Run(c.pattern+" "+c.path, func(t *testing.T) {
			if got := matchLocation(c.pattern, c.path); got != c.want {
				t.Errorf("matchLocation(%q, %q) = %v, want %v", c.pattern, c.path, got, c.want)
			}
		})
	}
}

// writeTDMRep writes a rules file under a new root.
func writeTDMRep(t *testing.T, name, body string) string {
	t.Helper()
	root := t.TempDir()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestTDMRepRules(t *testing.T) {
	root := writeTDMRep(t, ".well-known/tdmrep.json", `[
 {"location": "/photos/*", "tdm-reservation": 1, "tdm-policy": "https://janedoe.net/tdm-policy.json"},
 {"location": "/posts/drafts/", "tdm-reservation": 1},
 {"location": "/", "tdm-reservation": 0}
]`)
	d := NewTDMRep(detectors.Config{Root: root})
	cases := []struct {
		path, reservation, policy string
	}{
		{"photos/2021/beach.jpg", "1", "https://janedoe.net/tdm-policy.json"},
		{"posts/drafts/a.md", "1", ""},
		{"posts/a.md", "0", ""},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			item := &detectors.Item{Path: c.path}
			if !d.Applies(item) {
				t.Fatal("does not apply")
			}
			fs, _ := d.Detect(context.Background(), item)
			var res, pol string
			for _, f := range fs {
				switch f.Kind {
				case KindTDMReservation:
					res = f.Detail
				case KindTDMPolicy:
					pol = f.Detail
				}
			}
			if res != c.reservation || pol != c.policy {
				t.Errorf("reservation, policy = %q, %q; want %q, %q", res, pol, c.reservation, c.policy)
			}
		})
	}
}

func TestTDMRepBadFile(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"not json", `{location: /}`, "parse tdmrep.json"},
		{"no location", `[{"tdm-reservation": 1}]`, "no location"},
		{"bad reservation", `[{"location": "/", "tdm-reservation": 7}]`, "not 0 or 1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := writeTDMRep(t, "tdmrep.json", c.body)
			d := NewTDMRep(detectors.Config{Root: root})
			fs, err := d.Detect(context.Background(), &detectors.Item{Path: "tdmrep.json"})
			if err != nil || len(fs) != 1 || fs[0].Kind != KindTDMRepInvalid || !strings.Contains(fs[0].Detail, c.want) {
				t.Fatalf("findings %+v, %v; want one %s saying %q", fs, err, KindTDMRepInvalid, c.want)
			}
			if fs, _ := d.Detect(context.Background(), &detectors.Item{Path: "a.jpg"}); len(fs) != 0 {
				t.Errorf("other files get %+v from a bad rules file", fs)
			}
		})
	}
}

func TestTDMRepFields(t *testing.T) {
	d := NewTDMRep(detectors.Config{})
	cases := []struct{ field, value, kind, detail, action string }{
		{"html:meta:tdm-reservation", "1", KindTDMReservation, "1", detectors.ActionExclude},
		{"epub:meta:tdm-reservation", "0", KindTDMReservation, "0", ""},
		{"xmp:tdm:reservation", " 1 ", KindTDMReservation, "1", detectors.ActionExclude},
		{"html:meta:tdm-policy", "https://example.com/policy.json", KindTDMPolicy, "https://example.com/policy.json", detectors.ActionReview},
		{"html:meta:tdm-reservation", "yes", "", "", ""},
		{"html:meta:robots", "noai, noimageai", KindTDMReservation, "1", detectors.ActionExclude},
		{"html:meta:robots", "index,follow,NoImageAI", KindTDMReservation, "1", detectors.ActionExclude},
		{"html:meta:robots", "noindex, nofollow", "", "", ""},
		{"html:meta:robots", "noaintenance", "", "", ""},
		{"html:meta:description", "noai", "", "", ""},
	}
	for _, c := range cases {
		t.Run(c.field+"="+c.value, func(t *testing.T) {
			fs := detectFields(t, d, detectors.Field{Name: c.field, Value: c.value})
			if c.kind == "" {
				if len(fs) != 0 {
					t.Fatalf("findings %+v, want none", fs)
				}
				return
			}
			if len(fs) != 1 || fs[0].Kind != c.kind || fs[0].Detail != c.detail || fs[0].Action != c.action {
				t.Fatalf("findings %+v, want %s %q %q", fs, c.kind, c.detail, c.action)
			}
		})
	}
}

func FuzzParseTDMRep(f *testing.F) {
	f.Add([]byte(`[{"location": "/photos/*", "tdm-reservation": 1, "tdm-policy": "https://x/p.json"}]`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`[{"location": 1}]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		rules, err := parseTDMRep(b)
		if err != nil {
			return
		}
		for _, r := range rules {
			matchLocation(r.Location, "/photos/a.jpg")
		}
	})
}

func FuzzMatchLocation(f *testing.F) {
	f.Add("/photos/*.jpg$", "/photos/a.jpg")
	f.Add("***$", "/")
	f.Fuzz(func(t *testing.T, pattern, path string) { matchLocation(pattern, path) })
}
