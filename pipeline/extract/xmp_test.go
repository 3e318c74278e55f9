package extract

import (
	"bytes"
	"compress/zlib"
	"context"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const xmpPacket = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:d="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
    xmlns:exif="http://ns.adobe.com/exif/1.0/"
    xmlns:aux="http://ns.adobe.com/exif/1.0/aux/"
    xmlns:plus="http://ns.useplus.org/ldf/xmp/1.0/"
    xmlns:Iptc4xmpCore="http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/"
    xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
    xmlns:my="http://example.com/my/"
    xmp:CreateDate="2021-06-03T14:22:10+02:00"
    photoshop:Credit="Agency &amp; Co"
    aux:SerialNumber="AUX123"
    my:Thing="local value">
   <d:creator><rdf:Seq><rdf:li>Jane Creator</rdf:li><rdf:li>Bob Second</rdf:li></rdf:Seq></d:creator>
   <d:title><rdf:Alt><rdf:li xml:lang="fr">Coucher</rdf:li><rdf:li xml:lang="x-default">Sunset</rdf:li></rdf:Alt></d:title>
   <d:subject><rdf:Bag><rdf:li>lake</rdf:li><rdf:li>sunset</rdf:li></rdf:Bag></d:subject>
   <exif:GPSLatitude>48,51.502N</exif:GPSLatitude>
   <exif:GPSLongitude>2,17.6689W</exif:GPSLongitude>
   <exif:DateTimeOriginal>2021-06-03T14:22:10.50+02:00</exif:DateTimeOriginal>
   <plus:DataMining rdf:resource="http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTRAINING"/>
   <Iptc4xmpExt:DigitalSourceType>http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia</Iptc4xmpExt:DigitalSourceType>
   <Iptc4xmpCore:CreatorContactInfo rdf:parseType="Resource">
    <Iptc4xmpCore:CiEmailWork>jane@example.com</Iptc4xmpCore:CiEmailWork>
   </Iptc4xmpCore:CreatorContactInfo>
   <Iptc4xmpExt:PersonInImage><rdf:Bag>
    <rdf:li><rdf:Description Iptc4xmpExt:PersonName="Ann"/></rdf:li>
    <rdf:li rdf:parseType="Resource"><Iptc4xmpExt:PersonName>Ben</Iptc4xmpExt:PersonName></rdf:li>
   </rdf:Bag></Iptc4xmpExt:PersonInImage>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`

func TestParseXMP(t *testing.T) {
	props, err := parseXMP([]byte(xmpPacket))
	if err != nil {
		t.Fatal(err)
	}
	var res Result
	recordXMP(&Source{Kind: KindImage}, props, &res)
	fields := []struct{ name, want string }{
		{"xmp:dc:creator", "Jane Creator; Bob Second"},
		{"xmp:dc:title", "Sunset"},
		{"xmp:dc:subject", "lake; sunset"},
		{"xmp:photoshop:Credit", "Agency & Co"},
		{"xmp:aux:SerialNumber", "AUX123"},
		{"xmp:my:Thing", "local value"},
		{"xmp:plus:DataMining", "http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTRAINING"},
		{"xmp:Iptc4xmpExt:DigitalSourceType", "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"},
		{"xmp:Iptc4xmpCore:CreatorContactInfo/Iptc4xmpCore:CiEmailWork", "jane@example.com"},
		{"xmp:Iptc4xmpExt:PersonInImage/Iptc4xmpExt:PersonName", "Ann; Ben"},
	}
	for _, f := range fields {
		t.Run(f.name, func(t *testing.T) {
			if got, _ := res.Field(f.name); got != f.want {
				t.Errorf("got %q, want %q", got, f.want)
			}
		})
	}
	tags := map[string]string{
		"artist": "Jane Creator; Bob Second", "title": "Sunset", "keywords": "lake; sunset",
		"body_serial": "AUX123", "gps_latitude": "48.858367", "gps_longitude": "-2.294482",
	}
	for k, want := range tags {
		if res.Tags[k] != want {
			t.Errorf("tag %s = %q, want %q", k, res.Tags[k], want)
		}
	}
	d, ok := res.ContentDate()
	if !ok || d.Source != "xmp:exif:DateTimeOriginal" || d.String() != "2021-06-03T14:22:10+02:00" {
		t.Errorf("content date = %s from %s", d, d.Source)
	}
}

func TestParseXMPMalformed(t *testing.T) {
	tests := []struct {
		name    string
		packet  string
		wantErr bool
	}{
		{"empty", "", false},
		{"not xml", "\x00\x01garbage", true},
		{"unclosed", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description`, true},
		{"deep", strings.Repeat("<a>", 100000), true},
		{"entity", `<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;&a;</x>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			n := allocDuring(func() { _, err = parseXMP([]byte(tt.packet)) })
			if (err != nil) != tt.wantErr {
				t.Errorf("err = %v, want error %v", err, tt.wantErr)
			}
			if n > 16<<20 {
				t.Errorf("allocated %d bytes", n)
			}
		})
	}
}

// TestParseXMPEndsWithNUL reads a packet followed by the NUL byte that
// some phones end a JPEG's XMP segment with: every property, no error. A
// NUL inside the packet is still an error.
func TestParseXMPEndsWithNUL(t *testing.T) {
	want, err := parseXMP([]byte(xmpPacket))
	if err != nil || len(want) == 0 {
		t.Fatalf("the packet itself: %d properties, %v", len(want), err)
	}
	for _, tail := range []string{"\x00", "\x00\x00\x00\x00", "\n\x00", "\x00 \n"} {
		got, err := parseXMP([]byte(xmpPacket + tail))
		if err != nil {
			t.Errorf("packet + %q: %v", tail, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("packet + %q: %d properties, want %d", tail, len(got), len(want))
		}
	}
	inside := strings.Replace(xmpPacket, "</rdf:RDF>", "\x00</rdf:RDF>", 1)
	if _, err := parseXMP([]byte(inside)); err == nil {
		t.Error("a NUL inside the packet: no error")
	}
	// As the Samsung Galaxy S7 writes it, in a JPEG's APP1 segment.
	jpg := jpegFile(jpegSegment(0xE1, append([]byte("http://ns.adobe.com/xap/1.0/\x00"), xmpPacket+"\x00"...)), jpegEOI)
	var res Result
	Run(context.Background(), []Extractor{NewXMP()}, bytesSource("phone.jpg", jpg), &res)
	if got, _ := res.Field("xmp:dc:creator"); got != "Jane Creator; Bob Second" || len(res.Errors) > 0 {
		t.Errorf("jpeg: dc:creator = %q, errors %v", got, res.Errors)
	}
}

func TestParseISODate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2021-06-03T14:22:10+02:00", "2021-06-03T14:22:10+02:00"},
		{"2021-06-03T14:22:10Z", "2021-06-03T14:22:10Z"},
		{"2021-06-03T14:22", "2021-06-03T14:22:00"},
		{"2021-06-03", "2021-06-03"},
		{"2021:06:03 14:22:10", "2021-06-03T14:22:10"},
		{"2021-06", ""},
		{"junk", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, ok := parseISODate(tt.in)
			got := ""
			if ok {
				got = d.String()
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// pngChunk frames data as a PNG chunk.
func pngChunk(typ string, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b[4:]))
}

func TestXMPContainers(t *testing.T) {
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write([]byte(xmpPacket))
	zw.Close()
	ihdr := []byte{0, 0, 0, 2, 0, 0, 0, 3, 8, 2, 0, 0, 0}
	png := func(chunks ...[]byte) []byte {
		b := []byte("\x89PNG\r\n\x1a\n")
		b = append(b, pngChunk("IHDR", ihdr)...)
		for _, c := range chunks {
			b = append(b, c...)
		}
		return append(b, pngChunk("IEND", nil)...)
	}
	app1 := append([]byte("\xFF\xD8\xFF\xE1\x00\x00"), jpegXMPSig...)
	app1 = append(app1, xmpPacket...)
	binary.BigEndian.PutUint16(app1[4:], uint16(len(app1)-4))
	jpeg := append(app1, 0xFF, 0xD9)

	tests := []struct {
		name string
		data []byte
	}{
		{"png iTXt", png(pngChunk("iTXt", append([]byte("XML:com.adobe.xmp\x00\x00\x00\x00\x00"), xmpPacket...)))},
		{"png compressed iTXt", png(pngChunk("iTXt", append([]byte("XML:com.adobe.xmp\x00\x01\x00\x00\x00"), z.Bytes()...)))},
		{"jpeg app1", jpeg},
		{"raw scan", append(append([]byte("some binary \x00\x01 prefix "), xmpPacket...), " trailer"...)},
		{"tail scan", append(append([]byte("<x:xmpmeta"), make([]byte, 200<<10)...), xmpPacket...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := bytesSource("f.bin", tt.data)
			src.Kind = KindImage
			var res Result
			Run(context.Background(), []Extractor{NewXMP()}, src, &res)
			if got, _ := res.Field("xmp:dc:creator"); got != "Jane Creator; Bob Second" {
				t.Errorf("dc:creator = %q, errors %v", got, res.Errors)
			}
		})
	}
}

func TestXMPSidecar(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "photo.xmp")
	if err := os.WriteFile(p, []byte(xmpPacket), 0o644); err != nil {
		t.Fatal(err)
	}
	src := openSource(t, p)
	if !NewXMP().Applies(src) {
		t.Fatalf("xmp does not apply to %s (%s)", p, src.MediaType)
	}
	var res Result
	Run(context.Background(), []Extractor{NewXMP()}, src, &res)
	if got, _ := res.Field("xmp:photoshop:Credit"); got != "Agency & Co" {
		t.Errorf("photoshop:Credit = %q, errors %v", got, res.Errors)
	}
}

func FuzzXMP(f *testing.F) {
	f.Add([]byte(xmpPacket))
	f.Add([]byte(`<x:xmpmeta><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description><a:b><rdf:Alt><rdf:li>`))
	if b, err := os.ReadFile(filepath.Join("testdata", "samples", "photo.jpg")); err == nil {
		if i := bytes.Index(b, []byte("<x:xmpmeta")); i >= 0 {
			f.Add(b[i:])
		}
	}
	f.Fuzz(func(t *testing.T, packet []byte) {
		var res Result
		n := allocDuring(func() {
			props, _ := parseXMP(packet)
			recordXMP(&Source{Kind: KindImage}, props, &res)
			props, _ = parseRDF(packet, true) // an SVG's opening, cut after its metadata
			recordXMP(&Source{Kind: KindImage}, props, &res)
		})
		if n > 64<<20+uint64(len(packet))*64 {
			t.Errorf("allocated %d bytes for a %d byte packet", n, len(packet))
		}
		checkValues(t, &res)
	})
}
