package redact

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/consignhq/consign/pipeline/extract"
)

// TestFieldsMP4: the metadata atoms Fields names go from a movie, wherever
// the MP4 extractor reads them (a QuickTime text atom and a 3GPP string
// box in udta, an iTunes item, a QuickTime key); the file keeps its length
// and the other atoms stay.
func TestFieldsMP4(t *testing.T) {
	qtText := func(typ, s string) []byte {
		p := binary.BigEndian.AppendUint16(nil, uint16(len(s)))
		return mp4Box(typ, append(append(p, 0x15, 0xC7), s...))
	}
	hdlr := func(kind string) []byte { return mp4Box("hdlr", make([]byte, 8), []byte(kind), make([]byte, 13)) }
	keyed := func(keys ...string) []byte {
		p := binary.BigEndian.AppendUint32([]byte{0, 0, 0, 0}, uint32(len(keys)))
		for _, k := range keys {
			p = append(binary.BigEndian.AppendUint32(p, uint32(8+len(k))), "mdta"+k...)
		}
		return mp4Box("keys", p)
	}
	auth := mp4Box("auth", []byte{0, 0, 0, 0, 0x15, 0xC7}, []byte("Ann Other\x00"))
	itunes := mp4Box("meta", []byte{0, 0, 0, 0}, hdlr("mdir"), mp4Box("ilst", mp4Box("\xa9ART", dataAtom("Ann Other")), mp4Box("\xa9nam", dataAtom("Harbour"))))
	qt := mp4Box("meta", hdlr("mdta"), keyed("com.apple.quicktime.author", "com.apple.quicktime.make"),
		mp4Box("ilst", mp4Box("\x00\x00\x00\x01", dataAtom("Ann Other")), mp4Box("\x00\x00\x00\x02", dataAtom("Apple"))))
	moov := mp4Box("moov", mp4Box("mvhd", make([]byte, 100)), qt, mp4Box("udta", qtText("\xa9ART", "Ann Other"), qtText("\xa9day", "2024"), auth, itunes))
	file := bytes.Join([][]byte{mp4Box("ftyp", []byte("qt  "), []byte{0, 0, 0, 0}, []byte("qt  ")), mp4Box("mdat", bytes.Repeat([]byte("MEDIA"), 20)), moov}, nil)

	fields := []string{"mp4:©ART", "mp4:auth", "mp4:com.apple.quicktime.author"}
	out, rep := redactBytes(t, file, "video/quicktime", Strip{Fields: fields})
	if len(out) != len(file) {
		t.Fatalf("copy of %d bytes, original %d", len(out), len(file))
	}
	checkFields(t, fieldValues(t, "a.mov", file), fieldValues(t, "a.mov", out), rep, fields, []string{"mp4:©nam", "mp4:©day", "mp4:com.apple.quicktime.make"})
	if bytes.Contains(out, []byte("Ann Other")) {
		t.Error("copy still holds the name")
	}
	for mt, want := range map[string]bool{"video/mp4": true, "audio/x-m4a": true, "video/x-msvideo": false, "image/jpeg": false} {
		if got := FieldSupported(mt, "mp4:©ART"); got != want {
			t.Errorf("FieldSupported(%s, mp4:©ART) = %v", mt, got)
		}
	}
	if FieldSupported("video/mp4", "mp4:mvhd.creation_time") || FieldSupported("video/mp4", "mp4:©xyz") {
		t.Error("FieldSupported accepts what is not a metadata atom's field")
	}
}

// TestFieldsM4AFreeform: an M4A's freeform items ("----", as iTunes and
// taggers write custom fields) go by the name in their name box, as the
// scan names them (mp4:author); another freeform item stays.
func TestFieldsM4AFreeform(t *testing.T) {
	hdlr := mp4Box("hdlr", make([]byte, 8), []byte("mdir"), make([]byte, 13))
	freeform := func(name, v string) []byte {
		return mp4Box("----", mp4Box("mean", []byte{0, 0, 0, 0}, []byte("com.apple.iTunes")), mp4Box("name", []byte{0, 0, 0, 0}, []byte(name)), dataAtom(v))
	}
	ilst := mp4Box("ilst", mp4Box("\xa9nam", dataAtom("Harbour")), freeform("author", "Ann Other"), freeform("MOOD", "calm"))
	moov := mp4Box("moov", mp4Box("mvhd", make([]byte, 100)), mp4Box("udta", mp4Box("meta", []byte{0, 0, 0, 0}, hdlr, ilst)))
	file := bytes.Join([][]byte{mp4Box("ftyp", []byte("M4A "), []byte{0, 0, 0, 0}, []byte("M4A isom")), moov, mp4Box("mdat", bytes.Repeat([]byte("AUDIO"), 20))}, nil)
	mt, _ := extract.Sniff("a.m4a", file)
	out, rep := redactBytes(t, file, mt, Strip{Fields: []string{"mp4:author"}})
	checkFields(t, fieldValues(t, "a.m4a", file), fieldValues(t, "a.m4a", out), rep, []string{"mp4:author"}, []string{"mp4:MOOD", "mp4:©nam"})
	if bytes.Contains(out, []byte("Ann Other")) {
		t.Error("copy still holds the name")
	}
}
