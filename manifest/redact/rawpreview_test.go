package redact

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// fujiNote is a Fujifilm maker note: its signature, the offset of its
// IFD counted from the note, and the internal serial number there.
func fujiNote(serial string) []byte {
	le := binary.LittleEndian
	note := append([]byte("FUJIFILM"), le.AppendUint32(nil, 12)...)
	val := ascii(serial)
	dir := le.AppendUint16(nil, 1)
	dir = le.AppendUint16(dir, 0x0010)
	dir = le.AppendUint16(dir, 2)
	dir = le.AppendUint32(dir, uint32(len(val)))
	dir = le.AppendUint32(dir, uint32(12+2+12+4))
	dir = le.AppendUint32(dir, 0)
	return append(append(note, dir...), val...)
}

// previewEXIF is a camera's EXIF block made by maker, with its maker note.
func previewEXIF(maker string, note []byte) []byte {
	le := binary.LittleEndian
	cam := cameraIFD(le)
	cam.entries[0].val = ascii(maker)
	for i, e := range cam.subs[tagExifIFD].entries {
		if e.tag == tagMakerNote {
			cam.subs[tagExifIFD].entries[i].val = note
		}
	}
	return buildTIFF(le, cam)
}

// rafFile is a RAF: its magic, a header whose offset 84 points at the JPEG
// preview, the preview (with the camera's EXIF) and raw data.
func rafFile(t testing.TB) (file, rawData []byte) {
	jpeg := jpegFile(t, app1("Exif\x00\x00", previewEXIF("FUJIFILM", fujiNote("FF02B1234567"))))
	hdr := make([]byte, 100)
	copy(hdr, "FUJIFILMCCD-RAW 0201FF383501")
	binary.BigEndian.PutUint32(hdr[84:], uint32(len(hdr)))
	binary.BigEndian.PutUint32(hdr[88:], uint32(len(jpeg)))
	rawData = bytes.Repeat([]byte{0x5A, 0xA5, 0x33}, 50)
	return append(append(hdr, jpeg...), rawData...), rawData
}

func TestRAF(t *testing.T) {
	file, rawData := rafFile(t)
	before := scanFields(t, "a.raf", "image/x-fuji-raf", file)
	for _, f := range []string{"exif:GPSLatitude", "makernote:InternalSerialNumber"} {
		if before[f] == "" {
			t.Fatalf("fixture has no %s: %v", f, before)
		}
	}
	mustLeak(t, "a.raf", file, all)
	out, rep := redactBytes(t, file, "image/x-fuji-raf", all)
	if len(out) != len(file) || !bytes.HasSuffix(out, rawData) {
		t.Fatal("the raw data or the file's length changed")
	}
	checkRedacted(t, "a.raf", out, all)
	after := scanFields(t, "a.raf", "image/x-fuji-raf", out)
	checkFields(t, before, after, rep, []string{"makernote:InternalSerialNumber"}, []string{"exif:Artist"})
	if !bytes.Contains(out, []byte("FUJIFILM\x0c\x00\x00\x00")) {
		t.Error("the maker note's header went: raw decoders read the note")
	}
	// A field by name, from the preview's EXIF.
	out, rep = redactBytes(t, file, "image/x-fuji-raf", Strip{Fields: []string{"exif:Artist"}})
	checkFields(t, before, scanFields(t, "a.raf", "image/x-fuji-raf", out), rep, []string{"exif:Artist"}, []string{"makernote:InternalSerialNumber"})
	if _, err := Metadata(new(bytes.Buffer), bytes.NewReader(file[:90]), 90, "image/x-fuji-raf", all); err == nil {
		t.Error("a RAF cut before its preview was redacted")
	}
}

func TestRW2(t *testing.T) {
	le := binary.LittleEndian
	preview := jpegFile(t, app1("Exif\x00\x00", cameraTIFF(le)))
	own := cameraIFD(le)
	own.entries[0].val = ascii("Panasonic")
	own.entries = append(own.entries, tiffEntry{tag: tagJpgFromRaw, typ: 7, val: preview})
	delete(own.subs, tagExifIFD)
	file := buildTIFF(le, own)
	copy(file, "IIU\x00")
	mustLeak(t, "a.rw2", file, all)
	out, rep := redactBytes(t, file, "image/x-panasonic-rw2", all)
	if len(out) != len(file) {
		t.Fatalf("length %d, want %d", len(out), len(file))
	}
	checkRedacted(t, "a.rw2", out, all)
	at := bytes.Index(file, preview)
	checkRedacted(t, "preview.jpg", out[at:at+len(preview)], all)
	if !bytes.Contains(out[at:at+len(preview)], []byte(makerNote)) {
		t.Error("the preview's maker note, of no known layout, must stay whole")
	}
	t.Logf("report %v", rep)
}
