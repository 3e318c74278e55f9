package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"testing"
	"time"

	"github.com/consignhq/consign/pipeline/extract/filetest"
)

func wmaFile(created time.Time, content [5]string, ext map[string]string) []byte {
	return filetest.WMA(created, content, ext)
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
