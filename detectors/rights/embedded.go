package rights

import (
	"bytes"
	"context"
	"net/url"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// EmbeddedName names the detector of embedded and hotlinked material.
const EmbeddedName = Prefix + "embedded"

// embedHosts are players and social posts pages embed; the value is the
// service's name for the finding's detail.
var embedHosts = map[string]string{
	"youtube.com": "YouTube", "youtu.be": "YouTube", "youtube-nocookie.com": "YouTube",
	"vimeo.com": "Vimeo", "twitter.com": "Twitter/X", "x.com": "Twitter/X", "instagram.com": "Instagram",
	"soundcloud.com": "SoundCloud", "spotify.com": "Spotify", "tiktok.com": "TikTok", "facebook.com": "Facebook",
}

// shortcodes are the static-site generator embeds: Hugo's shortcodes
// ({{< youtube id >}}) and the Liquid tags of Jekyll's plugins
// ({% youtube id %}, {% twitter url %}).
var shortcodes = map[string]string{
	"youtube": "YouTube", "vimeo": "Vimeo", "tweet": "Twitter/X", "twitter": "Twitter/X", "x": "Twitter/X",
	"instagram": "Instagram", "soundcloud": "SoundCloud", "spotify": "Spotify",
}

// embedAnchors open an image, a media element, a frame, a shortcode or a
// Liquid tag.
var embedAnchors = newAnchorSet("![", "<img", "<iframe", "<embed", "<video", "<audio", "<source", "<object", "{{<", "{{%", "{%")

// maxEmbedTag bounds the markup read for one element.
const maxEmbedTag = 512

// Embedded reports material a Markdown or HTML file loads from elsewhere:
// images and media from domains that are not the creator's, and players
// and social posts embedded in frames or shortcodes. The page's own text
// stays the creator's; what it shows from others is not theirs to sell.
type Embedded struct {
	domains []string
}

var _ detectors.TextDetector = (*Embedded)(nil)

// NewEmbedded returns the embedded material detector; cfg.Identity.Domains
// are the creator's own hosts.
func NewEmbedded(cfg detectors.Config) detectors.Detector {
	d := &Embedded{}
	for _, h := range cfg.Identity.Domains {
		if h = normalizeHost(h); h != "" {
			d.domains = append(d.domains, h)
		}
	}
	return d
}

// Name implements detectors.Detector.
func (*Embedded) Name() string { return EmbeddedName }

// Applies implements detectors.Detector.
func (*Embedded) Applies(*detectors.Item) bool { return true }

// MaxLen implements detectors.TextDetector.
func (*Embedded) MaxLen() int { return maxEmbedTag }

// FindKey implements detectors.FindKeyer: Find reads nothing of the item.
func (*Embedded) FindKey(*detectors.Item) string { return "" }

// Detect implements detectors.Detector: the sources the HTML extractor
// lists ("html:embed:img", "html:embed:iframe", ...).
func (d *Embedded) Detect(_ context.Context, item *detectors.Item) ([]detectors.Finding, error) {
	var out []detectors.Finding
	for _, f := range item.Fields {
		tag, ok := strings.CutPrefix(f.Name, "html:embed:")
		if !ok || tag == "blockquote" {
			continue
		}
		if s, ok := d.sourceSignal(tag, f.Value); ok {
			out = append(out, finding(EmbeddedName, item, f.Name, f.Value, s))
		}
	}
	return out, nil
}

// Find implements detectors.TextDetector.
func (d *Embedded) Find(item *detectors.Item, chunk []byte) []detectors.Match {
	var out []detectors.Match
	for _, h := range embedAnchors.hitsIn(item, chunk) {
		end := min(len(chunk), h+maxEmbedTag)
		var tag, src string
		var s, e int
		switch {
		case chunk[h] == '!':
			tag = "img"
			open := bytes.Index(chunk[h:end], []byte("]("))
			if open < 0 {
				continue
			}
			s = h + open + 2
			e = s
			for e < end && chunk[e] != ')' && chunk[e] != ' ' && chunk[e] != '\n' {
				e++
			}
			src = string(chunk[s:e])
		case chunk[h] == '{':
			if s, e, name, ok := shortcodeEmbed(chunk, h, end); ok {
				out = append(out, embedMatch(s, e, "shortcode "+name, name))
			}
			continue
		default:
			gt := bytes.IndexByte(chunk[h:end], '>')
			if gt < 0 {
				continue
			}
			tag = strings.ToLower(string(chunk[h+1 : h+1+bytes.IndexAny(chunk[h+1:h+gt+1], " \t\n>/")]))
			s, e = h, h+gt+1
			src = attrValue(chunk[h:e], "src")
		}
		if sig, ok := d.sourceSignal(tag, src); ok {
			out = append(out, detectors.Match{
				Start: s, End: e, Value: strings.ToLower(src), Category: sig.category, Kind: sig.kind,
				Severity: sig.severity, Confidence: sig.confidence, Detail: sig.detail, Action: sig.action,
			})
		}
	}
	return out
}

func embedMatch(s, e int, value, service string) detectors.Match {
	return detectors.Match{
		Start: s, End: e, Value: value, Category: detectors.CategoryThirdParty, Kind: KindEmbeddedMedia,
		Severity: detectors.SeverityMedium, Confidence: 0.9, Detail: service, Action: detectors.ActionReview,
	}
}

// shortcodeEmbed reads the shortcode or Liquid tag that opens at
// chunk[h] ("{{<", "{{%" or "{%"), reading no further than end, and
// returns its span and the service it embeds, if it embeds one.
func shortcodeEmbed(chunk []byte, h, end int) (s, e int, service string, ok bool) {
	open, closing := 3, []byte("}}")
	if chunk[h+1] == '%' {
		if h > 0 && chunk[h-1] == '{' {
			return 0, 0, "", false // the "{%" of a Hugo "{{%", read from its first brace
		}
		open, closing = 2, []byte("%}")
	}
	if h+open > end {
		return 0, 0, "", false
	}
	body := chunk[h+open : end]
	if open == 2 && len(body) > 0 && body[0] == '-' {
		body = body[1:] // Liquid's whitespace control: "{%- youtube id -%}"
	}
	n := bytes.Index(chunk[h:end], closing)
	if n < 0 {
		return 0, 0, "", false
	}
	service, ok = shortcodeAt(body)
	return h, h + n + len(closing), service, ok
}

// shortcodeAt reads the name of a shortcode and reports whether it embeds
// a service.
func shortcodeAt(b []byte) (string, bool) {
	b = bytes.TrimLeft(b, " \t")
	n := 0
	for n < len(b) && isASCIIWordByte(b[n]) {
		n++
	}
	svc, ok := shortcodes[strings.ToLower(string(b[:n]))]
	return svc, ok
}

func isASCIIWordByte(c byte) bool {
	return c|0x20 >= 'a' && c|0x20 <= 'z' || c >= '0' && c <= '9' || c == '_'
}

// sourceSignal judges an element's source: a player or post from an
// embed host, or an image or media file from another domain; relative
// and own-domain sources are the creator's.
func (d *Embedded) sourceSignal(tag, src string) (signal, bool) {
	u, err := url.Parse(strings.TrimSpace(src))
	if err != nil || u.Host == "" || u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		return signal{}, false
	}
	host := normalizeHost(u.Host)
	for _, own := range d.domains {
		if host == own || strings.HasSuffix(host, "."+own) {
			return signal{}, false
		}
	}
	for h := host; h != ""; {
		if svc, ok := embedHosts[h]; ok {
			return signal{detectors.CategoryThirdParty, KindEmbeddedMedia, detectors.SeverityMedium, 0.9, svc, detectors.ActionReview}, true
		}
		_, h, _ = strings.Cut(h, ".")
		if !strings.Contains(h, ".") {
			break
		}
	}
	if len(host) > maxStatusDetail {
		host = host[:maxStatusDetail]
	}
	return signal{detectors.CategoryThirdParty, KindEmbeddedMedia, detectors.SeverityLow, 0.7, tag + " " + host, detectors.ActionReview}, true
}

