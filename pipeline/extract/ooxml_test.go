package extract

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

const testContentTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>`

const testCoreXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>Quarterly plan</dc:title><dc:subject>Budget</dc:subject><dc:creator>Ana Autora</dc:creator>
<cp:keywords>plan, money</cp:keywords><dc:description>Draft for the board</dc:description>
<cp:lastModifiedBy>Bea Editor</cp:lastModifiedBy>
<dcterms:created xsi:type="dcterms:W3CDTF">2021-06-03T12:22:10Z</dcterms:created>
<dcterms:modified xsi:type="dcterms:W3CDTF">2021-07-01T08:00:00Z</dcterms:modified>
</cp:coreProperties>`

const testAppXML = `<?xml version="1.0" encoding="UTF-8"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">
<Application>Microsoft Office Word</Application><Pages>3</Pages><Words>412</Words><Company>Acme Ltd</Company></Properties>`

// buildDOCX makes a small DOCX with properties, body, header, comments and
// a tracked change.
func buildDOCX(t testing.TB) []byte {
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	return buildZip(t,
		zipEntry{Name: "[Content_Types].xml", Body: testContentTypes},
		zipEntry{Name: "docProps/core.xml", Body: testCoreXML},
		zipEntry{Name: "docProps/app.xml", Body: testAppXML},
		zipEntry{Name: "word/document.xml", Body: `<w:document ` + w + `><w:body>
<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Hello</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">world </w:t></w:r></w:p>
<w:p><w:r><w:t>line one</w:t><w:br/><w:t>line two</w:t></w:r><w:ins w:author="Carl Reviewer"><w:r><w:t>added</w:t></w:r></w:ins><w:del w:author="Dana Deleter"><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>
</w:body></w:document>`},
		zipEntry{Name: "word/header1.xml", Body: `<w:hdr ` + w + `><w:p><w:r><w:t>Confidential header</w:t></w:r></w:p></w:hdr>`},
		zipEntry{Name: "word/comments.xml", Body: `<w:comments ` + w + `><w:comment w:id="0" w:author="Eve Commenter" w:initials="EC"><w:p><w:r><w:t>Call me on 555-0100</w:t></w:r></w:p></w:comment></w:comments>`},
		zipEntry{Name: "word/people.xml", Body: `<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"><w15:person w15:author="Eve Commenter"/><w15:person w15:author="Finn Partner"><w15:presenceInfo w15:providerId="None" w15:userId="Finn Partner"/></w15:person></w15:people>`},
	)
}

func TestOOXMLDocx(t *testing.T) {
	res, sink := runDoc(t, "plan.docx", buildDOCX(t))
	wantNoErrors(t, res)
	for key, want := range map[string]string{
		"author": "Ana Autora", "last_modified_by": "Bea Editor", "title": "Quarterly plan",
		"subject": "Budget", "description": "Draft for the board", "keywords": "plan, money",
		"software": "Microsoft Office Word", "pages": "3", "word_count": "412",
	} {
		wantTag(t, res, key, want)
	}
	wantField(t, res, "docx:dc:creator", "Ana Autora")
	wantField(t, res, "docx:dcterms:modified", "2021-07-01T08:00:00Z")
	wantField(t, res, "docx:app:Company", "Acme Ltd")
	wantField(t, res, "docx:comment.author", "Eve Commenter")
	// people.xml names every commenter again; each name is one field.
	var commenters []string
	for _, f := range res.Fields {
		if f.Name == "docx:comment.author" {
			commenters = append(commenters, f.Value)
		}
	}
	if strings.Join(commenters, ",") != "Eve Commenter,Finn Partner" {
		t.Errorf("comment authors %v, want Eve Commenter and Finn Partner from people.xml", commenters)
	}
	wantField(t, res, "docx:revision.author", "Carl Reviewer")
	wantDate(t, res, "docx:dcterms:created", "2021-06-03T12:22:10Z")

	body := sink.texts["word/document.xml"]
	if want := "Hello\tworld \nline one\nline twoadded\n"; body != want {
		t.Errorf("body text = %q, want %q", body, want)
	}
	if strings.Contains(body, "gone") {
		t.Error("deleted text leaked into the body")
	}
	if got := strings.Join(sink.parts, ","); got != "word/document.xml,word/header1.xml,word/comments.xml" {
		t.Errorf("parts = %s", got)
	}
	if !strings.Contains(sink.texts["word/comments.xml"], "555-0100") {
		t.Errorf("comment text missing: %q", sink.texts["word/comments.xml"])
	}
}

