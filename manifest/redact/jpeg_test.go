package redact

import (
	"bytes"
	"encoding/binary"
	"image"
	"slices"
	"testing"

	_ "image/png"

	"github.com/rwcarlsen/goexif/exif"
)

func TestJPEG(t *testing.T) {
	le, be := cameraTIFF(binary.LittleEndian), cameraTIFF(binary.BigEndian)
	tests := []struct {
		name  string
		file  []byte
		strip Strip
		want  []string // in Report.Applied
	}{
		{"little endian exif and xmp", jpegFile(t, app1("Exif\x00\x00", le), app1("http://ns.adobe.com/xap/1.0/\x00", []byte(xmpPacket))), all,
			[]string{"exif:GPS removed", "exif:CameraOwnerName removed", "exif:BodySerialNumber removed", "exif:LensSerialNumber removed",
				"exif:CameraSerialNumber removed", "exif:MakerNote cleared", "xmp:exif:GPSLatitude removed", "xmp:aux:SerialNumber removed",
				"xmp:drone-dji:GpsLatitude removed", "xmp:aux:OwnerName removed", "xmp:exifEX:BodySerialNumber removed", "xmp:exifEX:CameraOwnerName removed"}},
		{"big endian exif", jpegFile(t, app1("Exif\x00\x00", be)), all, []string{"exif:GPS removed", "exif:BodySerialNumber removed"}},
		{"gps only", jpegFile(t, app1("Exif\x00\x00", le), app1("http://ns.adobe.com/xap/1.0/\x00", []byte(xmpPacket))), Strip{GPS: true},
			[]string{"exif:GPS removed", "xmp:exif:GPSAltitude removed"}},
		{"serials only", jpegFile(t, app1("Exif\x00\x00", be)), Strip{Serials: true}, []string{"exif:LensSerialNumber removed"}},
		// Canon bodies write the owner's name only in the maker note.
		{"owner only clears the maker note", jpegFile(t, app1("Exif\x00\x00", le)), Strip{Owner: true},
			[]string{"exif:CameraOwnerName removed", "exif:MakerNote cleared"}},
		{"no metadata", jpegFile(t), all, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.want != nil {
				mustLeak(t, "photo.jpg", tc.file, tc.strip)
			}
			out, rep := redactBytes(t, tc.file, "image/jpeg", tc.strip)
			if len(out) != len(tc.file) {
				t.Fatalf("length %d, want %d", len(out), len(tc.file))
			}
			for _, w := range tc.want {
				if !slices.Contains(rep.Applied, w) {
					t.Errorf("report %q lacks %q", rep.Applied, w)
				}
			}
			if tc.want == nil && !bytes.Equal(out, tc.file) {
				t.Error("nothing to redact, yet the copy differs")
			}
			sos := bytes.Index(tc.file, []byte{0xFF, 0xDA})
			if !bytes.Equal(out[sos:], tc.file[sos:]) {
				t.Error("image data from the start of scan on changed")
			}
			samePixels(t, tc.file, out)
			checkRedacted(t, "photo.jpg", out, tc.strip)
			res := extractBytes("photo.jpg", out)
			if res.Tags["camera_model"] != "" && res.Tags["camera_model"] != "Canon EOS R6" {
				t.Errorf("camera_model = %q", res.Tags["camera_model"])
			}
			if tc.strip.GPS && bytes.Contains(tc.file, []byte("Exif")) {
				x, err := exif.Decode(bytes.NewReader(out))
				if err != nil {
					t.Fatalf("goexif cannot read the redacted exif: %v", err)
				}
				if lat, long, err := x.LatLong(); err == nil {
					t.Errorf("goexif still finds a position %f,%f", lat, long)
				}
				if m, err := x.Get(exif.Model); err != nil || m.String() != `"Canon EOS R6"` {
					t.Errorf("model after redaction = %v, %v", m, err)
				}
			}
		})
	}
}

// TestJPEGKeeps checks what a redaction must leave: the artist, the
// creator and, when not asked to go, the serials.
func TestJPEGKeeps(t *testing.T) {
	file := jpegFile(t, app1("Exif\x00\x00", cameraTIFF(binary.LittleEndian)), app1("http://ns.adobe.com/xap/1.0/\x00", []byte(xmpPacket)))
	out, _ := redactBytes(t, file, "image/jpeg", Strip{GPS: true})
	res := extractBytes("photo.jpg", out)
	for tag, want := range map[string]string{"artist": "Jane Doe", "camera_make": "Canon", "body_serial": bodySerial, "owner_name": ownerName} {
		if res.Tags[tag] != want {
			t.Errorf("tag %s = %q, want %q", tag, res.Tags[tag], want)
		}
	}
	if v, _ := res.Field("xmp:dc:creator"); v != "Jane Doe" {
		t.Errorf("xmp:dc:creator = %q", v)
	}
}

