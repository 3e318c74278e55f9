package extract

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"strings"
	"testing"

	"github.com/consignhq/consign/pipeline/extract/filetest"
)

// hostilePicture is a FLAC picture structure whose data length is 4 GiB.
func hostilePicture() []byte {
	p := binary.BigEndian.AppendUint32(nil, 3)
	p = binary.BigEndian.AppendUint32(p, 0) // mime type
	p = binary.BigEndian.AppendUint32(p, 0) // description
	p = append(p, make([]byte, 16)...)
	return binary.BigEndian.AppendUint32(p, 0xFFFFFFF0)
}

// oggPage builds one Ogg page holding packet (no CRC: the checks run
// before the library verifies it).
func oggPage(packet []byte) []byte {
	var segs []byte
	n := len(packet)
	for ; n >= 255; n -= 255 {
		segs = append(segs, 255)
	}
	segs = append(segs, byte(n))
	h := append([]byte("OggS"), make([]byte, 22)...)
	h = append(h, byte(len(segs)))
	return append(append(h, segs...), packet...)
}

func vorbisPacket(comments ...string) []byte {
	b := append([]byte("\x03vorbis"), filetest.VorbisBlock(comments...)[4:]...)
	return append(b, 1)
}

func TestAudioGuards(t *testing.T) {
	longFrame := filetest.ID3Frame(3, "TIT2", "\x00title")
	binary.BigEndian.PutUint32(longFrame[4:8], 9000)
	dli := []byte("TIT2\x00\x00\x00\x08\x00\x01\x7f\x7f\x7f\x7f\x00x\x00\x00")
	tests := []struct {
		name    string
		file    string
		in      []byte
		wantErr string // "" for a file that must read cleanly
	}{
		{"id3v2 ok", "a.mp3", filetest.ID3v2(3, 0, filetest.ID3Frame(3, "TIT2", "\x00title")), ""},
		{"id3v2 size past the file", "a.mp3", append([]byte("ID3\x03\x00\x00\x00\x00\x7f\x7f"), make([]byte, 64)...), "claims"},
		{"id3v2 size not synchsafe", "a.mp3", append([]byte("ID3\x03\x00\x00\xff\xff\xff\xff"), make([]byte, 64)...), "not synchsafe"},
		{"id3v2 over the cap", "a.mp3", []byte("ID3\x04\x00\x00\x7f\x7f\x7f\x7f"), "over the"},
		{"id3v2 frame past the tag", "a.mp3", filetest.ID3v2(3, 0, longFrame), `frame "TIT2"`},
		{"id3v2.4 data length past the tag", "a.mp3", filetest.ID3v2(4, 0, dli), "data length indicator"},
		{"id3v2.3 extended header past the tag", "a.mp3", filetest.ID3v2(3, 0x40, []byte{0x7f, 0, 0, 0, 0, 0}), "extended header"},
		{"id3v2 version 5", "a.mp3", append([]byte("ID3\x05\x00\x00\x00\x00\x00\x00"), make([]byte, 8)...), "version 5"},
		{"flac ok", "a.flac", filetest.FLAC(filetest.VorbisBlock("TITLE=x")), ""},
		{"flac picture of 4 GiB", "a.flac", filetest.FLAC(filetest.FLACBlock(6, hostilePicture())), "picture data"},
		{"flac comment count too large", "a.flac", filetest.FLAC(filetest.FLACBlock(4, []byte{0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff})), "comment count"},
		{"flac vorbis picture of 4 GiB", "a.flac", filetest.FLAC(filetest.VorbisBlock("METADATA_BLOCK_PICTURE=" + base64.StdEncoding.EncodeToString(hostilePicture()))), "vorbis picture"},
		{"flac block past the file", "a.flac", append([]byte("fLaC\x80\x7f\xff\xff"), make([]byte, 40)...), "claims"},
		{"ogg picture of 4 GiB", "a.ogg", oggPage(vorbisPacket("metadata_block_picture=" + base64.StdEncoding.EncodeToString(hostilePicture()))), "vorbis picture"},
		{"ogg comment length past the packet", "a.ogg", oggPage(append([]byte("\x03vorbis"), 0xff, 0xff, 0xff, 0x7f)), "vendor"},
		{"dsf pointer past the file", "a.dsf", append([]byte("DSD \x1c\x00\x00\x00\x00\x00\x00\x00\x00\x10\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x00\x00\x00\x00"), make([]byte, 64)...), "dsf metadata pointer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := totalAlloc()
			res := runAudio(tt.file, tt.in)
			if got := totalAlloc() - before; got > maxMediaAlloc {
				t.Errorf("allocated %d MiB", got>>20)
			}
			var msgs []string
			for _, e := range res.Errors {
				msgs = append(msgs, e.Error())
			}
			all := strings.Join(msgs, "; ")
			if tt.wantErr == "" {
				if all != "" {
					t.Errorf("errors: %s", all)
				}
				return
			}
			if !strings.Contains(all, tt.wantErr) {
				t.Errorf("errors %q, want one containing %q", all, tt.wantErr)
			}
		})
	}
}

