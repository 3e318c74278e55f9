package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"strings"
	"testing"
)

// apeItem is one APE tag item: text unless binary.
type apeItem struct {
	key, value string
	binary     bool
}

// apeTag builds an APEv2 tag (items and footer) of the items.
func apeTag(items ...apeItem) []byte {
	var body []byte
	for _, it := range items {
		var flags uint32
		if it.binary {
			flags = 1 << 1
		}
		body = binary.LittleEndian.AppendUint32(body, uint32(len(it.value)))
		body = binary.LittleEndian.AppendUint32(body, flags)
		body = append(append(append(body, it.key...), 0), it.value...)
	}
	f := []byte("APETAGEX")
	f = binary.LittleEndian.AppendUint32(f, 2000)
	f = binary.LittleEndian.AppendUint32(f, uint32(len(body)+apeFooterLen))
	f = binary.LittleEndian.AppendUint32(f, uint32(len(items)))
	f = append(binary.LittleEndian.AppendUint32(f, 0), make([]byte, 8)...)
	return append(body, f...)
}

// apeFile is a Monkey's Audio file: its header, audio frames, the tag.
func apeFile(tag []byte) []byte {
	hdr := []byte("MAC \x96\x0f")
	hdr = append(hdr, bytes.Repeat([]byte{0x11}, 90)...)
	return append(hdr, tag...)
}

func TestAPETags(t *testing.T) {
	cover := "cover.jpg\x00" + string(tinyJPEG(t))
	tag := apeTag(
		apeItem{key: "Title", value: "Men Machine Live"},
		apeItem{key: "ARTIST", value: "Kraftwerk"},
		apeItem{key: "Composer", value: "Ralf H\x00Florian S"},
		apeItem{key: "Year", value: "2005-06-03"},
		apeItem{key: "Track", value: "4/9"},
		apeItem{key: "Copyright", value: "(P) 2005 Kling Klang"},
		apeItem{key: "Lyrics", value: "We are the robots"},
		apeItem{key: "Cover Art (Front)", value: cover, binary: true},
	)
	for name, data := range map[string][]byte{
		"song.ape":            apeFile(tag),
		"song with id3v1.ape": append(apeFile(tag), append([]byte("TAG"), make([]byte, 125)...)...),
	} {
		t.Run(name, func(t *testing.T) {
			src := bytesSource(name, data)
			if src.MediaType != mediaAPE || src.Kind != KindAudio {
				t.Fatalf("sniffed %s, %s", src.MediaType, src.Kind)
			}
			var res Result
			Run(context.Background(), []Extractor{NewAudio()}, src, &res)
			if len(res.Errors) > 0 {
				t.Fatalf("errors: %v", res.Errors)
			}
			for k, want := range map[string]string{"title": "Men Machine Live", "artist": "Kraftwerk", "composer": "Ralf H; Florian S",
				"track": "4/9", "year": "2005", "copyright": "(P) 2005 Kling Klang", "lyrics": "true", "picture": "true"} {
				if got := res.Tags[k]; got != want {
					t.Errorf("tag %s = %q, want %q", k, got, want)
				}
			}
			for k, want := range map[string]string{"ape:ARTIST": "Kraftwerk", "ape:LYRICS": "present"} {
				if got, _ := res.Field(k); got != want {
					t.Errorf("field %s = %q, want %q", k, got, want)
				}
			}
			if got, _ := res.Field("ape:COVER ART (FRONT)"); !strings.HasPrefix(got, "image/jpeg") {
				t.Errorf("cover %q", got)
			}
			if d, ok := res.ContentDate(); !ok || d.String() != "2005-06-03" {
				t.Errorf("content date %v", d)
			}
		})
	}
}

func TestAPETagsHostile(t *testing.T) {
	tag := apeTag(apeItem{key: "Artist", value: "Kraftwerk"})
	for name, mangle := range map[string]func([]byte){
		"size past the file": func(b []byte) { binary.LittleEndian.PutUint32(b[len(b)-20:], 1<<30) },
		"item past the tag":  func(b []byte) { binary.LittleEndian.PutUint32(b[0:], 1<<20) },
		"too many items":     func(b []byte) { binary.LittleEndian.PutUint32(b[len(b)-16:], 1<<20) },
		"no key":             func(b []byte) { b[8] = 0 },
	} {
		t.Run(name, func(t *testing.T) {
			b := bytes.Clone(tag)
			mangle(b)
			var res Result
			Run(context.Background(), []Extractor{NewAudio()}, bytesSource("bad.ape", apeFile(b)), &res)
			if len(res.Errors) == 0 {
				t.Error("no error")
			}
		})
	}
}

func TestSniffMedia(t *testing.T) {
	m2ts := make([]byte, 192*4)
	for i := 4; i < len(m2ts); i += 192 {
		m2ts[i] = 0x47
	}
	dv := make([]byte, 80*6)
	dv[0], dv[1], dv[80], dv[160] = 0x1F, 0x07, 0x3F, 0x3F
	dsf := append([]byte("DSD \x1c\x00\x00\x00"), make([]byte, 20)...)
	dsf = append(dsf, "fmt "...)
	for _, tt := range []struct {
		name     string
		data     []byte
		mt, kind string
	}{
		{"a.dsf", dsf, mediaDSF, KindAudio},
		{"a.dff", []byte("FRM8\x00\x00\x00\x00\x00\x00\x10\x00DSD "), mediaDFF, KindAudio},
		{"a.ape", apeFile(nil), mediaAPE, KindAudio},
		{"a.wv", []byte("wvpk\x20\x00\x00\x00"), mediaWV, KindAudio},
		{"a.mts", m2ts, mediaM2TS, KindVideo},
		{"a.mxf", []byte{0x06, 0x0E, 0x2B, 0x34, 0x02, 0x05, 0x01, 0x01, 0x0D, 0x01, 0x02, 0x01, 0x01, 0x02, 0x04, 0x00}, mediaMXF, KindVideo},
		{"a.dv", dv, mediaDV, KindVideo},
		{"a.exr", []byte("\x76\x2f\x31\x01\x02\x00\x00\x00"), mediaEXR, KindImage},
		{"a.indd", append(append([]byte{}, inddMagic...), "DOCUMENT"...), mediaINDD, KindDocument},
		// Near misses stay unknown.
		{"b.ape", []byte("MAC \x01\x00"), "application/octet-stream", KindOther},
		{"b.mts", m2ts[:400], "application/octet-stream", KindOther},
	} {
		if mt, kind := Sniff(tt.name, tt.data); mt != tt.mt || kind != tt.kind {
			t.Errorf("%s: %s, %s; want %s, %s", tt.name, mt, kind, tt.mt, tt.kind)
		}
	}
}

// FuzzAPETags feeds APE tags to the reader: no panic, bounded values.
func FuzzAPETags(f *testing.F) {
	f.Add(apeTag(apeItem{key: "Artist", value: "A"}, apeItem{key: "Cover Art (Front)", value: "c.png\x00\x89PNG", binary: true}))
	f.Add(apeTag())
	f.Fuzz(func(t *testing.T, tag []byte) {
		var res Result
		n := allocDuring(func() {
			Run(context.Background(), []Extractor{NewAudio()}, bytesSource("f.ape", apeFile(tag)), &res)
		})
		if n > 64<<20 {
			t.Errorf("allocated %d bytes for a %d byte tag", n, len(tag))
		}
		checkValues(t, &res)
	})
}
