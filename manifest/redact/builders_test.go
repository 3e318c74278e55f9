package redact

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"sort"
	"testing"

	"github.com/consignhq/consign/pipeline/extract/bmff"
	"github.com/consignhq/consign/pipeline/extract/goprotest"
)

// tiffEntry and tiffDir describe a TIFF structure for tests to build.
type tiffEntry struct {
	tag, typ uint16
	val      []byte // in the block's byte order
	count    uint32 // 0: len(val) / type size
}

type tiffDir struct {
	entries []tiffEntry
	subs    map[uint16]*tiffDir // pointer tag -> directory
}

// buildTIFF lays out dirs as a TIFF block: header, IFD0 with its values,
// then each sub-directory (in tag order) with its values.
func buildTIFF(o binary.ByteOrder, ifd0 *tiffDir) []byte {
	out := make([]byte, 8)
	if o == binary.LittleEndian {
		copy(out, "II*\x00")
	} else {
		copy(out, "MM\x00*")
	}
	o.PutUint32(out[4:], 8)
	writeDir(&out, o, ifd0)
	return out
}

func writeDir(out *[]byte, o binary.ByteOrder, d *tiffDir) uint32 {
	entries := append([]tiffEntry(nil), d.entries...)
	var subTags []uint16
	for t := range d.subs {
		subTags = append(subTags, t)
		entries = append(entries, tiffEntry{tag: t, typ: 4, val: make([]byte, 4)})
	}
	sort.Slice(subTags, func(i, j int) bool { return subTags[i] < subTags[j] })
	sort.SliceStable(entries, func(i, j int) bool { return entries[i].tag < entries[j].tag })
	start := uint32(len(*out))
	dirLen := 2 + 12*len(entries) + 4
	*out = append(*out, make([]byte, dirLen)...)
	o.PutUint16((*out)[start:], uint16(len(entries)))
	pos := make(map[uint16]int)
	for i, e := range entries {
		p := int(start) + 2 + 12*i
		pos[e.tag] = p
		b := (*out)[p : p+12]
		o.PutUint16(b, e.tag)
		o.PutUint16(b[2:], e.typ)
		cnt := e.count
		if cnt == 0 {
			cnt = uint32(len(e.val) / int(typeSize(e.typ)))
		}
		o.PutUint32(b[4:], cnt)
		if len(e.val) <= 4 {
			copy(b[8:], e.val)
			continue
		}
		o.PutUint32(b[8:], uint32(len(*out)))
		*out = append(*out, e.val...)
		if len(*out)%2 == 1 {
			*out = append(*out, 0)
		}
	}
	for _, t := range subTags {
		off := writeDir(out, o, d.subs[t])
		o.PutUint32((*out)[pos[t]+8:], off)
	}
	return start
}

func ascii(s string) []byte { return append([]byte(s), 0) }

func rationals(o binary.ByteOrder, v ...uint32) []byte {
	b := make([]byte, 4*len(v))
	for i, x := range v {
		o.PutUint32(b[4*i:], x)
	}
	return b
}

// Sensitive values the fixtures carry; no redacted output may hold them.
const (
	ownerName  = "Jane Q. Owner"
	bodySerial = "BODY-012345678901"
	lensSerial = "LENS-9876543210"
	dngSerial  = "DNG-55501234"
	makerNote  = "MAKERNOTE SERIAL 777000111"
)

// cameraTIFF is a camera's EXIF block.
func cameraTIFF(o binary.ByteOrder) []byte { return buildTIFF(o, cameraIFD(o)) }

