package extract

import (
	"strings"
)

// htmlMeta gathers what a page says about itself while it is tokenized:
// the <title>, <html lang>, every <meta> pair, <link rel=license>, the
// C2PA manifest a <link rel=c2pa-manifest> points to, the
// first <time datetime> inside the first <article>, and what the page
// holds but does not show (contact links, comments).
type htmlMeta struct {
	inHead, inTitle int
	title           strings.Builder
	lang            string
	metas           []Field // name (lower case) and content, in page order
	license         string
	c2paManifest    string
	articles        int // <article> elements opened so far
	inArticle       int
	timeValue       string
	embeds          []Field // "html:embed:<tag>" sources, see noteEmbed
	contacts        []Field // "html:link:mailto" and "html:link:tel", see noteContact
	comments        []Field // "html:comment", see noteComment
	commentBytes    int
}

func (m *htmlMeta) startTag(name string, attrs map[string]string, selfClosing bool) {
	switch name {
	case "html":
		m.lang = firstNonEmpty(attrs["lang"], attrs["xml:lang"])
	case "head":
		if !selfClosing {
			m.inHead++
		}
	case "body":
		m.inHead = 0 // a page that never closes <head> still has a body
	case "title":
		if !selfClosing {
			m.inTitle++
		}
	case "meta":
		key := strings.ToLower(strings.TrimSpace(firstNonEmpty(attrs["name"], attrs["property"], attrs["itemprop"], attrs["http-equiv"])))
		content, ok := attrs["content"]
		if key != "" && ok && len(key) <= maxMetaKeyLen && len(m.metas) < maxHTMLMeta {
			m.metas = append(m.metas, Field{Name: key, Value: content})
		}
	case "link":
		if m.license == "" && hasToken(attrs["rel"], "license") {
			m.license = attrs["href"]
		}
		// C2PA 2.x: a page's Content Credentials live in a manifest
		// store the page links to.
		if m.c2paManifest == "" && hasToken(attrs["rel"], "c2pa-manifest") {
			m.c2paManifest = strings.TrimSpace(attrs["href"])
		}
	case "article":
		if !selfClosing {
			m.articles++
			if m.articles == 1 {
				m.inArticle++
			}
		}
	case "time":
		if m.inArticle > 0 && m.timeValue == "" {
			m.timeValue = attrs["datetime"]
		}
	case "img", "iframe", "embed", "video", "audio", "source", "object", "blockquote":
		m.noteEmbed(name, attrs)
	case "a", "area":
		m.noteContact(attrs["href"])
	}
}

func (m *htmlMeta) endTag(name string) {
	switch name {
	case "head":
		m.inHead = 0
	case "title":
		if m.inTitle > 0 {
			m.inTitle--
		}
	case "article":
		if m.inArticle > 0 {
			m.inArticle--
		}
	}
}

func (m *htmlMeta) titleText(b []byte) {
	if room := maxTitleLen - m.title.Len(); room > 0 {
		m.title.Write(b[:min(len(b), room)])
	}
}

// Meta names that fill curated tags, most specific first. Tags keep the
// first value set, so <title> and <html lang> win over their meta twins.
var htmlTagSources = []struct {
	tag   string
	names []string
}{
	{"author", []string{"author", "dcterms.creator", "dc.creator", "citation_author", "twitter:creator"}},
	{"title", []string{"og:title", "dcterms.title", "dc.title", "citation_title", "twitter:title"}},
	{"description", []string{"description", "og:description", "dcterms.description", "dc.description", "twitter:description"}},
	{"keywords", []string{"keywords", "news_keywords", "citation_keywords", "dcterms.subject"}},
	{"language_tag", []string{"dcterms.language", "dc.language", "content-language", "og:locale", "citation_language"}},
	{"publisher", []string{"dcterms.publisher", "dc.publisher", "citation_publisher", "og:site_name"}},
	{"software", []string{"generator"}},
	{"copyright", []string{"copyright", "dcterms.rights", "dc.rights"}},
}

// htmlDateNames are the meta names read as the publication date, in order
// of trust: the first that parses becomes a date candidate.
var htmlDateNames = []string{
	"article:published_time", "citation_publication_date", "citation_date", "dcterms.created",
	"dcterms.issued", "dcterms.date", "dc.date", "date", "og:published_time", "datepublished",
	"pubdate", "publish_date",
}

func (m *htmlMeta) record(res *Result) {
	res.SetTag("title", collapseSpace(m.title.String()))
	res.SetTag("language_tag", m.lang)
	byName := map[string]string{}
	for _, f := range m.metas {
		res.AddField("html:meta:"+f.Name, f.Value)
		if _, dup := byName[f.Name]; !dup && strings.TrimSpace(f.Value) != "" {
			byName[f.Name] = f.Value
		}
	}
	for _, s := range htmlTagSources {
		for _, n := range s.names {
			if v, ok := byName[n]; ok {
				res.SetTag(s.tag, v)
				break
			}
		}
	}
	res.AddField("html:link:license", m.license)
	res.AddField("html:link:c2pa-manifest", m.c2paManifest)
	for _, fs := range [][]Field{m.embeds, m.contacts, m.comments} {
		for _, f := range fs {
			res.AddField(f.Name, f.Value)
		}
	}
	for _, n := range htmlDateNames {
		if d, ok := parseTextDate(byName[n]); ok {
			d.Source, d.Rank = "html:meta:"+n, RankFrontMatter
			res.AddDate(d)
			break
		}
	}
	if d, ok := parseTextDate(m.timeValue); ok {
		d.Source, d.Rank = "html:time", RankFrontMatter
		res.AddDate(d)
	}
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// hasToken reports whether a space-separated attribute holds tok.
func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

func collapseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
