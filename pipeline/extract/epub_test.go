package extract

import (
	"strings"
	"testing"
)

// buildEPUB makes a small EPUB 3 book whose spine order differs from the
// manifest order, with a TDM reservation meta and a non-linear item.
func buildEPUB(t testing.TB) []byte {
	chapter := func(body string) string {
		return `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title><style>p{color:red}</style></head><body>` + body + `</body></html>`
	}
	return buildZip(t,
		zipEntry{Name: "mimetype", Body: "application/epub+zip", Store: true},
		zipEntry{Name: "META-INF/container.xml", Body: `<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>`},
		zipEntry{Name: "OEBPS/content.opf", Body: `<?xml version="1.0"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="id">urn:isbn:9780000000000</dc:identifier><dc:title>Lake Stories</dc:title>
<dc:creator>Olga Writer</dc:creator><dc:language>en-GB</dc:language><dc:date>2019-05-04</dc:date>
<dc:publisher>Small Press</dc:publisher><dc:rights>© 2019 Olga Writer. All rights reserved.</dc:rights>
<meta property="dcterms:modified">2020-01-02T03:04:05Z</meta>
<meta name="tdm-reservation" content="1"/>
</metadata>
<manifest><item id="c2" href="text/ch%202.xhtml" media-type="application/xhtml+xml"/><item id="c1" href="text/ch1.xhtml" media-type="application/xhtml+xml"/><item id="ad" href="ad.xhtml" media-type="application/xhtml+xml"/></manifest>
<spine><itemref idref="c1"/><itemref idref="ad" linear="no"/><itemref idref="c2"/></spine></package>`},
		zipEntry{Name: "OEBPS/text/ch1.xhtml", Body: chapter(`<h1>One</h1><p>It began at the lake &amp; ended there.</p><script>var x = "hidden";</script>`)},
		zipEntry{Name: "OEBPS/text/ch 2.xhtml", Body: chapter(`<p>Two<br/>lines</p>`)},
		zipEntry{Name: "OEBPS/ad.xhtml", Body: chapter(`<p>advert</p>`)},
	)
}

func TestEPUB(t *testing.T) {
	res, sink := runDoc(t, "book.epub", buildEPUB(t))
	wantNoErrors(t, res)
	for key, want := range map[string]string{
		"author": "Olga Writer", "title": "Lake Stories", "language_tag": "en-GB", "publisher": "Small Press",
	} {
		wantTag(t, res, key, want)
	}
	wantField(t, res, "epub:dc:rights", "© 2019 Olga Writer. All rights reserved.")
	wantField(t, res, "epub:meta:tdm-reservation", "1")
	wantField(t, res, "epub:meta:dcterms:modified", "2020-01-02T03:04:05Z")
	wantDate(t, res, "epub:dc:date", "2019-05-04")
	if got := strings.Join(sink.parts, ","); got != "OEBPS/text/ch1.xhtml,OEBPS/text/ch 2.xhtml" {
		t.Errorf("parts = %s", got)
	}
	if got := sink.all(); got != "One\nIt began at the lake & ended there.\nTwo\nlines\n" {
		t.Errorf("text = %q", got)
	}
}
