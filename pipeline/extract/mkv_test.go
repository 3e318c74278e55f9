package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"testing"
	"time"
)

// ebml encodes an element: its id (the bytes of id without leading
// zeros) and its body's size as an 8-byte vint.
func ebml(id uint32, body ...[]byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, id)
	for len(b) > 1 && b[0] == 0 {
		b = b[1:]
	}
	data := bytes.Join(body, nil)
	size := binary.BigEndian.AppendUint64(nil, uint64(len(data)))
	size[0] = 0x01 // an 8-byte vint
	return append(append(b, size...), data...)
}

// mkvFile is a Matroska file: the EBML header, then a segment with a seek
// head pointing at the tags, the info, a cluster and the tags after it.
func mkvFile(title string, date time.Time, tags ...[]byte) []byte {
	header := ebml(idEBML, ebml(0x4282, []byte("matroska")))
	ns := binary.BigEndian.AppendUint64(nil, uint64(date.Sub(time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC))))
	info := ebml(idInfo, ebml(idTitle, []byte(title)), ebml(idWritingApp, []byte("OBS Studio")), ebml(idDateUTC, ns))
	cluster := ebml(idCluster, ebml(0xE7, []byte{0}), ebml(0xA3, bytes.Repeat([]byte{0x55}, 300)))
	tagsEl := ebml(idTags, ebml(idTag, tags...))
	seekHead := func(pos uint64) []byte {
		return ebml(idSeekHead, ebml(idSeek, ebml(idSeekID, binary.BigEndian.AppendUint32(nil, idTags)), ebml(idSeekPos, binary.BigEndian.AppendUint64(nil, pos))))
	}
	pos := uint64(len(seekHead(0)) + len(info) + len(cluster))
	return append(header, ebml(idSegment, seekHead(pos), info, cluster, tagsEl)...)
}

func simpleTag(name, value string, nested ...[]byte) []byte {
	return ebml(idSimpleTag, append([][]byte{ebml(idTagName, []byte(name)), ebml(idTagString, []byte(value))}, nested...)...)
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
