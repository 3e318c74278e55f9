package redact

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"io"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/consignhq/consign/pipeline/extract"
)

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// fieldValues is the fields extractBytes finds in data, by name.
func fieldValues(t *testing.T, name string, data []byte) map[string]string {
	t.Helper()
	res := extractBytes(name, data)
	for _, err := range res.Errors {
		t.Errorf("extract %s: %v", name, err)
	}
	out := map[string]string{}
	for _, f := range res.Fields {
		out[f.Name] = f.Value
	}
	return out
}

// checkFields asserts that the fields in gone are in before and not in
// after, that the report says each was removed, and that the fields in
// kept are in both.
func checkFields(t *testing.T, before, after map[string]string, rep Report, gone, kept []string) {
	t.Helper()
	for _, f := range gone {
		if before[f] == "" {
			t.Fatalf("fixture has no %s to remove: %v", f, before)
		}
		if v, ok := after[f]; ok {
			t.Errorf("%s = %q is still in the copy", f, v)
		}
		if !rep.Removed(f) {
			t.Errorf("report %v does not say %s was removed", rep.Applied, f)
		}
	}
	for _, f := range kept {
		if before[f] == "" || after[f] != before[f] {
			t.Errorf("%s = %q before, %q after: should stay", f, before[f], after[f])
		}
	}
}

func TestFieldsPhoto(t *testing.T) {
	// An XMP packet with a creator and a credit at the top, and a
	// dc:creator inside a structure that a field naming the top-level
	// dc:creator must leave alone.
	packet := strings.Replace(xmpPacket, `aux:LensSerialNumber="`+lensSerial+`">`,
		`aux:LensSerialNumber="`+lensSerial+`" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:Credit="Ann Other"
    xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/">
   <Iptc4xmpExt:ArtworkOrObject><rdf:Bag><rdf:li rdf:parseType="Resource"><dc:creator>Old Master</dc:creator></rdf:li></rdf:Bag></Iptc4xmpExt:ArtworkOrObject>`, 1)
	file := jpegFile(t, app1("Exif\x00\x00", cameraTIFF(binary.LittleEndian)), app1("http://ns.adobe.com/xap/1.0/\x00", []byte(packet)))
	s := Strip{Fields: []string{"exif:Artist", "xmp:dc:creator", "xmp:photoshop:Credit"}}
	out, rep := redactBytes(t, file, "image/jpeg", s)
	if len(out) != len(file) {
		t.Fatalf("copy of %d bytes, input %d", len(out), len(file))
	}
	before, after := fieldValues(t, "a.jpg", file), fieldValues(t, "a.jpg", out)
	checkFields(t, before, after, rep, s.Fields,
		[]string{"exif:Make", "exif:BodySerialNumber", "xmp:exif:GPSAltitude", "xmp:Iptc4xmpExt:ArtworkOrObject/dc:creator"})
	for _, name := range []string{"Jane Doe", "Ann Other"} {
		if bytes.Contains(out, []byte(name)) {
			t.Errorf("copy still holds %q", name)
		}
	}
	if rep.Removed("xmp:dc:title") || rep.Removed("exif:Copyright") {
		t.Errorf("report %v names fields the file does not have", rep.Applied)
	}
}

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