// buildPPTX makes a presentation whose slide order differs from its
// slides' names, with a comment author.
func buildPPTX(t testing.TB) []byte {
	const a = `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"`
	slide := func(text string) string {
		return `<p:sld ` + a + `><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>` + text + `</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>`
	}
	return buildZip(t,
		zipEntry{Name: "[Content_Types].xml", Body: testContentTypes},
		zipEntry{Name: "docProps/core.xml", Body: strings.ReplaceAll(testCoreXML, "Ana Autora", "Pia Presenter")},
		zipEntry{Name: "ppt/presentation.xml", Body: `<p:presentation ` + a + ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><p:sldIdLst><p:sldId id="256" r:id="rId3"/><p:sldId id="257" r:id="rId2"/></p:sldIdLst></p:presentation>`},
		zipEntry{Name: "ppt/_rels/presentation.xml.rels", Body: `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="/ppt/slides/slide2.xml"/></Relationships>`},
		zipEntry{Name: "ppt/slides/slide1.xml", Body: slide("second shown")},
		zipEntry{Name: "ppt/slides/slide2.xml", Body: slide("first shown")},
		zipEntry{Name: "ppt/commentAuthors.xml", Body: `<p:cmAuthorLst ` + a + `><p:cmAuthor id="1" name="Quinn Quibbler" initials="QQ"/></p:cmAuthorLst>`},
	)
}

func TestOOXMLPptxSlideOrder(t *testing.T) {
	res, sink := runDoc(t, "talk.pptx", buildPPTX(t))
	wantNoErrors(t, res)
	wantTag(t, res, "author", "Pia Presenter")
	wantDate(t, res, "pptx:dcterms:created", "2021-06-03T12:22:10Z")
	wantField(t, res, "pptx:comment.author", "Quinn Quibbler")
	if got := sink.all(); got != "first shown\nsecond shown\n" {
		t.Errorf("slide text = %q", got)
	}
}

// buildXLSX makes a workbook with shared strings and a comment.
func buildXLSX(t testing.TB) []byte {
	const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`
	return buildZip(t,
		zipEntry{Name: "[Content_Types].xml", Body: testContentTypes},
		zipEntry{Name: "xl/workbook.xml", Body: `<workbook ` + ns + `/>`},
		zipEntry{Name: "docProps/core.xml", Body: testCoreXML},
		zipEntry{Name: "xl/sharedStrings.xml", Body: `<sst ` + ns + `><si><t>Name</t></si><si><r><t>Rich </t></r><r><t>text</t></r><rPh><t>ふりがな</t></rPh></si></sst>`},
		zipEntry{Name: "xl/comments1.xml", Body: `<comments ` + ns + `><authors><author>Sam Sheet</author></authors><commentList><comment ref="A1" authorId="0"><text><t>check this</t></text></comment></commentList></comments>`},
	)
}

func TestOOXMLXlsxSharedStrings(t *testing.T) {
	res, sink := runDoc(t, "book.xlsx", buildXLSX(t))
	wantNoErrors(t, res)
	wantDate(t, res, "xlsx:dcterms:created", "2021-06-03T12:22:10Z")
	wantField(t, res, "xlsx:comment.author", "Sam Sheet")
	if got := sink.texts["xl/sharedStrings.xml"]; got != "Name\nRich text\n" {
		t.Errorf("shared strings = %q", got)
	}
	if got := sink.texts["xl/comments1.xml"]; got != "check this\n" {
		t.Errorf("comment text = %q", got)
	}
}

func TestOOXMLSampleFile(t *testing.T) {
	_, res, sink := runDocFile(t, "testdata/samples/doc.docx")
	wantNoErrors(t, res)
	// Values as exiftool reports them for this file.
	wantTag(t, res, "author", "Jane Creator")
	wantTag(t, res, "last_modified_by", "Editor Bob")
	wantTag(t, res, "title", "Episode 12 script")
	wantDate(t, res, "docx:dcterms:created", "2023-07-14T15:32:10Z")
	if got := sink.all(); !strings.Contains(got, "Contact: jane.creator@example.com, +44 20 7946 0958\n") {
		t.Errorf("body text = %q", got)
	}
}

func TestZipHostile(t *testing.T) {
	bomb := strings.Repeat("<w:t>x</w:t>", (maxZipEntrySize/12)+10)
	many := make([]zipEntry, 0, 100001)
	many = append(many, zipEntry{Name: "word/document.xml", Body: `<w:document xmlns:w="w"><w:p><w:r><w:t>first</w:t></w:r></w:p></w:document>`, Store: true})
	for i := range 100000 {
		many = append(many, zipEntry{Name: fmt.Sprintf("f%d", i), Store: true})
	}
	valid := buildDOCX(t)
	tests := []struct {
		name string
		data []byte
		want error
		text string
	}{
		{name: "bomb entry", data: buildZip(t, zipEntry{Name: "word/document.xml", Body: `<w:document xmlns:w="w"><w:p><w:r>` + bomb}), want: ErrZipLimit},
		{name: "100k entries", data: buildZip(t, many...), want: ErrZipLimit, text: "first\n"},
		{name: "truncated", data: valid[:len(valid)/2]},
		{name: "directory cut", data: valid[:len(valid)-10]},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, sink := runDoc(t, "x.docx", tc.data)
			if len(res.Errors) == 0 {
				t.Fatal("no error reported")
			}
			if tc.want != nil {
				found := false
				for _, err := range res.Errors {
					found = found || errors.Is(err, tc.want)
				}
				if !found {
					t.Errorf("errors %v do not wrap %v", res.Errors, tc.want)
				}
			}
			if tc.text != "" && sink.all() != tc.text {
				t.Errorf("text = %q, want %q", sink.all(), tc.text)
			}
			if res.TextBytes > maxZipEntrySize {
				t.Errorf("text of %d bytes passed the entry limit", res.TextBytes)
			}
		})
	}
}

func TestZipDeclaredRatio(t *testing.T) {
	// A directory entry that claims 1 GiB from 1 KiB is refused before
	// any inflating happens.
	data := buildZip(t, zipEntry{Name: "word/document.xml", Body: strings.Repeat("a", 2048), Store: true})
	i := strings.LastIndex(string(data), "PK\x01\x02")
	patched := append([]byte(nil), data...)
	// Central directory entry: uncompressed size at offset 24.
	patched[i+24], patched[i+25], patched[i+26], patched[i+27] = 0, 0, 0, 0x40
	res, _ := runDoc(t, "x.docx", patched)
	found := false
	for _, err := range res.Errors {
		found = found || errors.Is(err, ErrZipLimit)
	}
	if !found {
		t.Errorf("errors %v do not report the ratio", res.Errors)
	}
}
