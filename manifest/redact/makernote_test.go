package redact

import (
	"bytes"
	"encoding/binary"
	"io"
	"slices"
	"testing"

	"github.com/consignhq/consign/pipeline/extract/bmff"
)

// Canon maker-note values the raw fixtures carry.
const (
	noteOwner    = "Note Q. Owner"
	noteInternal = "INT-00042"
	noteSettings = "\x01\x00\x02\x00" // CameraSettings, which decoders read
)

// canonNote is a Canon maker note's directory for a note that will sit at
// offset at of its TIFF block, whose offsets Canon counts from the
// block's header: owner's name, serial number (a LONG), internal serial
// number and camera settings.
func canonNote(o binary.ByteOrder, at int) []byte {
	entries := []struct {
		tag, typ uint16
		val      []byte
	}{
		{0x0001, 3, []byte(noteSettings)},
		{0x0009, 2, ascii(noteOwner)},
		{0x000C, 4, rationals(o, 123456789)},
		{0x0096, 2, ascii(noteInternal)},
	}
	dir := make([]byte, 2+12*len(entries)+4)
	o.PutUint16(dir, uint16(len(entries)))
	var data []byte
	for i, e := range entries {
		b := dir[2+12*i:]
		o.PutUint16(b, e.tag)
		o.PutUint16(b[2:], e.typ)
		o.PutUint32(b[4:], uint32(len(e.val)/int(typeSize(e.typ))))
		if len(e.val) <= 4 {
			copy(b[8:], e.val)
			continue
		}
		o.PutUint32(b[8:], uint32(at+len(dir)+len(data)))
		data = append(data, e.val...)
	}
	return append(dir, data...)
}

// rawWithNote is a CR2-like TIFF whose EXIF directory holds a Canon
// maker note: built once to learn where the note lands, then with the
// note's offsets counted from there.
func rawWithNote(o binary.ByteOrder) []byte {
	build := func(note []byte) []byte {
		cam := cameraIFD(o)
		for i, e := range cam.subs[tagExifIFD].entries {
			if e.tag == tagMakerNote {
				cam.subs[tagExifIFD].entries[i].val = note
			}
		}
		return buildTIFF(o, cam)
	}
	placeholder := bytes.Repeat([]byte{0xEE}, len(canonNote(o, 0)))
	at := bytes.Index(build(placeholder), placeholder)
	return build(canonNote(o, at))
}

func TestRawMakerNoteValues(t *testing.T) {
	for _, o := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
		file := rawWithNote(o)
		before := scanFields(t, "a.cr2", "image/x-canon-cr2", file)
		for _, f := range []string{"makernote:OwnerName", "makernote:SerialNumber", "makernote:InternalSerialNumber"} {
			if before[f] == "" {
				t.Fatalf("fixture has no %s: %v", f, before)
			}
		}
		// Serials: the note's serial numbers go, its owner and settings stay.
		out, rep := redactBytes(t, file, "image/x-canon-cr2", Strip{Serials: true})
		after := scanFields(t, "a.cr2", "image/x-canon-cr2", out)
		checkFields(t, before, after, rep, []string{"makernote:SerialNumber", "makernote:InternalSerialNumber"}, []string{"makernote:OwnerName"})
		if !bytes.Contains(out, []byte(noteSettings)) || len(out) != len(file) || len(rep.Kept) != 0 {
			t.Errorf("the note's other values must stay: kept %v", rep.Kept)
		}
		// A field by name: only the owner.
		out, rep = redactBytes(t, file, "image/x-canon-cr2", Strip{Fields: []string{"makernote:OwnerName"}})
		after = scanFields(t, "a.cr2", "image/x-canon-cr2", out)
		checkFields(t, before, after, rep, []string{"makernote:OwnerName"}, []string{"makernote:SerialNumber", "makernote:InternalSerialNumber"})
		if bytes.Contains(out, []byte(noteOwner)) {
			t.Error("the owner's name is still in the file")
		}
	}
	if !FieldSupported("image/x-canon-cr2", "makernote:OwnerName") || !FieldSupported("image/x-canon-cr3", "makernote:SerialNumber") {
		t.Error("FieldSupported: raw files take maker-note fields one by one")
	}
}

// TestCR3MakerNoteValues: a CR3's CMT3 box is Canon's maker note as a TIFF
// block of its own (cr3File's is canonNote); its serials and owner go and
// the rest stays.
func TestCR3MakerNoteValues(t *testing.T) {
	file := cr3File()
	before := scanFields(t, "a.cr3", "image/x-canon-cr3", file)
	if before["makernote:InternalSerialNumber"] != noteInternal {
		t.Fatalf("fixture's CMT3 is not read: %v", before)
	}
	out, rep := redactBytes(t, file, "image/x-canon-cr3", all)
	after := scanFields(t, "a.cr3", "image/x-canon-cr3", out)
	checkFields(t, before, after, rep, []string{"makernote:SerialNumber", "makernote:InternalSerialNumber", "makernote:OwnerName"}, nil)
	w := &bmff.Walker{R: bytes.NewReader(out)}
	if !bytes.Contains(out, []byte(noteSettings)) || slices.ContainsFunc(rep.Kept, func(k string) bool { return bytes.Contains([]byte(k), []byte("CMT3")) }) {
		t.Errorf("CMT3 must stay but for its values: kept %v", rep.Kept)
	}
	if _, err := w.Children(0, int64(len(out))); err != nil && err != io.EOF {
		t.Errorf("copy's boxes: %v", err)
	}
}