// runAudio runs the media extractors over b as if the sniffer had called
// it audio: some hostile headers do not sniff as audio at all.
func runAudio(name string, b []byte) *Result {
	src := bytesSource(name, b)
	src.Kind = KindAudio
	var res Result
	Run(context.Background(), mediaExtractors(), src, &res)
	return &res
}

func TestCheckFLACDuration(t *testing.T) {
	b := filetest.FLAC(filetest.VorbisBlock("TITLE=x"))
	lay, err := checkFLAC(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if lay.duration != 2 || lay.end != int64(len(b)) {
		t.Errorf("duration %v end %d, want 2 s and %d", lay.duration, lay.end, len(b))
	}
}

func TestOggWithoutComments(t *testing.T) {
	b := oggPage([]byte("\x01vorbis-identification"))
	if _, err := oggCommentEnd(bytes.NewReader(b), int64(len(b))); !errors.Is(err, errNoTags) {
		t.Errorf("err = %v, want errNoTags", err)
	}
}

func TestAudioGenreReferencesBounded(t *testing.T) {
	// The library rewrites "(n)" genre references one regular-expression
	// pass at a time; thousands of them took minutes.
	tcon := strings.Repeat("(1)", 5000)
	res := runMP4(t, "a.mp3", filetest.ID3v2(3, 0, filetest.ID3Frame(3, "TCON", "\x00"+tcon)))
	if got := res.Tags["genre"]; got != tcon[:len(got)] || got == "" {
		t.Errorf("genre %.20q..., want the raw references", got)
	}
	res = runMP4(t, "a.mp3", filetest.ID3v2(3, 0, filetest.ID3Frame(3, "TCON", "\x00(26)")))
	if got := res.Tags["genre"]; got != "Ambient" {
		t.Errorf("genre %q, want Ambient", got)
	}
}

func TestParseTagDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2023", "2023-01-01"},
		{"2023-07", "2023-07-01"},
		{"2023-07-14", "2023-07-14"},
		{"2023-07-14T15:32", "2023-07-14T15:32:00"},
		{"2023-07-14 15:32:10", "2023-07-14T15:32:10"},
		{"2023-07-14T15:32:10Z", "2023-07-14T15:32:10Z"},
		{"2023-07-14T17:32:09+0200", "2023-07-14T17:32:09+02:00"},
		{"2023-07-14T17:32:09+02:00", "2023-07-14T17:32:09+02:00"},
		{"July 2023", ""},
		{"20x3", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d, ok := parseTagDate(tt.in, "test", RankEmbedded)
			got := ""
			if ok {
				got = d.String()
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
	if d, ok := id3v23Date("2023", "1407", "1532", "id3:TYER"); !ok || d.String() != "2023-07-14T15:32:00" {
		t.Errorf("TYER+TDAT+TIME = %v %v", d, ok)
	}
	if d, ok := id3v23Date("2023", "3102", "", "id3:TYER"); !ok || d.String() != "2023-01-01" {
		t.Errorf("TYER with an impossible TDAT = %v %v, want the year alone", d, ok)
	}
}
