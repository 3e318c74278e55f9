package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"strings"
	"testing"

	"github.com/consignhq/consign/pipeline/extract/bmff"
)

// gpsEntries are a GPS directory's position: 48°51'30" N, 2°17'40" E.
func gpsEntries() []rawEntry {
	rat := func(vs ...uint32) []byte { // whole numbers, over 1
		var out []byte
		for _, v := range vs {
			out = append(append(out, u32(v)...), u32(1)...)
		}
		return out
	}
	return []rawEntry{
		{tag: 0x01, typ: 2, count: 2, val: []byte("N\x00")},
		{tag: 0x02, typ: 5, count: 3, val: rat(48, 51, 30)},
		{tag: 0x03, typ: 2, count: 2, val: []byte("E\x00")},
		{tag: 0x04, typ: 5, count: 3, val: rat(2, 17, 40)},
	}
}

// cr3Sample is a CR3 in outline: IFD0 (CMT1), the EXIF directory with a
// capture time and a body serial number (CMT2), Canon's maker note with
// the owner's name (CMT3), the GPS directory (CMT4), and an XMP packet.
func cr3Sample() []byte {
	canon := bx("uuid", bmff.CanonUUID[:],
		bx("CMT1", tiffBlock([]rawEntry{str(0x010F, "Canon"), str(0x0110, "Canon EOS R5")})),
		bx("CMT2", tiffBlock([]rawEntry{str(0x9003, "2021:06:03 14:22:10"), str(0xA431, "012345678901")})),
		bx("CMT3", tiffBlock([]rawEntry{str(0x0009, "Ann Owner"), {tag: 0x000C, typ: 4, count: 1, val: u32(560018150)}})),
		bx("CMT4", tiffBlock(gpsEntries())))
	ftyp := bx("ftyp", []byte("crx \x00\x00\x00\x01crx isom"))
	xmp := bx("uuid", bmff.XMPUUID[:], []byte(xmpPacket))
	return bytes.Join([][]byte{ftyp, bx("moov", canon), xmp, bx("mdat", bytes.Repeat([]byte("RAW"), 40))}, nil)
}

// rafSample is a RAF: its header, then at offset 148 the JPEG preview
// whose EXIF is the camera's, then sensor data.
func rafSample(preview []byte) []byte {
	hdr := make([]byte, 148)
	copy(hdr, rafMagic+"0201FF392201FinePix S5Pro")
	binary.BigEndian.PutUint32(hdr[84:], 148)
	binary.BigEndian.PutUint32(hdr[88:], uint32(len(preview)))
	return append(append(hdr, preview...), bytes.Repeat([]byte{0x5A}, 64)...)
}

// exifJPEG is a JPEG whose APP1 segment holds the TIFF block exif.
func exifJPEG(exif []byte) []byte {
	return jpegFile(jpegSegment(0xE1, append([]byte("Exif\x00\x00"), exif...)), jpegFrame, jpegDHT, jpegSOS, jpegData, jpegEOI)
}

// rw2Sample is an RW2: a TIFF under the magic "IIU\0" whose IFD0 names
// the camera and holds, in JpgFromRaw, a JPEG whose maker note has the
// serial number.
func rw2Sample() []byte {
	preview := exifJPEG(makerBlock("Panasonic", "DMC-LX3", makerNoteCases[3].note))
	b := tiffBlock([]rawEntry{str(0x010F, "Panasonic"), str(0x0110, "DMC-LX3"), undef(tagJpgFromRaw, preview)})
	copy(b, "IIU\x00")
	return b
}

func TestSniffRaw(t *testing.T) {
	orf := tiffBlock([]rawEntry{str(0x010F, "OLYMPUS IMAGING CORP.")})
	copy(orf, "IIRO")
	for _, tt := range []struct {
		name string
		data []byte
		want string
	}{
		{"photo.cr3", cr3Sample(), mediaCR3},
		{"photo.raf", rafSample(exifJPEG(tiffBlock([]rawEntry{ascii("FUJIFILM")}))), mediaRAF},
		{"photo.rw2", rw2Sample(), mediaRW2},
		{"photo.orf", orf, mediaORF},
		// The extension does not decide: a CR3 renamed is still one.
		{"photo.mp4", cr3Sample(), mediaCR3},
	} {
		mt, kind := Sniff(tt.name, tt.data)
		if mt != tt.want || kind != KindImage {
			t.Errorf("%s: %s, %s; want %s, image", tt.name, mt, kind, tt.want)
		}
	}
	// An MP4 of another brand is still a video.
	mp4 := bx("ftyp", []byte("isom\x00\x00\x02\x00isomiso2mp41"))
	if mt, _ := Sniff("clip.mp4", mp4); mt != "video/mp4" {
		t.Errorf("mp4: %s", mt)
	}
}

