package extract

import (
	"context"
	"testing"
)

// dvHead is the start of a DIF sequence whose second VAUX block holds the
// packs given, after a source pack.
func dvHead(packs ...byte) []byte {
	b := make([]byte, 6*difBlock)
	b[0], b[1], b[2], b[3] = 0x1F, 0x07, 0x00, 0x3F
	b[difBlock], b[2*difBlock] = 0x3F, 0x3F
	for i := 3; i < 6; i++ {
		b[i*difBlock] = 0x56
		for j := 0; j < 15; j++ {
			b[i*difBlock+3+5*j] = 0xFF // no pack
		}
	}
	vaux := b[4*difBlock:]
	copy(vaux[3:], []byte{0x60, 0xFF, 0xFF, 0xFF, 0xFF})
	copy(vaux[8:], packs)
	return append(b, make([]byte, 1000)...)
}

func TestDVRecordingTime(t *testing.T) {
	for _, tt := range []struct {
		name  string
		packs []byte
		want  string
	}{
		// The date pack's unused bits set, as camcorders write them.
		{"2004", []byte{0x62, 0xFF, 0xC5, 0xE8, 0x04, 0x63, 0xC0, 0xA5, 0x85, 0xD7}, "2004-08-05T17:05:25"},
		{"1998", []byte{0x62, 0xFF, 0xC5, 0xE8, 0x98, 0x63, 0xC0, 0xA5, 0x85, 0xD7}, "1998-08-05T17:05:25"},
		{"no time pack", []byte{0x62, 0xFF, 0xC5, 0xE8, 0x04}, ""},
		{"time not after the date", []byte{0x62, 0xFF, 0xC5, 0xE8, 0x04, 0x60, 0, 0, 0, 0, 0x63, 0xC0, 0xA5, 0x85, 0xD7}, ""},
		{"not bcd", []byte{0x62, 0xFF, 0xC5, 0xE8, 0x04, 0x63, 0xC0, 0x9A, 0x85, 0xD7}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := bytesSource("tape.dv", dvHead(tt.packs...))
			if src.MediaType != mediaDV {
				t.Fatalf("sniffed %s", src.MediaType)
			}
			var res Result
			Run(context.Background(), []Extractor{NewDV()}, src, &res)
			got, _ := res.Field("dv:DateTimeOriginal")
			if got != tt.want || len(res.Errors) > 0 {
				t.Errorf("date %q, want %q (errors %v)", got, tt.want, res.Errors)
			}
		})
	}
}

func TestDVCorpus(t *testing.T) {
	_, res := corpusSample(t, "DV.dv")
	// exiftool: DateTimeOriginal 2010:02:16 21:36:28.
	if d, ok := res.ContentDate(); !ok || d.String() != "2010-02-16T21:36:28" {
		t.Errorf("date %v, errors %v", d, res.Errors)
	}
}

func FuzzDV(f *testing.F) {
	f.Add(dvHead(0x62, 0xFF, 0xC5, 0xE8, 0x04, 0x63, 0xC0, 0xA5, 0x85, 0xD7))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtractor(t, NewDV(), "f.dv", mediaDV, data, 64<<20) })
}