// cameraIFD is a camera's EXIF: make, model and artist (kept), owner,
// serials and a maker note (removed with Owner and Serials), and a GPS
// position (removed with GPS).
func cameraIFD(o binary.ByteOrder) *tiffDir {
	gps := &tiffDir{entries: []tiffEntry{
		{tag: 0, typ: 1, val: []byte{2, 3, 0, 0}},
		{tag: 1, typ: 2, val: ascii("N")},
		{tag: 2, typ: 5, val: rationals(o, 48, 1, 51, 1, 30132, 1000)},
		{tag: 3, typ: 2, val: ascii("E")},
		{tag: 4, typ: 5, val: rationals(o, 2, 1, 17, 1, 401316, 10000)},
		{tag: 6, typ: 5, val: rationals(o, 35, 1)},
	}}
	exif := &tiffDir{entries: []tiffEntry{
		{tag: 0x9003, typ: 2, val: ascii("2021:06:03 14:22:10")},
		{tag: tagMakerNote, typ: 7, val: []byte(makerNote)},
		{tag: tagCameraOwnerName, typ: 2, val: ascii(ownerName)},
		{tag: tagBodySerialNumber, typ: 2, val: ascii(bodySerial)},
		{tag: 0xA434, typ: 2, val: ascii("RF24-105mm F4 L IS USM")},
		{tag: tagLensSerialNumber, typ: 2, val: ascii(lensSerial)},
	}}
	ifd0 := &tiffDir{
		entries: []tiffEntry{
			{tag: 0x010F, typ: 2, val: ascii("Canon")},
			{tag: 0x0110, typ: 2, val: ascii("Canon EOS R6")},
			{tag: 0x013B, typ: 2, val: ascii("Jane Doe")},
			{tag: tagCameraSerialNumber, typ: 2, val: ascii(dngSerial)},
		},
		subs: map[uint16]*tiffDir{tagExifIFD: exif, tagGPSIFD: gps},
	}
	return ifd0
}

