package redact

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/consignhq/consign/pipeline/extract/bmff"
)

// tiffFile builds a TIFF image: the camera EXIF, an XMP packet in tag
// 700, and one strip of pixel bytes after the structure.
func tiffFile(o binary.ByteOrder, pixels []byte) []byte {
	ifd0 := cameraIFD(o)
	short := func(v uint16) []byte { b := make([]byte, 2); o.PutUint16(b, v); return b }
	long := func(v uint32) []byte { b := make([]byte, 4); o.PutUint32(b, v); return b }
	ifd0.entries = append(ifd0.entries,
		tiffEntry{tag: 0x0100, typ: 3, val: short(uint16(len(pixels)))}, // ImageWidth
		tiffEntry{tag: 0x0101, typ: 3, val: short(1)},                   // ImageLength
		tiffEntry{tag: 0x0102, typ: 3, val: short(8)},                   // BitsPerSample
		tiffEntry{tag: 0x0106, typ: 3, val: short(1)},                   // Photometric: black is zero
		tiffEntry{tag: 0x0111, typ: 4, val: long(0)},                    // StripOffsets, set below
		tiffEntry{tag: 0x0117, typ: 4, val: long(uint32(len(pixels)))},  // StripByteCounts
		tiffEntry{tag: tagXMP, typ: 7, val: []byte(xmpPacket)},
	)
	n := len(buildTIFF(o, ifd0))
	for i, e := range ifd0.entries {
		if e.tag == 0x0111 {
			ifd0.entries[i].val = long(uint32(n))
		}
	}
	return append(buildTIFF(o, ifd0), pixels...)
}

func TestTIFF(t *testing.T) {
	pixels := bytes.Repeat([]byte{0x10, 0x80, 0xF0}, 40)
	tests := []struct {
		name  string
		order binary.ByteOrder
		strip Strip
		want  []string
	}{
		{"little endian", binary.LittleEndian, all, []string{"exif:GPS removed", "exif:CameraSerialNumber removed", "xmp:exif:GPSLatitude removed"}},
		{"big endian", binary.BigEndian, all, []string{"exif:GPS removed", "exif:CameraOwnerName removed", "xmp:aux:OwnerName removed"}},
		{"owner only", binary.BigEndian, Strip{Owner: true}, []string{"exif:CameraOwnerName removed", "xmp:exifEX:CameraOwnerName removed"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := tiffFile(tc.order, pixels)
			mustLeak(t, "scan.tif", file, tc.strip)
			out, rep := redactBytes(t, file, "image/tiff", tc.strip)
			if len(out) != len(file) {
				t.Fatalf("length %d, want %d", len(out), len(file))
			}
			if !bytes.Equal(out[len(out)-len(pixels):], pixels) {
				t.Error("strip bytes changed")
			}
			for _, w := range tc.want {
				if !slices.Contains(rep.Applied, w) {
					t.Errorf("report %q lacks %q", rep.Applied, w)
				}
			}
			// The fixture's note is no maker's layout: it stays whole,
			// and the scan reads nothing from it.
			if (tc.strip.Serials || tc.strip.Owner) && (len(rep.Kept) != 0 || !bytes.Contains(out, []byte(makerNote))) {
				t.Errorf("the maker note of a tiff must stay, kept %q", rep.Kept)
			}
			checkRedacted(t, "scan.tif", out, tc.strip)
			res := extractBytes("scan.tif", out)
			if res.Tags["width"] != "120" || res.Tags["camera_make"] != "Canon" {
				t.Errorf("tags after redaction: %v", res.Tags)
			}
		})
	}
}

// TestORF redacts Olympus raws, TIFF files under magic numbers of their
// own, in both byte orders.
func TestORF(t *testing.T) {
	pixels := bytes.Repeat([]byte{0x10, 0x80, 0xF0}, 40)
	for _, tc := range []struct {
		magic string
		order binary.ByteOrder
	}{{"IIRO", binary.LittleEndian}, {"IIRS", binary.LittleEndian}, {"MMOR", binary.BigEndian}} {
		file := tiffFile(tc.order, pixels)
		copy(file, tc.magic)
		mustLeak(t, "photo.orf", file, all)
		out, rep := redactBytes(t, file, "image/x-olympus-orf", all)
		if len(out) != len(file) || !bytes.Equal(out[len(out)-len(pixels):], pixels) || !slices.Contains(rep.Applied, "exif:GPS removed") {
			t.Errorf("%s: length %d of %d, report %q", tc.magic, len(out), len(file), rep.Applied)
		}
		checkRedacted(t, "photo.orf", out, all)
	}
}

