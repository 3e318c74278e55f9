package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"testing"
	"time"
	"unicode/utf16"
)

func utf16z(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s + "\x00")) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

func asfObject(guid []byte, body []byte) []byte {
	b := append(append([]byte{}, guid...), binary.LittleEndian.AppendUint64(nil, uint64(24+len(body)))...)
	return append(b, body...)
}

// wmaFile is a Windows Media Audio file's header object (content
// description, extended content description, file properties created at
// created), then a data object.
func wmaFile(created time.Time, content [5]string, ext map[string]string) []byte {
	var cd, strs []byte
	for _, s := range content {
		u := utf16z(s)
		cd = binary.LittleEndian.AppendUint16(cd, uint16(len(u)))
		strs = append(strs, u...)
	}
	var ec []byte
	ec = binary.LittleEndian.AppendUint16(ec, uint16(len(ext)))
	for _, name := range []string{"WM/AlbumArtist", "WM/Composer", "WM/Year", "WM/Lyrics"} {
		v, ok := ext[name]
		if !ok {
			continue
		}
		n, val := utf16z(name), utf16z(v)
		ec = binary.LittleEndian.AppendUint16(ec, uint16(len(n)))
		ec = append(ec, n...)
		ec = binary.LittleEndian.AppendUint16(ec, 0)
		ec = binary.LittleEndian.AppendUint16(ec, uint16(len(val)))
		ec = append(ec, val...)
	}
	fp := make([]byte, 80)
	binary.LittleEndian.PutUint64(fp[24:], uint64(created.Unix()+11644473600)*10_000_000)
	objs := bytes.Join([][]byte{asfObject(asfFileProps, fp), asfObject(asfContentDesc, append(cd, strs...)), asfObject(asfExtContent, ec)}, nil)
	hdr := append(append([]byte{}, asfHeader...), binary.LittleEndian.AppendUint64(nil, uint64(30+len(objs)))...)
	hdr = append(binary.LittleEndian.AppendUint32(hdr, 3), 1, 2)
	return append(append(hdr, objs...), make([]byte, 100)...)
}

func TestASFMetadata(t *testing.T) {
	file := wmaFile(time.Date(2006, 7, 8, 9, 10, 11, 0, time.UTC), [5]string{"Night Drive", "Ann Lee", "(c) 2006 Ann Lee", "demo", ""},
		map[string]string{"WM/AlbumArtist": "The Other Band", "WM/Composer": "Bob Writer", "WM/Year": "2005", "WM/Lyrics": "la la"})
	src := bytesSource("song.wma", file)
	var res Result
	Run(context.Background(), Default(), src, &res)
	if len(res.Errors) > 0 {
		t.Fatalf("errors %v (sniffed %s)", res.Errors, src.MediaType)
	}
	wantFields(t, &res, map[string]string{"asf:Title": "Night Drive", "asf:Author": "Ann Lee", "asf:Copyright": "(c) 2006 Ann Lee",
		"asf:WM/AlbumArtist": "The Other Band", "asf:WM/Composer": "Bob Writer", "asf:WM/Lyrics": "present", "asf:CreationDate": "2006-07-08T09:10:11Z"})
	if res.Tags["artist"] != "Ann Lee" || res.Tags["lyrics"] != "true" {
		t.Errorf("tags %v", res.Tags)
	}
	if d, ok := res.ContentDate(); !ok || d.String() != "2006-07-08T09:10:11Z" {
		t.Errorf("content date %v", d)
	}
	bad := bytes.Clone(file)
	binary.LittleEndian.PutUint64(bad[16:], 1<<40)
	res = Result{}
	Run(context.Background(), []Extractor{NewASF()}, bytesSource("bad.wma", bad), &res)
	if len(res.Errors) == 0 {
		t.Error("a header object past the file: no error")
	}
}

func FuzzASF(f *testing.F) {
	f.Add(wmaFile(time.Date(2006, 7, 8, 9, 10, 11, 0, time.UTC), [5]string{"T", "A", "C", "D", ""}, map[string]string{"WM/Year": "2005"}))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !bytes.HasPrefix(data, asfHeader) {
			data = append(append([]byte{}, asfHeader...), data...)
		}
		fuzzExtractor(t, NewASF(), "f.wma", "", data, 64<<20)
	})
}
