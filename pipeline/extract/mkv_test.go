package extract

import (
	"context"
	"encoding/binary"
	"testing"
	"time"

	"github.com/consignhq/consign/pipeline/extract/filetest"
)

func mkvFile(title string, date time.Time, tags ...[]byte) []byte {
	return filetest.Matroska(title, date, false, tags...)
}

func simpleTag(name, value string, nested ...[]byte) []byte {
	return filetest.SimpleTag(name, value, nested...)
}

func TestMatroskaMetadata(t *testing.T) {
	file := mkvFile("Studio session", time.Date(2022, 5, 6, 7, 8, 9, 0, time.UTC),
		simpleTag("ARTIST", "Ann Lee", simpleTag("URL", "https://annlee.example")), simpleTag("COPYRIGHT", "(c) 2022 Ann Lee"),
		simpleTag("DATE_RECORDED", "2022-05-01"))
	src := bytesSource("session.mkv", file)
	if src.Kind != KindVideo {
		t.Fatalf("sniffed %s, %s", src.MediaType, src.Kind)
	}
	var res Result
	Run(context.Background(), Default(), src, &res)
	if len(res.Errors) > 0 {
		t.Fatalf("errors %v", res.Errors)
	}
	wantFields(t, &res, map[string]string{"mkv:Title": "Studio session", "mkv:WritingApp": "OBS Studio", "mkv:DateUTC": "2022-05-06T07:08:09Z",
		"mkv:ARTIST": "Ann Lee", "mkv:URL": "https://annlee.example", "mkv:COPYRIGHT": "(c) 2022 Ann Lee"})
	if res.Tags["artist"] != "Ann Lee" || res.Tags["title"] != "Studio session" {
		t.Errorf("tags %v", res.Tags)
	}
	if d, ok := res.ContentDate(); !ok || d.String() != "2022-05-06T07:08:09Z" {
		t.Errorf("content date %v", d)
	}
}

func TestEBMLVint(t *testing.T) {
	for _, tt := range []struct {
		b    []byte
		size bool
		v    int64
		n    int
	}{
		{[]byte{0x1A, 0x45, 0xDF, 0xA3}, false, 0x1A45DFA3, 4},
		{[]byte{0x81}, true, 1, 1},
		{[]byte{0x40, 0x02}, true, 2, 2},
		{[]byte{0xFF}, true, -1, 1}, // unknown size
		{[]byte{0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}, true, -1, 8},
		{[]byte{0x00, 0x81}, true, 0, 0}, // longer than 8 bytes
		{[]byte{0x20, 0x01}, true, 0, 0}, // cut short
	} {
		if v, n := ebmlVint(tt.b, tt.size); v != tt.v || n != tt.n {
			t.Errorf("% x: %d, %d; want %d, %d", tt.b, v, n, tt.v, tt.n)
		}
	}
}

func FuzzMatroska(f *testing.F) {
	f.Add(mkvFile("T", time.Date(2022, 5, 6, 7, 8, 9, 0, time.UTC), simpleTag("ARTIST", "A")))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 4 || binary.BigEndian.Uint32(data) != idEBML {
			data = append(binary.BigEndian.AppendUint32(nil, idEBML), data...)
		}
		fuzzExtractor(t, NewMatroska(), "f.mkv", "", data, 64<<20)
	})
}