// normalizeHost lowers a host and drops "www." and a port.
func normalizeHost(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	if i := strings.LastIndexByte(h, ':'); i >= 0 && !strings.Contains(h[i:], "]") {
		h = h[:i]
	}
	return strings.TrimSuffix(strings.TrimPrefix(h, "www."), ".")
}

// attrValue reads attribute name's value from an HTML start tag.
func attrValue(tag []byte, name string) string {
	lower := bytes.ToLower(tag)
	for from := 0; ; {
		i := bytes.Index(lower[from:], []byte(name+"="))
		if i < 0 {
			return ""
		}
		i += from
		from = i + len(name) + 1
		if i > 0 && !(lower[i-1] == ' ' || lower[i-1] == '\t' || lower[i-1] == '\n') {
			continue
		}
		v := tag[from:]
		if len(v) > 0 && (v[0] == '"' || v[0] == '\'') {
			if j := bytes.IndexByte(v[1:], v[0]); j >= 0 {
				return string(v[1 : 1+j])
			}
			return ""
		}
		j := bytes.IndexAny(v, " \t\n>")
		if j < 0 {
			j = len(v)
		}
		return string(v[:j])
	}
}

// Version implements the pipeline's versioned detector: "2" reads the
// Liquid tags of Jekyll's embed plugins ({% youtube id %}), and is the
// first version whose Detect (the sources a web page loads) a scan runs,
// so findings cached by version 1 are made again.
func (*Embedded) Version() string { return "2" }
