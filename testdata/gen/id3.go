package main

import (
	"fmt"
)

// id3Spec is the ID3v2.4 tag of a generated MP3. Empty fields are left out.
type id3Spec struct {
	Title       string // TIT2
	Artist      string // TPE1
	AlbumArtist string // TPE2
	Album       string // TALB
	Recorded    string // TDRC, ISO 8601 date
	Track       string // TRCK
	Genre       string // TCON
	Composer    string // TCOM
	Copyright   string // TCOP
	Comment     string // COMM, language "eng", empty description
	Lyrics      string // USLT, language "eng", empty description
	Picture     []byte // APIC, a JPEG front cover
}

// ID3v2.4 text encoding byte for UTF-8 (ID3v2.4 main structure, 4.).
const id3UTF8 = 3

// syncsafe encodes n in four 7-bit groups, as ID3v2.4 requires for the tag
// size and every frame size, so that no 0xFF byte can mimic MPEG sync.
func syncsafe(n int) []byte {
	return []byte{byte(n >> 21 & 0x7F), byte(n >> 14 & 0x7F), byte(n >> 7 & 0x7F), byte(n & 0x7F)}
}

// id3Frame frames body as an ID3v2.4 frame with no flags.
func id3Frame(id string, body []byte) []byte {
	out := append([]byte(id), syncsafe(len(body))...)
	out = append(out, 0, 0)
	return append(out, body...)
}

// id3Text is a text information frame in UTF-8.
func id3Text(id, s string) []byte {
	return id3Frame(id, append([]byte{id3UTF8}, s...))
}

// id3LangText is the body shape COMM and USLT share: encoding, language,
// a NUL-terminated content descriptor, then the text.
func id3LangText(id, lang, s string) []byte {
	body := append([]byte{id3UTF8}, lang...)
	body = append(body, 0) // empty descriptor
	return id3Frame(id, append(body, s...))
}

// tag renders the spec as a complete ID3v2.4 tag with 64 bytes of padding,
// as encoders leave room for later edits.
func (s id3Spec) tag() []byte {
	var frames []byte
	text := []struct{ id, v string }{
		{"TIT2", s.Title}, {"TPE1", s.Artist}, {"TPE2", s.AlbumArtist},
		{"TALB", s.Album}, {"TDRC", s.Recorded}, {"TRCK", s.Track},
		{"TCON", s.Genre}, {"TCOM", s.Composer}, {"TCOP", s.Copyright},
	}
	for _, f := range text {
		if f.v != "" {
			frames = append(frames, id3Text(f.id, f.v)...)
		}
	}
	if s.Comment != "" {
		frames = append(frames, id3LangText("COMM", "eng", s.Comment)...)
	}
	if s.Lyrics != "" {
		frames = append(frames, id3LangText("USLT", "eng", s.Lyrics)...)
	}
	if len(s.Picture) > 0 {
		body := append([]byte{id3UTF8}, "image/jpeg\x00"...)
		body = append(body, 3, 0) // picture type 3 (front cover), empty description
		frames = append(frames, id3Frame("APIC", append(body, s.Picture...))...)
	}
	frames = append(frames, make([]byte, 64)...)
	out := append([]byte("ID3"), 4, 0, 0) // version 2.4.0, no flags
	out = append(out, syncsafe(len(frames))...)
	return append(out, frames...)
}

// Silent MPEG-1 Layer III frame: 128 kbit/s, 44.1 kHz, joint stereo, no
// CRC. Its length is 144*bitrate/rate = 417 bytes (no padding bit), and an
// all-zero side info and main data decode as silence.
var mp3FrameHeader = [4]byte{0xFF, 0xFB, 0x90, 0x64}

const mp3FrameLen = 144 * 128000 / 44100

// mp3Bytes is an ID3v2.4 tag followed by frames silent MPEG audio frames
// (each 1152 samples, about 26 ms).
func mp3Bytes(s id3Spec, frames int) []byte {
	out := s.tag()
	for range frames {
		frame := make([]byte, mp3FrameLen)
		copy(frame, mp3FrameHeader[:])
		out = append(out, frame...)
	}
	return out
}

// writeMP3 writes an MP3 with the given tag and number of frames to path.
func writeMP3(path string, s id3Spec, frames int) error {
	if frames < 1 {
		return fmt.Errorf("build %s: need at least one audio frame, got %d", path, frames)
	}
	return writeFile(path, mp3Bytes(s, frames))
}