func TestFieldSupported(t *testing.T) {
	for _, c := range []struct {
		mediaType, field string
		want             bool
	}{
		{"image/jpeg", "exif:Artist", true},
		{"image/jpeg", "xmp:dc:creator", true},
		{"image/jpeg", "iptc:By-line", true},
		{"image/webp", "iptc:By-line", false},
		{"image/jpeg", "exif:Make", false},
		{"image/heic", "exif:XPAuthor", true},
		{"video/mp4", "exif:Artist", false},
		{"video/mp4", "xmp:dc:creator", true},
		{docxType, "docx:dc:creator", true},
		{docxType, "docx:custom:Client", true},
		{docxType, "docx:comment.author", true},
		{docxType, "docx:revision.author", true},
		{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx:revision.author", false},
		{docxType, "xmp:dc:creator", false},
		{"application/vnd.oasis.opendocument.text", "odt:meta:initial-creator", true},
		{"application/vnd.oasis.opendocument.text", "odt:meta:user-defined:Client", true},
		{"application/vnd.oasis.opendocument.text", "odt:annotation.author", true},
		{"application/pdf", "pdf:Author", true},
		{"application/pdf", "xmp:dc:creator", false},
	} {
		if got := FieldSupported(c.mediaType, c.field); got != c.want {
			t.Errorf("FieldSupported(%s, %s) = %v, want %v", c.mediaType, c.field, got, c.want)
		}
	}
	if StripsKinds(docxType) || StripsKinds("application/pdf") || !StripsKinds("image/jpeg") {
		t.Error("StripsKinds: Office documents have no positions, serials or owners to strip; photos do")
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

// TestFieldsUnreadableXMP: a packet the redaction cannot parse (here,
// one whose end tags do not match) that may hold a field it was asked
// to remove is left as it is, and the field is reported kept, so its
// finding stays open; the same packet showing a position is an error,
// as before.
func TestFieldsUnreadableXMP(t *testing.T) {
	packet := []byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Jane Doe</dc:author></rdf:Description></rdf:RDF></x:xmpmeta>`)
	var rep Report
	out, err := redactXMP(packet, Strip{Fields: []string{"xmp:dc:creator", "xmp:dc:title"}}, &rep)
	if err != nil || out != nil {
		t.Fatalf("got %d bytes, %v; want the packet left alone", len(out), err)
	}
	if rep.Removed("xmp:dc:creator") || len(rep.Kept) != 1 || !strings.HasPrefix(rep.Kept[0], "xmp:dc:creator kept") {
		t.Errorf("report %+v: want dc:creator kept, and dc:title (not in the packet) not named", rep)
	}
	if _, err := redactXMP(append(packet, []byte("GPS")...), Strip{GPS: true}, &rep); err == nil {
		t.Error("a packet that cannot be parsed and shows GPS was not refused")
	}
}

// app13 is a JPEG's Photoshop segment holding an IPTC resource with
// datasets (record 2), each given as dataset number and value.
func app13(sets ...any) []byte {
	var iim []byte
	for i := 0; i < len(sets); i += 2 {
		v := sets[i+1].(string)
		iim = append(iim, 0x1C, 2, byte(sets[i].(int)))
		iim = binary.BigEndian.AppendUint16(iim, uint16(len(v)))
		iim = append(iim, v...)
	}
	res := append([]byte("8BIM\x04\x04\x00\x00"), binary.BigEndian.AppendUint32(nil, uint32(len(iim)))...)
	res = append(res, iim...)
	if len(iim)%2 == 1 {
		res = append(res, 0)
	}
	body := append([]byte("Photoshop 3.0\x00"), res...)
	seg := binary.BigEndian.AppendUint16([]byte{0xFF, 0xED}, uint16(2+len(body)))
	return append(seg, body...)
}

func TestFieldsIPTC(t *testing.T) {
	file := jpegFile(t, app1("Exif\x00\x00", cameraTIFF(binary.LittleEndian)),
		app13(80, "Ann Other", 80, "Bob Second", 110, "Agency Credit Line", 116, "(c) Jane Doe", 5, "Harbour"))
	s := Strip{Fields: []string{"iptc:By-line", "iptc:Credit"}}
	out, rep := redactBytes(t, file, "image/jpeg", s)
	if len(out) != len(file) {
		t.Fatalf("copy of %d bytes, input %d", len(out), len(file))
	}
	before, after := fieldValues(t, "a.jpg", file), fieldValues(t, "a.jpg", out)
	checkFields(t, before, after, rep, s.Fields, []string{"iptc:CopyrightNotice", "iptc:ObjectName", "exif:Artist"})
	for _, v := range []string{"Ann Other", "Bob Second", "Agency"} {
		if bytes.Contains(out, []byte(v)) {
			t.Errorf("copy still holds %q", v)
		}
	}
	if !FieldSupported("image/jpeg", "iptc:By-line") || FieldSupported("image/png", "iptc:By-line") {
		t.Error("FieldSupported: IPTC in JPEG yes, in a PNG's compressed profiles no")
	}
}

// TestXMPUTF16 redacts an XMP packet written in UTF-16, both byte orders
// and with a BOM: blanked in its own encoding, same length, and read
// back without the removed property.
func TestXMPUTF16(t *testing.T) {
	text := strings.Replace(xmpPacket, "<dc:creator>", "<dc:title>Hé 𝄞</dc:title><dc:creator>", 1)
	for name, enc := range map[string]func(string) []byte{
		"big endian":       func(s string) []byte { return utf16Bytes(s, true, false) },
		"little endian":    func(s string) []byte { return utf16Bytes(s, false, false) },
		"big endian + BOM": func(s string) []byte { return utf16Bytes(s, true, true) },
	} {
		packet := enc(text)
		var rep Report
		out, err := redactXMP(packet, Strip{GPS: true, Fields: []string{"xmp:dc:title"}}, &rep)
		if err != nil || len(out) != len(packet) {
			t.Fatalf("%s: %d bytes of %d, %v", name, len(out), len(packet), err)
		}
		// Each removed character is a space for each UTF-16 unit it
		// took (two for 𝄞).
		want := text
		for _, cut := range []string{`<dc:title>Hé 𝄞</dc:title>`, `exif:GPSLatitude="48,51.5022N"`, `exif:GPSLongitude='2,17.6886E'`,
			`drone-dji:GpsLatitude="48.858"`, `<exif:GPSAltitude>35/1</exif:GPSAltitude>`} {
			want = strings.Replace(want, cut, strings.Repeat(" ", len(utf16.Encode([]rune(cut)))), 1)
		}
		if got, _ := extract.XMPText(out); string(got) != want {
			t.Errorf("%s: redacted packet reads\n%s\nwant\n%s", name, got, want)
		}
		if !rep.Removed("xmp:dc:title") {
			t.Errorf("%s: report %v", name, rep.Applied)
		}
	}
}

// utf16Bytes encodes s in UTF-16, big or little endian, with a BOM if
// asked.
func utf16Bytes(s string, big, bom bool) []byte {
	var out []byte
	put := func(u uint16) {
		if big {
			out = binary.BigEndian.AppendUint16(out, u)
		} else {
			out = binary.LittleEndian.AppendUint16(out, u)
		}
	}
	if bom {
		put(0xFEFF)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		put(u)
	}
	return out
}
