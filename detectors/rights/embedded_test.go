package rights

import (
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
)

func TestEmbeddedFind(t *testing.T) {
	d := NewEmbedded(detectors.Config{Identity: janeDoe})
	cases := []struct{ name, text, want string }{
		{"hotlinked image", "Look: ![sunset](https://images.other.org/sunset.jpg) nice", "img images.other.org"},
		{"own domain image", "![me](https://janedoe.net/me.jpg)", ""},
		{"own subdomain image", "![me](https://cdn.janedoe.net/me.jpg)", ""},
		{"relative image", "![me](/img/me.jpg)", ""},
		{"html image", `<img alt="x" src="http://flickr.com/p/1.jpg">`, "img flickr.com"},
		{"youtube iframe", `<iframe width="560" src="https://www.youtube.com/embed/abc123"></iframe>`, "YouTube"},
		{"vimeo player", `<iframe src="https://player.vimeo.com/video/1"></iframe>`, "Vimeo"},
		{"spotify", `<iframe src="https://open.spotify.com/embed/track/1">`, "Spotify"},
		{"soundcloud", `<iframe src="https://w.soundcloud.com/player/?url=x">`, "SoundCloud"},
		{"twitter shortcode", `{{< tweet user="someone" id="123" >}}`, "Twitter/X"},
		{"youtube shortcode", `{{< youtube dQw4w9WgXcQ >}}`, "YouTube"},
		{"unknown shortcode", `{{< figure src="/a.jpg" >}}`, ""},
		{"hugo percent shortcode", `{{% youtube dQw4w9WgXcQ %}}`, "YouTube"},
		{"liquid youtube tag", "Watch it:\n\n{% youtube ibG41djH_Nk %}\n", "YouTube"},
		{"liquid tag with whitespace control", `{%- vimeo 75045142 -%}`, "Vimeo"},
		{"liquid twitter tag", `{% twitter https://twitter.com/someone/status/1 %}`, "Twitter/X"},
		{"liquid include", `{% include_cached boilerplate/paperfaces-3.md %}`, ""},
		{"liquid figure", `{% figure caption:"Work in progress" class:"gallery-2-col" %}`, ""},
		{"unclosed liquid tag", `{% youtube ibG41djH_Nk`, ""},
		{"data uri", `<img src="data:image/png;base64,AAAA">`, ""},
		{"plain link", "[a link](https://other.org/page)", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ms := d.(*Embedded).Find(&detectors.Item{}, []byte(c.text))
			if c.want == "" {
				if len(ms) != 0 {
					t.Fatalf("matches %+v, want none", ms)
				}
				return
			}
			if len(ms) != 1 || ms[0].Detail != c.want || ms[0].Kind != KindEmbeddedMedia || ms[0].Action != detectors.ActionReview {
				t.Fatalf("matches %+v, want %q", ms, c.want)
			}
		})
	}
}

func TestEmbeddedFields(t *testing.T) {
	d := NewEmbedded(detectors.Config{Identity: janeDoe})
	fs := detectFields(t, d,
		detectors.Field{Name: "html:embed:iframe", Value: "https://www.youtube-nocookie.com/embed/x"},
		detectors.Field{Name: "html:embed:img", Value: "/local.png"},
		detectors.Field{Name: "html:embed:blockquote", Value: "present"},
	)
	if len(fs) != 1 || fs[0].Detail != "YouTube" {
		t.Fatalf("findings %+v, want one YouTube embed", fs)
	}
}

func TestQuotationFind(t *testing.T) {
	long := strings.Repeat("words of wisdom from someone else ", 6)
	cases := []struct{ name, text, want string }{
		{"attributed block quote", "Intro.\n> Be yourself; everyone else is already taken.\n> — Oscar Wilde\n\nMore.", "blockquote"},
		{"long block quote", "Intro.\n> " + long + "\n\nMore.", "blockquote"},
		{"short block quote", "Intro.\n> Note: this is mine.\n\nMore.", ""},
		{"html block quote", "<blockquote><p>" + long + "</p></blockquote>", "blockquote"},
		{"attributed quotation", "As she put it, “" + long + "” — Ann Lee, 2019", "quotation"},
		{"unattributed quotation", "Then “" + long + "” and left", ""},
		{"short quotation", "“Hello,” said Ann.", ""},
	}
	d := NewQuotation(detectors.Config{}).(*Quotation)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ms := d.Find(&detectors.Item{}, []byte(c.text))
			if c.want == "" {
				if len(ms) != 0 {
					t.Fatalf("matches %+v, want none", ms)
				}
				return
			}
			if len(ms) != 1 || ms[0].Detail != c.want || ms[0].Kind != KindQuotation {
				t.Fatalf("matches %+v, want one %s", ms, c.want)
			}
		})
	}
}