// xmpPacket carries GPS, serials and the owner both as attributes and as
// elements, next to a creator that must stay.
const xmpPacket = `<?xpacket begin="` + "\ufeff" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:exif="http://ns.adobe.com/exif/1.0/"
    xmlns:aux="http://ns.adobe.com/exif/1.0/aux/"
    xmlns:exifEX="http://cipa.jp/exif/1.0/"
    xmlns:drone-dji="http://www.dji.com/drone-dji/1.0/"
    exif:GPSLatitude="48,51.5022N" exif:GPSLongitude='2,17.6886E'
    aux:SerialNumber="` + bodySerial + `" drone-dji:GpsLatitude="48.858"
    aux:LensSerialNumber="` + lensSerial + `">
   <dc:creator><rdf:Seq><rdf:li>Jane Doe</rdf:li></rdf:Seq></dc:creator>
   <exif:GPSAltitude>35/1</exif:GPSAltitude>
   <aux:OwnerName>` + ownerName + `</aux:OwnerName>
   <exifEX:BodySerialNumber>` + bodySerial + `</exifEX:BodySerialNumber>
   <exifEX:CameraOwnerName/>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`

// gradient is a small picture whose pixels a redaction must not change.
func gradient(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), uint8(x ^ y), 255})
		}
	}
	return img
}

// app1 frames sig+payload as a JPEG APP1 segment.
func app1(sig string, payload []byte) []byte {
	seg := []byte{0xFF, 0xE1}
	seg = binary.BigEndian.AppendUint16(seg, uint16(2+len(sig)+len(payload)))
	return append(append(seg, sig...), payload...)
}

// jpegFile encodes a gradient and inserts the given APP segments after SOI.
func jpegFile(t testing.TB, segs ...[]byte) []byte {
	t.Helper()
	var enc bytes.Buffer
	if err := jpeg.Encode(&enc, gradient(32, 24), &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	out := append([]byte{}, enc.Bytes()[:2]...)
	for _, s := range segs {
		out = append(out, s...)
	}
	return append(out, enc.Bytes()[2:]...)
}

// pngChunk frames data as a PNG chunk with its CRC.
func pngChunk(typ string, data []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	out = append(append(out, typ...), data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[4:]))
}

// pngFile encodes a gradient and inserts chunks after IHDR.
func pngFile(t testing.TB, chunks ...[]byte) []byte {
	t.Helper()
	var enc bytes.Buffer
	if err := png.Encode(&enc, gradient(20, 10)); err != nil {
		t.Fatal(err)
	}
	const ihdrEnd = 8 + 25
	out := append([]byte{}, enc.Bytes()[:ihdrEnd]...)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return append(out, enc.Bytes()[ihdrEnd:]...)
}

// riffChunk frames data as a RIFF chunk, padded to even length.
func riffChunk(fourcc string, data []byte) []byte {
	out := append([]byte(fourcc), binary.LittleEndian.AppendUint32(nil, uint32(len(data)))...)
	out = append(out, data...)
	if len(data)%2 == 1 {
		out = append(out, 0)
	}
	return out
}

// webpFile builds an extended WebP: VP8X, a lossless frame header, then
// the given chunks.
func webpFile(chunks ...[]byte) []byte {
	vp8x := []byte{0x0C, 0, 0, 0, 19, 0, 0, 9, 0, 0} // EXIF and XMP flags, 20x10
	body := append([]byte("WEBP"), riffChunk("VP8X", vp8x)...)
	body = append(body, riffChunk("VP8L", []byte{0x2f, 19, 0x40, 0x02, 0, 0, 0, 0, 0})...)
	for _, c := range chunks {
		body = append(body, c...)
	}
	return append(append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(len(body)))...), body...)
}

// mp4Box frames payload as an ISO BMFF box.
func mp4Box(typ string, payload ...[]byte) []byte {
	body := bytes.Join(payload, nil)
	out := binary.BigEndian.AppendUint32(nil, uint32(8+len(body)))
	return append(append(out, typ...), body...)
}

// dataAtom is an item-list data box holding UTF-8 text.
func dataAtom(s string) []byte {
	return mp4Box("data", []byte{0, 0, 0, 1, 0, 0, 0, 0}, []byte(s))
}

const isoLocation = "+48.8577+002.2950+035.000/"

// mp4File is a phone-style movie: a QuickTime ©xyz in udta, a 3GPP loci,
// an iTunes-style ©xyz item, an mdta location key, an XMP uuid box and a
// media data box whose bytes must not change.
func mp4File() []byte {
	xyz := append(binary.BigEndian.AppendUint16(nil, uint16(len(isoLocation))), 0x15, 0xC7)
	xyz = append(xyz, isoLocation...)
	loci := []byte{0, 0, 0, 0, 0x15, 0xC7}
	loci = append(loci, "Home\x00\x00"...)
	loci = binary.BigEndian.AppendUint32(loci, uint32(150405))
	loci = binary.BigEndian.AppendUint32(loci, uint32(3201577))
	loci = binary.BigEndian.AppendUint32(loci, uint32(35*65536))
	loci = append(loci, "Earth\x00\x00"...)
	hdlr := func(kind string) []byte {
		return mp4Box("hdlr", make([]byte, 8), []byte(kind), make([]byte, 13))
	}
	udtaMeta := mp4Box("meta", []byte{0, 0, 0, 0}, hdlr("mdir"),
		mp4Box("ilst", mp4Box("\xa9xyz", dataAtom(isoLocation)), mp4Box("\xa9nam", dataAtom("Beach"))))
	key := "com.apple.quicktime.location.ISO6709"
	keys := mp4Box("keys", []byte{0, 0, 0, 0, 0, 0, 0, 2},
		binary.BigEndian.AppendUint32(nil, uint32(8+len(key))), []byte("mdta"), []byte(key),
		binary.BigEndian.AppendUint32(nil, uint32(8+len("com.apple.quicktime.make"))), []byte("mdta"), []byte("com.apple.quicktime.make"))
	mdta := mp4Box("meta", hdlr("mdta"), keys, mp4Box("ilst",
		mp4Box("\x00\x00\x00\x01", dataAtom(isoLocation)), mp4Box("\x00\x00\x00\x02", dataAtom("Apple"))))
	mvhd := mp4Box("mvhd", make([]byte, 100))
	moov := mp4Box("moov", mvhd, mdta, mp4Box("udta", mp4Box("\xa9xyz", xyz), mp4Box("loci", loci), udtaMeta))
	uuid := mp4Box("uuid", bmff.XMPUUID[:], []byte(xmpPacket))
	ftyp := mp4Box("ftyp", []byte("qt  "), []byte{0, 0, 0, 0}, []byte("qt  "))
	return bytes.Join([][]byte{ftyp, mp4Box("wide"), mp4Box("mdat", bytes.Repeat([]byte("MEDIA"), 50)), moov, uuid}, nil)
}

// goproAPP6 is the APP6 segment a GoPro camera writes to its JPEGs: a
// device with one settings stream holding the camera and lens serials.
func goproAPP6() []byte {
	body := goprotest.APP6(goprotest.Hero6.Settings())
	seg := []byte{0xFF, 0xE6}
	seg = binary.BigEndian.AppendUint16(seg, uint16(2+len(body)))
	return append(seg, body...)
}

// goproMovie is a GoPro movie in outline: a media data box whose bytes
// must not change, and a movie box with GoPro's user data.
func goproMovie() []byte {
	ftyp := mp4Box("ftyp", []byte("mp41"), []byte{0x20, 0x13, 0x10, 0x18}, []byte("mp41"))
	moov := mp4Box("moov", mp4Box("mvhd", make([]byte, 100)), goprotest.Hero6.UserData())
	return bytes.Join([][]byte{ftyp, mp4Box("mdat", bytes.Repeat([]byte("MEDIA"), 50)), moov}, nil)
}