// samePixels decodes both files and compares every pixel.
func samePixels(t *testing.T, a, b []byte) {
	t.Helper()
	ia, _, errA := image.Decode(bytes.NewReader(a))
	ib, _, errB := image.Decode(bytes.NewReader(b))
	if errA != nil {
		return
	}
	if errB != nil {
		t.Fatalf("original decodes, redacted copy does not: %v", errB)
	}
	if ia.Bounds() != ib.Bounds() {
		t.Fatalf("bounds %v, want %v", ib.Bounds(), ia.Bounds())
	}
	r := ia.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if ia.At(x, y) != ib.At(x, y) {
				t.Fatalf("pixel %d,%d differs", x, y)
			}
		}
	}
}

// extXMPSegments splits packet into extended XMP APP1 segments of at most
// size bytes each.
func extXMPSegments(packet []byte, size int) [][]byte {
	guid := []byte("0123456789ABCDEF0123456789ABCDEF")
	var segs [][]byte
	for off := 0; off < len(packet); off += size {
		p := append([]byte(nil), guid...)
		p = binary.BigEndian.AppendUint32(p, uint32(len(packet)))
		p = binary.BigEndian.AppendUint32(p, uint32(off))
		p = append(p, packet[off:min(off+size, len(packet))]...)
		segs = append(segs, app1("http://ns.adobe.com/xmp/extension/\x00", p))
	}
	return segs
}

func TestJPEGExtendedXMP(t *testing.T) {
	segs := extXMPSegments([]byte(xmpPacket), 700)
	// The pieces may come in any order.
	segs[0], segs[1] = segs[1], segs[0]
	file := jpegFile(t, segs...)
	out, rep := redactBytes(t, file, "image/jpeg", all)
	if len(out) != len(file) {
		t.Fatalf("length %d, want %d", len(out), len(file))
	}
	for _, s := range []string{ownerName, bodySerial, "48,51.5022N"} {
		if bytes.Contains(out, []byte(s)) {
			t.Errorf("%q is still in the file", s)
		}
	}
	if !slices.Contains(rep.Applied, "xmp:exif:GPSLatitude removed") || !bytes.Contains(out, []byte("Jane Doe")) {
		t.Errorf("report %q", rep.Applied)
	}
	samePixels(t, file, out)
}

// TestJPEGEmbedded checks the images appended after the primary one, as
// MPF previews and gain maps are, and trailing bytes that only look like
// an image.
func TestJPEGEmbedded(t *testing.T) {
	primary := jpegFile(t, app1("Exif\x00\x00", cameraTIFF(binary.LittleEndian)))
	second := jpegFile(t, app1("Exif\x00\x00", cameraTIFF(binary.BigEndian)), app1("http://ns.adobe.com/xap/1.0/\x00", []byte(xmpPacket)))
	tests := []struct {
		name string
		file []byte
		kept bool
	}{
		{"appended image", append(bytes.Clone(primary), second...), false},
		{"padding, then an image", append(append(bytes.Clone(primary), make([]byte, 100)...), second...), false},
		{"two appended images", append(append(bytes.Clone(primary), second...), second...), false},
		{"bytes that look like an image", append(append(bytes.Clone(primary), 0xFF, 0xD8, 0xFF, 0xE1, 0xFF), second...), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, rep := redactBytes(t, tc.file, "image/jpeg", all)
			if len(out) != len(tc.file) {
				t.Fatalf("length %d, want %d", len(out), len(tc.file))
			}
			for _, s := range []string{ownerName, bodySerial, lensSerial, "48,51.5022N"} {
				if bytes.Contains(out, []byte(s)) {
					t.Errorf("%q is still in the file", s)
				}
			}
			if tc.kept != (len(rep.Kept) > 0) {
				t.Errorf("kept %q", rep.Kept)
			}
			samePixels(t, tc.file, out)
			last := bytes.LastIndex(tc.file, []byte{0xFF, 0xD8, 0xFF})
			samePixels(t, tc.file[last:], out[last:])
		})
	}
}