func TestCR3Metadata(t *testing.T) {
	res := runImage(t, bytesSource("photo.cr3", cr3Sample()))
	for field, want := range map[string]string{
		"exif:Make":              "Canon",
		"exif:BodySerialNumber":  "012345678901",
		"makernote:OwnerName":    "Ann Owner",
		"makernote:SerialNumber": "0560018150",
		"xmp:dc:creator":         "Jane Creator; Bob Second",
	} {
		if got, ok := res.Field(field); !ok || got != want {
			t.Errorf("%s = %q, want %q", field, got, want)
		}
	}
	if res.Tags["gps_latitude"] != "48.858333" || res.Tags["gps_longitude"] != "2.294444" {
		t.Errorf("gps %q, %q", res.Tags["gps_latitude"], res.Tags["gps_longitude"])
	}
	if d, ok := res.ContentDate(); !ok || d.String() != "2021-06-03T14:22:10" {
		t.Errorf("content date %v %v", d, ok)
	}
	if len(res.Errors) > 0 {
		t.Errorf("errors: %v", res.Errors)
	}
	if NewMP4().Applies(bytesSource("photo.cr3", cr3Sample())) {
		t.Error("the mp4 extractor reads a cr3, which has no duration to give")
	}
}

// TestCR3WithoutIFD0 reads a CR3 whose CMT1 box is missing: an error,
// not a crash.
func TestCR3WithoutIFD0(t *testing.T) {
	data := bytes.Replace(cr3Sample(), []byte("CMT1"), []byte("XMT1"), 1)
	var res Result
	Run(context.Background(), []Extractor{NewEXIF()}, bytesSource("photo.cr3", data), &res)
	if len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Error(), "no CMT1 box") {
		t.Errorf("errors %v", res.Errors)
	}
}

func TestRAFMetadata(t *testing.T) {
	preview := exifJPEG(makerBlock("FUJIFILM", "X-T3", makerNoteCases[4].note))
	res := runImage(t, bytesSource("photo.raf", rafSample(preview)))
	if got, _ := res.Field("makernote:InternalSerialNumber"); got != "FPX20582698" {
		t.Errorf("serial %q, errors %v", got, res.Errors)
	}
	if res.Tags["camera_model"] != "X-T3" {
		t.Errorf("tags %v", res.Tags)
	}
	// A header that points outside the file is the file's error.
	bad := rafSample(preview)
	binary.BigEndian.PutUint32(bad[88:], 1<<30)
	res = runImage(t, bytesSource("bad.raf", bad))
	if len(res.Errors) == 0 || !strings.Contains(res.Errors[0].Error(), "outside") {
		t.Errorf("errors %v", res.Errors)
	}
}

func TestRW2AndORFMetadata(t *testing.T) {
	res := runImage(t, bytesSource("photo.rw2", rw2Sample()))
	if got, _ := res.Field("makernote:InternalSerialNumber"); got != "S010604030293" {
		t.Errorf("rw2 serial %q, errors %v", got, res.Errors)
	}
	if res.Tags["camera_make"] != "Panasonic" {
		t.Errorf("rw2 tags %v", res.Tags)
	}
	orf := tiffBlock([]rawEntry{str(0x010F, "OLYMPUS IMAGING CORP."), str(0x0110, "E-M1")})
	copy(orf, "IIRO")
	res = runImage(t, bytesSource("photo.orf", orf))
	if res.Tags["camera_model"] != "E-M1" || len(res.Errors) > 0 {
		t.Errorf("orf tags %v, errors %v", res.Tags, res.Errors)
	}
}

// TestRawCorpus reads the raw files of the shared corpus, whose values
// exiftool gives.
func TestRawCorpus(t *testing.T) {
	for name, want := range map[string]map[string]string{
		"CanonRaw.cr3":  {"exif:BodySerialNumber": "613040000565", "makernote:InternalSerialNumber": "CG0156580"},
		"FujiFilm.raf":  {"exif:Model": "FinePix S5Pro"},
		"Panasonic.rw2": {"makernote:InternalSerialNumber": "F350807010058", "exif:Model": "DMC-LX3"},
	} {
		t.Run(name, func(t *testing.T) {
			src, res := corpusSample(t, name)
			if src.Kind != KindImage {
				t.Errorf("kind %s (%s)", src.Kind, src.MediaType)
			}
			for field, v := range want {
				if got, _ := res.Field(field); got != v {
					t.Errorf("%s = %q, want %q", field, got, v)
				}
			}
			if _, ok := res.ContentDate(); !ok || len(res.Errors) > 0 {
				t.Errorf("no content date, or errors %v", res.Errors)
			}
		})
	}
}
