package redact

import (
	"bytes"
	"context"
	"encoding/binary"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/consignhq/consign/pipeline/extract"
)

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// fieldValues is the fields a scan finds in data, its type sniffed from
// name and its head, by name.
func fieldValues(t *testing.T, name string, data []byte) map[string]string {
	t.Helper()
	mt, _ := extract.Sniff(name, data[:min(len(data), extract.HeadSize)])
	return scanFields(t, name, mt, data)
}

// scanFields is the fields every extractor a scan runs records from data.
func scanFields(t *testing.T, name, mediaType string, data []byte) map[string]string {
	t.Helper()
	var res extract.Result
	head := data[:min(len(data), extract.HeadSize)]
	_, kind := extract.Sniff(name, head)
	extract.Run(context.Background(), extract.Default(), &extract.Source{Path: name, Size: int64(len(data)), Head: head, R: bytes.NewReader(data), MediaType: mediaType, Kind: kind}, &res)
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
		{"application/pdf", "xmp:dc:creator", true},
		{"application/pdf", "exif:Artist", false},
		{"text/xml", "gpx:trkpt", true},
		{"text/xml", "gpx:points", false},
		{"text/plain", "nmea:trkpt", true},
		{"text/csv", "csv:position", true},
		{"text/csv", "csv:columns", false},
		{"text/markdown", "gpx:trkpt", false},
		{fitType, "fit:record", true},
		{fitType, "fit:SerialNumber", true},
		{fitType, "fit:TimeCreated", false},
	} {
		if got := FieldSupported(c.mediaType, c.field); got != c.want {
			t.Errorf("FieldSupported(%s, %s) = %v, want %v", c.mediaType, c.field, got, c.want)
		}
	}
	if StripsKinds(docxType) || StripsKinds("application/pdf") || !StripsKinds("image/jpeg") {
		t.Error("StripsKinds: Office documents have no positions, serials or owners to strip; photos do")
	}
	if StripsKinds("text/plain") || StripsKinds(fitType) {
		t.Error("StripsKinds: track files take their positions by field, so that each is checked")
	}
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
	if !FieldSupported("image/jpeg", "iptc:By-line") || !FieldSupported("image/png", "iptc:By-line") || FieldSupported("image/webp", "iptc:By-line") {
		t.Error("FieldSupported: IPTC in JPEG and PNG yes, in WebP no")
	}
}

// TestFieldsIPTCInPNG: ImageMagick keeps a photo's IPTC as a raw profile
// in a compressed text chunk; its datasets are blanked in the inflated
// profile, which is compressed again, and read back without them.
func TestFieldsIPTCInPNG(t *testing.T) {
	resources := app13(80, "Ann Other", 5, "Harbour")[4:] // the APP13 body: "Photoshop 3.0", then 8BIM
	for name, profile := range map[string][]byte{"with its signature": resources, "8BIM only": resources[len("Photoshop 3.0\x00"):]} {
		file := pngFile(t, pngChunk("zTXt", append([]byte("Raw profile type iptc\x00\x00"), zlibBytes(t, rawProfile("iptc", profile))...)))
		s := Strip{Fields: []string{"iptc:By-line"}}
		out, rep := redactBytes(t, file, "image/png", s)
		before, after := fieldValues(t, "a.png", file), fieldValues(t, "a.png", out)
		checkFields(t, before, after, rep, s.Fields, []string{"iptc:ObjectName"})
		if len(rep.Kept) > 0 {
			t.Errorf("%s: kept %v", name, rep.Kept)
		}
		samePixels(t, file, out)
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

// TestFieldsMakerNote: a field read from a maker note (a Canon owner's
// name) goes with the maker note's bytes, as for serials; the EXIF
// entries beside it stay. A raw file keeps its maker note, and the
// field is not offered.
func TestFieldsMakerNote(t *testing.T) {
	file := jpegFile(t, app1("Exif\x00\x00", cameraTIFF(binary.LittleEndian)))
	out, rep := redactBytes(t, file, "image/jpeg", Strip{Fields: []string{"makernote:OwnerName"}})
	if bytes.Contains(out, []byte(makerNote)) || !rep.Removed("makernote:OwnerName") {
		t.Errorf("maker note left in the copy, report %+v", rep)
	}
	if !bytes.Contains(out, []byte(bodySerial)) || !bytes.Contains(out, []byte(ownerName)) {
		t.Error("the EXIF serial and owner entries went too; only the maker note was asked for")
	}
	if _, rep := redactBytes(t, file, "image/jpeg", Strip{Fields: []string{"exif:Artist"}}); rep.Removed("makernote:OwnerName") {
		t.Errorf("report %+v: the maker note was not asked for", rep)
	}
	if !FieldSupported("image/heic", "makernote:OwnerName") || FieldSupported("image/x-sigma-x3f", "makernote:OwnerName") {
		t.Error("FieldSupported: a maker note field in a HEIC yes, in a format not rewritten no")
	}
}
