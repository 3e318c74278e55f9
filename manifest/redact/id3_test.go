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
