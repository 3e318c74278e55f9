package redact

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consignhq/consign/pipeline/extract"
)

// oggPage is one Ogg page of stream 1 holding segs (each at most 255
// bytes), with its checksum.
func oggPage(seq uint32, continued bool, segs ...[]byte) []byte {
	p := make([]byte, 27, 27+len(segs))
	copy(p, "OggS")
	if continued {
		p[5] = 1
	}
	binary.LittleEndian.PutUint32(p[14:], 1)
	binary.LittleEndian.PutUint32(p[18:], seq)
	p[26] = byte(len(segs))
	for _, s := range segs {
		p = append(p, byte(len(s)))
	}
	for _, s := range segs {
		p = append(p, s...)
	}
	binary.LittleEndian.PutUint32(p[22:], extract.OggChecksum(p))
	return p
}

// vorbisComments is a Vorbis comment packet with a vendor string and
// entries.
func vorbisComments(vendor string, entries ...string) []byte {
	le := binary.LittleEndian
	b := append([]byte("\x03vorbis"), le.AppendUint32(nil, uint32(len(vendor)))...)
	b = append(b, vendor...)
	b = le.AppendUint32(b, uint32(len(entries)))
	for _, e := range entries {
		b = le.AppendUint32(b, uint32(len(e)))
		b = append(b, e...)
	}
	return append(b, 1)
}

// oggFile is an Ogg Vorbis stream whose comment packet is cut by its
// pages inside the artist's name: an identification page, then the
// comments in a page of one full segment and a page of the rest.
func oggFile() []byte {
	ident := append([]byte("\x01vorbis"), make([]byte, 23)...)
	comments := vorbisComments(strings.Repeat("v", 207), "TITLE=Harbour", "ARTIST=Ann Other", "DATE=2023")
	return bytes.Join([][]byte{
		oggPage(0, false, ident),
		oggPage(1, false, comments[:255]),
		oggPage(2, true, comments[255:]),
	}, nil)
}

func TestOgg(t *testing.T) {
	sample, err := os.ReadFile(filepath.Join("..", "..", "pipeline", "extract", "testdata", "samples", "tone.ogg"))
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"tone.ogg": sample, "cut.ogg": oggFile()} {
		t.Run(name, func(t *testing.T) {
			before := scanFields(t, name, "audio/ogg", data)
			gone := []string{"vorbis:ARTIST"}
			out, rep := redactBytes(t, data, "audio/ogg", Strip{Fields: gone})
			if len(out) != len(data) {
				t.Fatalf("length %d, want %d", len(out), len(data))
			}
			checkFields(t, before, scanFields(t, name, "audio/ogg", out), rep, gone, []string{"vorbis:TITLE"})
			entry := "ARTIST=" + before["vorbis:ARTIST"]
			if bytes.Contains(out, append(binary.LittleEndian.AppendUint32(nil, uint32(len(entry))), entry...)) {
				t.Error("the artist is still in the file")
			}
			for off := 0; off < len(out); {
				n := 27 + int(out[off+26])
				for _, s := range out[off+27 : off+n] {
					n += int(s)
				}
				if page := out[off : off+n]; binary.LittleEndian.Uint32(page[22:]) != extract.OggChecksum(page) {
					t.Errorf("page at offset %d has a wrong checksum", off)
				}
				off += n
			}
		})
	}
	if !FieldSupported("audio/ogg", "vorbis:ARTIST") || FieldSupported("audio/ogg", "id3:TPE1") || StripsKinds("audio/ogg") {
		t.Error("FieldSupported or StripsKinds is wrong for Ogg")
	}
}

// TestOggValueCut: the fixture's artist is cut by its pages, so it is
// located as two ranges, each on its page.
func TestOggValueCut(t *testing.T) {
	data := oggFile()
	values, pages, err := extract.LocateOggComments(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var artist []extract.FieldRange
	for _, v := range values {
		if v.Field == "vorbis:ARTIST" {
			artist = append(artist, v)
		}
	}
	if len(artist) != 2 || len(pages) != 2 {
		t.Fatalf("artist at %v, comment pages %v: want two ranges on two pages", artist, pages)
	}
	var got []byte
	for _, a := range artist {
		got = append(got, data[a.Value.Off:a.Value.Off+a.Value.N]...)
	}
	if string(got) != "Ann Other" {
		t.Errorf("ranges hold %q", got)
	}
}