func TestMP4(t *testing.T) {
	file := mp4File()
	mustLeak(t, "clip.mov", file, all)
	out, rep := redactBytes(t, file, "video/quicktime", all)
	if len(out) != len(file) {
		t.Fatalf("length %d, want %d", len(out), len(file))
	}
	media := bytes.Repeat([]byte("MEDIA"), 50)
	if i := bytes.Index(file, media); !bytes.Equal(out[i:i+len(media)], media) {
		t.Error("media data changed")
	}
	for _, w := range []string{"mp4:©xyz removed", "mp4:loci removed", "mp4:com.apple.quicktime.location.ISO6709 removed", "xmp:exif:GPSLatitude removed"} {
		if !slices.Contains(rep.Applied, w) {
			t.Errorf("report %q lacks %q", rep.Applied, w)
		}
	}
	checkRedacted(t, "clip.mov", out, all)
	res := extractBytes("clip.mov", out)
	if res.Tags["title"] != "Beach" || res.Tags["camera_make"] != "Apple" {
		t.Errorf("tags after redaction: %v", res.Tags)
	}
	if _, err := Metadata(&bytes.Buffer{}, bytes.NewReader(out), int64(len(out)), "video/quicktime", all); err != nil {
		t.Errorf("the redacted copy no longer walks: %v", err)
	}
}

// cr3File is a Canon CR3 in outline: its metadata uuid box with IFD0
// (CMT1), the EXIF directory (CMT2), a maker note (CMT3) and the GPS
// directory (CMT4), each a TIFF block of its own.
func cr3File() []byte {
	o := binary.LittleEndian
	cam := cameraIFD(o)
	exif, gps := cam.subs[tagExifIFD], cam.subs[tagGPSIFD]
	cam.subs = nil
	canon := mp4Box("uuid", bmff.CanonUUID[:],
		mp4Box("CMT1", buildTIFF(o, cam)), mp4Box("CMT2", buildTIFF(o, exif)),
		mp4Box("CMT3", append([]byte("II*\x00\x08\x00\x00\x00"), canonNote(o, 8)...)), mp4Box("CMT4", buildTIFF(o, gps)))
	ftyp := mp4Box("ftyp", []byte("crx "), []byte{0, 0, 0, 1}, []byte("crx isom"))
	return bytes.Join([][]byte{ftyp, mp4Box("moov", canon), mp4Box("mdat", bytes.Repeat([]byte("RAW"), 30))}, nil)
}

func TestCR3(t *testing.T) {
	file := cr3File()
	mustLeak(t, "photo.cr3", file, all)
	out, rep := redactBytes(t, file, "image/x-canon-cr3", all)
	if len(out) != len(file) {
		t.Fatalf("length %d, want %d", len(out), len(file))
	}
	for _, s := range []string{ownerName, bodySerial, lensSerial, dngSerial} {
		if bytes.Contains(out, []byte(s)) {
			t.Errorf("%q is still in the file", s)
		}
	}
	gps := buildTIFF(binary.LittleEndian, cameraIFD(binary.LittleEndian).subs[tagGPSIFD])
	if bytes.Contains(out, gps[8:]) || !bytes.Contains(out, []byte("free")) {
		t.Error("the GPS directory is still in the file")
	}
	if !bytes.Contains(out, []byte(noteSettings)) || bytes.Contains(out, []byte(noteInternal)) || len(rep.Kept) != 0 {
		t.Errorf("the maker note must stay but for its serials and owner, kept %q", rep.Kept)
	}
	for _, w := range []string{"exif:GPS removed", "exif:BodySerialNumber removed", "exif:CameraSerialNumber removed"} {
		if !slices.Contains(rep.Applied, w) {
			t.Errorf("report %q lacks %q", rep.Applied, w)
		}
	}
	checkRedacted(t, "photo.cr3", out, all)
}

func TestHEIFRefused(t *testing.T) {
	heic := mp4Box("ftyp", []byte("heic"), []byte{0, 0, 0, 0}, []byte("mif1heic"))
	_, err := Metadata(io.Discard, bytes.NewReader(heic), int64(len(heic)), "video/mp4", all)
	if !errors.Is(err, ErrUnsupported) {
		t.Errorf("err = %v, want ErrUnsupported", err)
	}
}

