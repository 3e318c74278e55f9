package redact

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
)

// officeFile is a zip file of parts, deflated except the second and an
// OpenDocument's mimetype, which are stored.
func officeFile(t testing.TB, parts ...[2]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i, p := range parts {
		m := zip.Deflate
		if i == 1 || p[0] == "mimetype" {
			m = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p[0], Method: m})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, p[1]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var wordParts = [][2]string{
	{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
	{"word/document.xml", `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Chapter one.</w:t></w:r></w:p></w:body></w:document>`},
	{"word/comments.xml", `<?xml version="1.0"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="Ann Other" w:date="2024-05-01T10:00:00Z" w:initials="AO"><w:p><w:r><w:t>Cut this?</w:t></w:r></w:p></w:comment></w:comments>`},
	{"word/people.xml", `<w15:people xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"><w15:person w15:author="Ann Other"><w15:presenceInfo w15:providerId="AD" w15:userId="S::ann.other@example.com::4f1c"/></w15:person></w15:people>`},
	{"docProps/core.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>The Novel</dc:title><dc:creator>Jane Doe</dc:creator><cp:lastModifiedBy>Bob Editor</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">2024-05-01T09:00:00Z</dcterms:created></cp:coreProperties>`},
	{"docProps/app.xml", `<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application><Company>Acme Ltd</Company></Properties>`},
	{"docProps/custom.xml", `<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Telephone number"><vt:lpwstr>+44 20 7946 0018</vt:lpwstr></property><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="Client"><vt:lpwstr>Northwind</vt:lpwstr></property></Properties>`},
}

func TestFieldsOOXML(t *testing.T) {
	file := officeFile(t, wordParts...)
	s := Strip{Fields: []string{"docx:dc:creator", "docx:app:Company", "docx:custom:Telephone number", "docx:comment.author"}}
	out, rep := redactBytes(t, file, docxType, s)
	before, after := fieldValues(t, "a.docx", file), fieldValues(t, "a.docx", out)
	checkFields(t, before, after, rep, s.Fields,
		[]string{"docx:dc:title", "docx:cp:lastModifiedBy", "docx:custom:Client", "docx:app:Application", "docx:dcterms:created"})
	for _, v := range []string{"Jane Doe", "Acme", "7946", "Ann Other", `"AO"`, "ann.other@"} {
		if bytes.Contains(inflateAll(t, out), []byte(v)) {
			t.Errorf("copy still holds %q", v)
		}
	}
	if rep.Removed("docx:dc:subject") {
		t.Errorf("report %v names a field the file does not have", rep.Applied)
	}

	// The parts with nothing removed are copied as they were stored.
	zin, _ := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	zout, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		t.Fatalf("copy is not a zip file: %v", err)
	}
	if len(zout.File) != len(zin.File) {
		t.Fatalf("%d entries in the copy, %d in the original", len(zout.File), len(zin.File))
	}
	for i, f := range zin.File {
		g := zout.File[i]
		if g.Name != f.Name {
			t.Errorf("entry %d is %s, was %s", i, g.Name, f.Name)
		}
		if f.Name == "word/document.xml" || f.Name == "[Content_Types].xml" {
			a, _ := f.OpenRaw()
			b, _ := g.OpenRaw()
			ab, _ := io.ReadAll(a)
			bb, _ := io.ReadAll(b)
			if !bytes.Equal(ab, bb) || g.Method != f.Method {
				t.Errorf("%s changed in the copy", f.Name)
			}
		}
	}

	// Same input, same copy.
	again, _ := redactBytes(t, file, docxType, s)
	if !bytes.Equal(again, out) {
		t.Error("two redactions of one document differ")
	}
}

// TestFieldsOOXMLRevisionAuthors: the authors of a Word document's
// tracked changes go from its body, headers, footers and notes; the
// changes themselves and their dates stay.
func TestFieldsOOXMLRevisionAuthors(t *testing.T) {
	const w = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	file := officeFile(t, wordParts[0],
		[2]string{"word/document.xml", `<w:document ` + w + `><w:body><w:p><w:ins w:id="1" w:author="Bob Editor" w:date="2024-05-02T10:00:00Z"><w:r><w:t>new words</w:t></w:r></w:ins>` +
			`<w:del w:id="2" w:author='Bob Editor'><w:r><w:delText>old</w:delText></w:r></w:del><w:r><w:rPr><w:b/><w:rPrChange w:id="3" w:author="Bob Editor"><w:rPr/></w:rPrChange></w:rPr></w:r></w:p></w:body></w:document>`},
		[2]string{"word/header1.xml", `<w:hdr ` + w + `><w:p><w:ins w:id="4" w:author="Carol Copyedit"><w:r><w:t>Draft</w:t></w:r></w:ins></w:p></w:hdr>`})
	s := Strip{Fields: []string{"docx:revision.author"}}
	out, rep := redactBytes(t, file, docxType, s)
	checkFields(t, fieldValues(t, "a.docx", file), fieldValues(t, "a.docx", out), rep, s.Fields, nil)
	all := inflateAll(t, out)
	for _, v := range []string{"Bob Editor", "Carol"} {
		if bytes.Contains(all, []byte(v)) {
			t.Errorf("copy still holds %q", v)
		}
	}
	for _, v := range []string{`w:author="" w:date="2024-05-02T10:00:00Z"`, "new words", "<w:delText>old</w:delText>", "Draft"} {
		if !bytes.Contains(all, []byte(v)) {
			t.Errorf("copy lost %q", v)
		}
	}
}

func TestFieldsOOXMLCommentAuthors(t *testing.T) {
	sheet := officeFile(t,
		[2]string{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		[2]string{"xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`},
		[2]string{"xl/comments1.xml", `<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>Ann Other</author><author/></authors><commentList/></comments>`})
	out, rep := redactBytes(t, sheet, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Strip{Fields: []string{"xlsx:comment.author"}})
	checkFields(t, fieldValues(t, "a.xlsx", sheet), fieldValues(t, "a.xlsx", out), rep, []string{"xlsx:comment.author"}, nil)

	slides := officeFile(t,
		[2]string{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		[2]string{"ppt/presentation.xml", `<p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>`},
		[2]string{"ppt/commentAuthors.xml", `<p:cmAuthorLst xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cmAuthor id="1" name="Ann Other" initials="AO" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>`})
	out, rep = redactBytes(t, slides, "application/vnd.openxmlformats-officedocument.presentationml.presentation", Strip{Fields: []string{"pptx:comment.author"}})
	checkFields(t, fieldValues(t, "a.pptx", slides), fieldValues(t, "a.pptx", out), rep, []string{"pptx:comment.author"}, nil)
	if !bytes.Contains(inflateAll(t, out), []byte(`name="" initials="" lastIdx="1"`)) {
		t.Errorf("comment author not emptied in place: %s", inflateAll(t, out))
	}
}

func TestFieldsODF(t *testing.T) {
	file := officeFile(t,
		[2]string{"mimetype", "application/vnd.oasis.opendocument.text"},
		[2]string{"content.xml", `<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><office:body><office:text>` +
			`<text:tracked-changes><text:changed-region text:id="c1"><text:insertion><office:change-info><dc:creator>Rita Revisor</dc:creator><dc:date>2024-05-02T10:00:00</dc:date></office:change-info></text:insertion></text:changed-region></text:tracked-changes>` +
			`<text:p>Chapter one.<office:annotation><dc:creator>Ann Other</dc:creator><dc:date>2024-05-01T10:00:00</dc:date><text:p>Cut this?</text:p></office:annotation></text:p></office:text></office:body></office:document-content>`},
		[2]string{"meta.xml", `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:meta><meta:initial-creator>Jane Doe</meta:initial-creator><dc:creator>Bob Editor</dc:creator><dc:title>The Novel</dc:title><meta:user-defined meta:name="Agent phone">+44 20 7946 0018</meta:user-defined><meta:user-defined meta:name="Client">Northwind</meta:user-defined></office:meta></office:document-meta>`})
	s := Strip{Fields: []string{"odt:meta:initial-creator", "odt:dc:creator", "odt:meta:user-defined:Agent phone", "odt:annotation.author", "odt:revision.author"}}
	out, rep := redactBytes(t, file, "application/vnd.oasis.opendocument.text", s)
	all := inflateAll(t, out)
	for _, v := range []string{"Rita", "Ann Other", "Jane Doe", "7946"} {
		if bytes.Contains(all, []byte(v)) {
			t.Errorf("copy still holds %q", v)
		}
	}
	for _, v := range []string{"<dc:creator></dc:creator><dc:date>2024-05-01T10:00:00</dc:date>", "Cut this?", "Chapter one."} {
		if !bytes.Contains(all, []byte(v)) {
			t.Errorf("copy lost %q", v)
		}
	}
	checkFields(t, fieldValues(t, "a.odt", file), fieldValues(t, "a.odt", out), rep, s.Fields,
		[]string{"odt:dc:title", "odt:meta:user-defined:Client"})
	zr, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil || zr.File[0].Name != "mimetype" || zr.File[0].Method != zip.Store {
		t.Errorf("the copy does not start with the stored mimetype entry OpenDocument requires (%v)", err)
	}
}

// TestFieldsODFMimetypeFirst: an OpenDocument file written with extra
// fields (Info-ZIP's timestamps) keeps its type readable at offset 38 of
// the copy, as readers of the format look for it.
func TestFieldsODFMimetypeFirst(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	ut := []byte{0x55, 0x54, 5, 0, 1, 0x80, 0x3c, 0x65, 0x65}
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store, Extra: ut})
	io.WriteString(w, "application/vnd.oasis.opendocument.text")
	w, _ = zw.CreateHeader(&zip.FileHeader{Name: "meta.xml", Method: zip.Deflate, Extra: ut})
	io.WriteString(w, `<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta><meta:initial-creator>Jane Doe</meta:initial-creator></office:meta></office:document-meta>`)
	zw.Close()
	out, rep := redactBytes(t, buf.Bytes(), "application/vnd.oasis.opendocument.text", Strip{Fields: []string{"odt:meta:initial-creator"}})
	if !rep.Removed("odt:meta:initial-creator") {
		t.Fatalf("nothing removed: %v", rep)
	}
	if got := string(out[30:min(len(out), 38+39)]); got != "mimetypeapplication/vnd.oasis.opendocument.text" {
		t.Errorf("copy's first entry reads %q", got)
	}
}

func TestFieldsOOXMLRefused(t *testing.T) {
	for name, c := range map[string]struct {
		file  []byte
		field string
	}{
		"not a zip":      {[]byte("PK\x03\x04 but nothing else"), "docx:dc:creator"},
		"broken core":    {officeFile(t, wordParts[0], wordParts[1], [2]string{"docProps/core.xml", wordParts[4][1][:strings.Index(wordParts[4][1], "</dc:creator>")]}), "docx:dc:creator"},
		"nested authors": {officeFile(t, wordParts[0], wordParts[1], [2]string{"xl/comments1.xml", `<comments><authors><author><author>x</author></author></authors></comments>`}), "xlsx:comment.author"},
	} {
		var out bytes.Buffer
		if _, err := Metadata(&out, bytes.NewReader(c.file), int64(len(c.file)), docxType, Strip{Fields: []string{c.field}}); err == nil || out.Len() > 0 {
			t.Errorf("%s: err %v, %d bytes written; want an error and nothing written", name, err, out.Len())
		}
	}
}

// inflateAll is every entry of a zip file, decompressed, end to end.
func inflateAll(t *testing.T, file []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(file), int64(len(file)))
	if err != nil {
		t.Fatal(err)
	}
	var all []byte
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		all = append(all, b...)
	}
	return all
}
