package redact

import (
	"bytes"
	"context"
	"testing"

	"github.com/consignhq/consign/pipeline/extract"
)

// id3Tag is an ID3v2 tag of version ver (2, 3 or 4) holding frames
// (ID, body), with no padding.
func id3Tag(ver byte, frames ...[2]string) []byte {
	var body []byte
	for _, f := range frames {
		n := len(f[1])
		switch ver {
		case 2:
			body = append(append(body, f[0]...), byte(n>>16), byte(n>>8), byte(n))
		case 3:
			body = append(append(body, f[0]...), byte(n>>24), byte(n>>16), byte(n>>8), byte(n), 0, 0)
		default:
			body = append(append(body, f[0]...), byte(n>>21)&0x7F, byte(n>>14)&0x7F, byte(n>>7)&0x7F, byte(n)&0x7F, 0, 0)
		}
		body = append(body, f[1]...)
	}
	n := len(body)
	h := []byte{'I', 'D', '3', ver, 0, 0, byte(n>>21) & 0x7F, byte(n>>14) & 0x7F, byte(n>>7) & 0x7F, byte(n) & 0x7F}
	return append(h, body...)
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
	if !FieldSupported("audio/mpeg", "id3:TPE1") || FieldSupported("audio/mpeg", "id3:TXXX:comment") || FieldSupported("audio/mpeg", "xmp:dc:creator") || StripsKinds("audio/mpeg") {
		t.Error("FieldSupported or StripsKinds is wrong for MP3")
	}

	// An unsynchronised tag cannot be placed: kept, nothing changed.
	file := append(id3Tag(3, [2]string{"TPE1", "\x00Ann Other"}), mpegFrames()...)
	file[5] |= 0x80
	out, rep := redactBytes(t, file, "audio/mpeg", Strip{Fields: []string{"id3:TPE1"}})
	if !bytes.Equal(out, file) || len(rep.Kept) != 1 || rep.Removed("id3:TPE1") {
		t.Errorf("unsynchronised tag: report %v", rep)
	}
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

// TestFieldsIFFText: an AIFF's text chunks and a WAV's INFO values read
// as empty once their field is named; the other chunks and the audio
// stay, and the file keeps its length.
func TestFieldsIFFText(t *testing.T) {
	be := func(id string, data string) []byte {
		c := append([]byte(id), byte(len(data)>>24), byte(len(data)>>16), byte(len(data)>>8), byte(len(data)))
		c = append(c, data...)
		if len(data)%2 == 1 {
			c = append(c, 0)
		}
		return c
	}
	le := func(id string, data string) []byte {
		c := append(append([]byte(id), le32(len(data))...), data...)
		if len(data)%2 == 1 {
			c = append(c, 0)
		}
		return c
	}
	comm := "\x00\x01\x00\x00\x00\x04\x00\x10\x40\x0e\xac\x44\x00\x00\x00\x00\x00\x00"
	aiffBody := bytes.Join([][]byte{[]byte("AIFF"), be("COMM", comm), be("NAME", "Harbour"), be("AUTH", "Ann Other"), be("SSND", "\x00\x00\x00\x00\x00\x00\x00\x00audio!!!")}, nil)
	aiff := append(append([]byte("FORM"), byte(len(aiffBody)>>24), byte(len(aiffBody)>>16), byte(len(aiffBody)>>8), byte(len(aiffBody))), aiffBody...)
	fmtChunk := "\x01\x00\x01\x00\x44\xac\x00\x00\x88\x58\x01\x00\x02\x00\x10\x00"
	info := append([]byte("INFO"), bytes.Join([][]byte{le("IART", "Ann Other\x00"), le("INAM", "Harbour\x00")}, nil)...)
	wavBody := bytes.Join([][]byte{[]byte("WAVE"), le("fmt ", fmtChunk), le("LIST", string(info)), le("data", "audio!!!")}, nil)
	wav := append(append([]byte("RIFF"), le32(len(wavBody))...), wavBody...)
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
	block := func(typ byte, last bool, body []byte) []byte {
		if last {
			typ |= 0x80
		}
		return append([]byte{typ, byte(len(body) >> 16), byte(len(body) >> 8), byte(len(body))}, body...)
	}
	streamInfo := make([]byte, 34)
	streamInfo[10], streamInfo[11], streamInfo[12] = 0x0A, 0xC4, 0x40 // 44100 Hz
	comment := append(le32(len("consign")), "consign"...)
	comment = append(comment, le32(3)...)
	for _, e := range []string{"ARTIST=Ann Other", "TITLE=Harbour", "artist=Bob Other"} {
		comment = append(append(comment, le32(len(e))...), e...)
	}
	file := bytes.Join([][]byte{[]byte("fLaC"), block(0, false, streamInfo), block(4, true, comment), []byte("\xff\xf8audio!!!")}, nil)
	mt, _ := extract.Sniff("a.flac", file)
	out, rep := redactBytes(t, file, mt, Strip{Fields: []string{"vorbis:ARTIST"}})
	if len(out) != len(file) || !bytes.HasSuffix(out, []byte("audio!!!")) || bytes.Contains(out, []byte("Other")) {
		t.Errorf("copy %q", out)
	}
	checkFields(t, scanFields(t, "a.flac", mt, file), scanFields(t, "a.flac", mt, out), rep, []string{"vorbis:ARTIST"}, []string{"vorbis:TITLE"})
	if !FieldSupported(mt, "vorbis:ARTIST") || FieldSupported("audio/ogg", "vorbis:ARTIST") {
		t.Error("FieldSupported is wrong for Vorbis comments")
	}
}