// TestTIFFValueOverStructure: a removed entry whose value a hostile
// block points at the header or at a directory that stays is cleared
// around them: the copy keeps its header and the entries that stay.
func TestTIFFValueOverStructure(t *testing.T) {
	for _, tc := range []struct {
		name string
		off  uint32
	}{
		{"header", 0},
		{"ifd0", 8 + 2 + 12}, // its second entry: the model
	} {
		t.Run(tc.name, func(t *testing.T) {
			block := cameraTIFF(binary.LittleEndian)
			entry := bytes.Index(block, []byte{0x31, 0xA4, 2, 0}) // BodySerialNumber, ASCII
			if entry < 0 {
				t.Fatal("no BodySerialNumber entry")
			}
			binary.LittleEndian.PutUint32(block[entry+8:], tc.off)
			// The value it pointed at is no one's now.
			block = bytes.Replace(block, []byte(bodySerial), bytes.Repeat([]byte("x"), len(bodySerial)), 1)
			file := jpegFile(t, app1("Exif\x00\x00", block))
			if res := extractBytes("photo.jpg", file); len(res.Errors) > 0 || res.Tags["camera_make"] != "Canon" {
				t.Fatalf("input: errors %v, tags %v", res.Errors, res.Tags)
			}
			out, rep := redactBytes(t, file, "image/jpeg", all)
			if !slices.Contains(rep.Applied, "exif:BodySerialNumber removed") {
				t.Errorf("report %q", rep.Applied)
			}
			res := extractBytes("photo.jpg", out)
			if len(res.Errors) > 0 || res.Tags["camera_make"] != "Canon" || res.Tags["camera_model"] != "Canon EOS R6" {
				t.Errorf("redacted copy: errors %v, tags %v", res.Errors, res.Tags)
			}
			checkRedacted(t, "photo.jpg", out, all)
		})
	}
}

// TestTIFFOverlappingDirectories: a block whose IFD0 claims entries
// running over the EXIF directory cannot be rewritten in place (each
// rewrite would overwrite the other and could bring a removed entry
// back): the redaction refuses it.
func TestTIFFOverlappingDirectories(t *testing.T) {
	block := cameraTIFF(binary.LittleEndian)
	n := (len(block) - 8 - 2 - 4) / 12 // as many entries as the block holds
	binary.LittleEndian.PutUint16(block[8:], uint16(n))
	file := jpegFile(t, app1("Exif\x00\x00", block))
	var out bytes.Buffer
	_, err := Metadata(&out, bytes.NewReader(file), int64(len(file)), "image/jpeg", all)
	if err == nil || !strings.Contains(err.Error(), "overlaps") {
		t.Fatalf("Metadata = %v, want the overlap refused", err)
	}
	if out.Len() != 0 {
		t.Errorf("%d bytes written", out.Len())
	}
}

// TestTIFFSerialsInAnyDirectory: the serial and owner tags the extractors
// read from IFD0 or the EXIF directory go from either: DNG's
// CameraSerialNumber in the EXIF directory, Adobe's OwnerName and
// SerialNumber in both.
func TestTIFFSerialsInAnyDirectory(t *testing.T) {
	o := binary.LittleEndian
	ifd := cameraIFD(o)
	exif := ifd.subs[tagExifIFD]
	exif.entries = append(exif.entries,
		tiffEntry{tag: tagCameraSerialNumber, typ: 2, val: ascii("CAM-SERIAL-IN-EXIF")},
		tiffEntry{tag: tagAdobeOwnerName, typ: 2, val: ascii("Adobe Owner")},
	)
	ifd.entries = append(ifd.entries, tiffEntry{tag: tagAdobeSerialNumber, typ: 2, val: ascii("ADOBE-SERIAL-9")})
	file := jpegFile(t, app1("Exif\x00\x00", buildTIFF(o, ifd)))
	mustLeak(t, "photo.jpg", file, all)
	out, rep := redactBytes(t, file, "image/jpeg", all)
	for _, w := range []string{"exif:CameraSerialNumber removed", "exif:OwnerName removed", "exif:SerialNumber removed"} {
		if !slices.Contains(rep.Applied, w) {
			t.Errorf("report %q lacks %q", rep.Applied, w)
		}
	}
	for _, s := range []string{"CAM-SERIAL-IN-EXIF", "Adobe Owner", "ADOBE-SERIAL-9"} {
		if bytes.Contains(out, []byte(s)) {
			t.Errorf("redacted copy still holds %q", s)
		}
	}
	checkRedacted(t, "photo.jpg", out, all)
}
