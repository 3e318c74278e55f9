package redact

import (
	"bytes"
	"encoding/binary"
	"slices"
	"testing"

	"github.com/consignhq/consign/pipeline/extract/filetest"

	"github.com/consignhq/consign/pipeline/extract"
)

// id3Tag is an ID3v2 tag of version ver holding frames (ID, body).
func id3Tag(ver byte, frames ...[2]string) []byte {
	var fs [][]byte
	for _, f := range frames {
		fs = append(fs, filetest.ID3Frame(ver, f[0], f[1]))
	}
	return filetest.ID3v2(ver, 0, fs...)
}

// mpegFrames is a few silent MPEG-1 Layer III frames.
func mpegFrames() []byte {
	frame := append([]byte{0xFF, 0xFB, 0x90, 0x64}, make([]byte, 413)...)
	return bytes.Repeat(frame, 3)
}

// TestFieldsID3: the frames Fields names are emptied in an MP3's ID3v2
// tag, version 2.2, 2.3 or 2.4; the file keeps its length, the other
// frames and the audio stay.
func TestFieldsID3(t *testing.T) {
	for _, ver := range []byte{2, 3, 4} {
		artist, title, comment, lyrics := "TPE1", "TIT2", "COMM", "USLT"
		if ver == 2 {
			artist, title, comment, lyrics = "TP1", "TT2", "COM", "ULT"
		}
		file := append(id3Tag(ver, [2]string{artist, "\x00Ann Other"}, [2]string{title, "\x00Harbour"},
			[2]string{comment, "\x00eng\x00call Ann on 020 7946 0018"}, [2]string{lyrics, "\x00eng\x00la la Ann"}), mpegFrames()...)
		mt, _ := extract.Sniff("a.mp3", file[:min(len(file), extract.HeadSize)])
		fields := []string{"id3:" + artist, "id3:" + comment, "id3:" + lyrics}
		out, rep := redactBytes(t, file, mt, Strip{Fields: fields})
		if len(out) != len(file) || !bytes.Equal(out[len(out)-len(mpegFrames()):], mpegFrames()) {
			t.Fatalf("v2.%d: the copy's length or audio changed", ver)
		}
		before, after := scanFields(t, "a.mp3", mt, file), scanFields(t, "a.mp3", mt, out)
		checkFields(t, before, after, rep, fields, []string{"id3:" + title})
		if bytes.Contains(out, []byte("Ann")) {
			t.Errorf("v2.%d: copy still holds the name", ver)
		}
	}
	if !FieldSupported("audio/mpeg", "id3:TPE1") || !FieldSupported("audio/mpeg", "id3:TXXX:comment") || FieldSupported("audio/mpeg", "id3:TPE1:x") ||
		FieldSupported("audio/mpeg", "xmp:dc:creator") || StripsKinds("audio/mpeg") {
		t.Error("FieldSupported or StripsKinds is wrong for MP3")
	}

	// User-defined frames go by their description (as ffmpeg writes a
	// comment), in each text encoding; another description stays.
	for _, desc := range []string{"\x00comment\x00", "\x01\xff\xfec\x00o\x00m\x00m\x00e\x00n\x00t\x00\x00\x00", "\x03comment\x00"} {
		file := append(id3Tag(3, [2]string{"TXXX", desc + "call Ann"}, [2]string{"TXXX", "\x00mood\x00calm"}), mpegFrames()...)
		out, rep := redactBytes(t, file, "audio/mpeg", Strip{Fields: []string{"id3:TXXX:comment"}})
		checkFields(t, scanFields(t, "a.mp3", "audio/mpeg", file), scanFields(t, "a.mp3", "audio/mpeg", out), rep, []string{"id3:TXXX:comment"}, []string{"id3:TXXX:mood"})
	}

	// An unsynchronised tag cannot be placed: kept, nothing changed.
	file := append(id3Tag(3, [2]string{"TPE1", "\x00Ann Other"}), mpegFrames()...)
	file[5] |= 0x80
	out, rep := redactBytes(t, file, "audio/mpeg", Strip{Fields: []string{"id3:TPE1"}})
	if !bytes.Equal(out, file) || len(rep.Kept) != 1 || rep.Removed("id3:TPE1") {
		t.Errorf("unsynchronised tag: report %v", rep)
	}
}

// TestFieldsIFFText: an AIFF's text chunks and a WAV's INFO values read
// as empty once their field is named; the other chunks and the audio
// stay, and the file keeps its length.
func TestFieldsIFFText(t *testing.T) {
	be, le := binary.BigEndian, binary.LittleEndian
	comm := "\x00\x01\x00\x00\x00\x04\x00\x10\x40\x0e\xac\x44\x00\x00\x00\x00\x00\x00"
	aiff := filetest.IFF(be, "FORM", "AIFF", filetest.IFFChunk(be, "COMM", []byte(comm)), filetest.IFFChunk(be, "NAME", []byte("Harbour")),
		filetest.IFFChunk(be, "AUTH", []byte("Ann Other")), filetest.IFFChunk(be, "SSND", []byte("\x00\x00\x00\x00\x00\x00\x00\x00audio!!!")))
	fmtChunk := "\x01\x00\x01\x00\x44\xac\x00\x00\x88\x58\x01\x00\x02\x00\x10\x00"
	info := append([]byte("INFO"), append(filetest.IFFChunk(le, "IART", []byte("Ann Other\x00")), filetest.IFFChunk(le, "INAM", []byte("Harbour\x00"))...)...)
	wav := filetest.IFF(le, "RIFF", "WAVE", filetest.IFFChunk(le, "fmt ", []byte(fmtChunk)), filetest.IFFChunk(le, "LIST", info), filetest.IFFChunk(le, "data", []byte("audio!!!")))
	for _, c := range []struct {
		name  string
		file  []byte
		field string
		stays string
	}{
		{"a.aif", aiff, "aiff:Author", "aiff:Name"},
		{"a.wav", wav, "riff:IART", "riff:INAM"},
	} {
		mt, _ := extract.Sniff(c.name, c.file)
		out, rep := redactBytes(t, c.file, mt, Strip{Fields: []string{c.field}})
		if len(out) != len(c.file) || !bytes.Contains(out, []byte("audio!!!")) || bytes.Contains(out, []byte("Ann Other")) {
			t.Errorf("%s: copy %q", c.name, out)
		}
		checkFields(t, scanFields(t, c.name, mt, c.file), scanFields(t, c.name, mt, out), rep, []string{c.field}, []string{c.stays})
		if !FieldSupported(mt, c.field) {
			t.Errorf("FieldSupported(%s, %s) is false", mt, c.field)
		}
	}
}

