package extract

import (
	"strings"
	"testing"
)

const odfNS = `xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"`

// buildODT makes a small ODT; the mimetype entry comes first and stored,
// as the format requires and as sniffers expect.
func buildODT(t testing.TB) []byte {
	return buildZip(t,
		zipEntry{Name: "mimetype", Body: "application/vnd.oasis.opendocument.text", Store: true},
		zipEntry{Name: "meta.xml", Body: `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta ` + odfNS + `><office:meta>
<meta:generator>LibreOffice/7.4</meta:generator><dc:title>Field notes</dc:title>
<dc:creator>Last Editor</dc:creator><meta:initial-creator>First Author</meta:initial-creator>
<meta:creation-date>2020-02-29T10:11:12.345</meta:creation-date><dc:date>2020-03-01T09:00:00</dc:date>
<meta:keyword>birds</meta:keyword><meta:keyword>lake</meta:keyword><dc:language>de-DE</dc:language>
<meta:document-statistic meta:page-count="2" meta:word-count="120"/>
<meta:user-defined meta:name="Client">Hans Kunde</meta:user-defined>
</office:meta></office:document-meta>`},
		zipEntry{Name: "content.xml", Body: `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ` + odfNS + `><office:body><office:text>
<text:tracked-changes><text:changed-region><text:deletion><office:change-info><dc:creator>Rita Revisor</dc:creator></office:change-info><text:p>removed words</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:h>Title</text:h><text:p>A<text:s text:c="3"/>B<text:tab/>C<text:line-break/>D <text:span>span</text:span><office:annotation><dc:creator>Nina Note</dc:creator><dc:date>2020-01-01</dc:date><text:p>note text</text:p></office:annotation></text:p>
</office:text></office:body></office:document-content>`},
	)
}

func TestODF(t *testing.T) {
	res, sink := runDoc(t, "notes.odt", buildODT(t))
	wantNoErrors(t, res)
	for key, want := range map[string]string{
		"author": "First Author", "last_modified_by": "Last Editor", "title": "Field notes",
		"keywords": "birds, lake", "language_tag": "de-DE", "software": "LibreOffice/7.4",
		"pages": "2", "word_count": "120",
	} {
		wantTag(t, res, key, want)
	}
	wantField(t, res, "odt:dc:date", "2020-03-01T09:00:00")
	wantField(t, res, "odt:meta:user-defined:Client", "Hans Kunde")
	wantField(t, res, "odt:annotation.author", "Nina Note")
	wantField(t, res, "odt:revision.author", "Rita Revisor")
	wantDate(t, res, "odt:meta:creation-date", "2020-02-29T10:11:12")
	got := sink.texts["content.xml"]
	if !strings.Contains(got, "Title\nA   B\tC\nD span") || !strings.Contains(got, "note text") {
		t.Errorf("content text = %q", got)
	}
	for _, leak := range []string{"removed words", "Nina Note", "2020-01-01"} {
		if strings.Contains(got, leak) {
			t.Errorf("text holds %q: %q", leak, got)
		}
	}
}