// TestFieldsFLAC: a FLAC stream's Vorbis comment named by a field reads
// as empty; the others and the audio stay, and nothing moves.
func TestFieldsFLAC(t *testing.T) {
	file := append(filetest.FLAC(filetest.VorbisBlock("ARTIST=Ann Other", "TITLE=Harbour", "artist=Bob Other")), "\xff\xf8audio!!!"...)
	mt, _ := extract.Sniff("a.flac", file)
	out, rep := redactBytes(t, file, mt, Strip{Fields: []string{"vorbis:ARTIST"}})
	if len(out) != len(file) || !bytes.HasSuffix(out, []byte("audio!!!")) || bytes.Contains(out, []byte("Other")) {
		t.Errorf("copy %q", out)
	}
	checkFields(t, scanFields(t, "a.flac", mt, file), scanFields(t, "a.flac", mt, out), rep, []string{"vorbis:ARTIST"}, []string{"vorbis:TITLE"})
	if !FieldSupported(mt, "vorbis:ARTIST") || FieldSupported("audio/mpeg", "vorbis:ARTIST") {
		t.Error("FieldSupported is wrong for Vorbis comments")
	}
}

// apeTag is an APEv2 tag (items, then the footer) of text items.
func apeTag(items ...[2]string) []byte {
	le := binary.LittleEndian
	var b []byte
	for _, it := range items {
		b = le.AppendUint32(b, uint32(len(it[1])))
		b = le.AppendUint32(b, 0)
		b = append(append(append(b, it[0]...), 0), it[1]...)
	}
	footer := append([]byte("APETAGEX"), le.AppendUint32(nil, 2000)...)
	footer = le.AppendUint32(footer, uint32(len(b)+32))
	footer = le.AppendUint32(footer, uint32(len(items)))
	footer = append(footer, make([]byte, 12)...)
	return append(b, footer...)
}

// id3v1 is an ID3v1 tag with a title and an artist.
func id3v1(title, artist string) []byte {
	t := make([]byte, 128)
	copy(t, "TAG")
	copy(t[3:33], title)
	copy(t[33:63], artist)
	t[127] = 12
	return t
}

// TestFieldsAPEAndID3v1: the APE tag and the ID3v1 tag that end a file
// have their items and fields emptied in place; an ID3v1 tag behind an
// ID3v2 tag, which the scan does not read, loses the artist with the
// ID3v2 frame.
func TestFieldsAPEAndID3v1(t *testing.T) {
	monkey := append([]byte("MAC \x96\x0f\x00\x00"), bytes.Repeat([]byte{7}, 64)...)
	for _, c := range []struct {
		name, field, stays string
		file               []byte
	}{
		{"a.ape", "ape:ARTIST", "ape:TITLE", append(slices.Clone(monkey), apeTag([2]string{"Title", "Harbour"}, [2]string{"Artist", "Ann Other"})...)},
		{"b.ape", "ape:ARTIST", "ape:TITLE", slices.Concat(monkey, apeTag([2]string{"Title", "Harbour"}, [2]string{"Artist", "Ann Other"}), id3v1("Harbour", "Ann Other"))},
		{"c.mp3", "id3v1:artist", "id3v1:title", append(mpegFrames(), id3v1("Harbour", "Ann Other")...)},
	} {
		mt, _ := extract.Sniff(c.name, c.file[:min(len(c.file), extract.HeadSize)])
		out, rep := redactBytes(t, c.file, mt, Strip{Fields: []string{c.field}})
		if len(out) != len(c.file) {
			t.Errorf("%s: length %d, want %d", c.name, len(out), len(c.file))
		}
		checkFields(t, scanFields(t, c.name, mt, c.file), scanFields(t, c.name, mt, out), rep, []string{c.field}, []string{c.stays})
		if !FieldSupported(mt, c.field) {
			t.Errorf("FieldSupported(%s, %s) is false", mt, c.field)
		}
		if c.name == "b.ape" && !bytes.Contains(out, []byte("Ann Other")) {
			t.Error("b.ape: the ID3v1 tag was not asked for")
		}
	}
	both := slices.Concat(id3Tag(3, [2]string{"TPE1", "\x00Ann Other"}, [2]string{"TIT2", "\x00Harbour"}), mpegFrames(), id3v1("Harbour", "Ann Other"))
	out, rep := redactBytes(t, both, "audio/mpeg", Strip{Fields: []string{"id3:TPE1"}})
	if bytes.Contains(out, []byte("Ann Other")) || !rep.Removed("id3:TPE1") || !slices.Contains(rep.Applied, "id3v1:artist removed") {
		t.Errorf("the artist stays in the ID3v1 tag: report %v", rep)
	}
	if !bytes.Equal(out[len(out)-128:len(out)-95], both[len(both)-128:len(both)-95]) {
		t.Error("the ID3v1 title went too")
	}
}
