package extract

import (
	"context"
	"encoding/binary"
	"testing"
	"time"

	"github.com/consignhq/consign/pipeline/extract/filetest"
)

func TestMOBIMetadata(t *testing.T) {
	book := filetest.MOBIBook(time.Date(2015, 3, 1, 10, 0, 0, 0, time.UTC), "The Long Road", map[uint32]string{
		100: "Ann Writer", 101: "Small Press", 106: "2014-09-01", 109: "© 2014 Ann Writer", 503: "The Long Road (2nd ed.)",
	})
	src := bytesSource("book.mobi", book)
	if src.MediaType != "application/x-mobipocket-ebook" {
		t.Fatalf("sniffed %s", src.MediaType)
	}
	var res Result
	Run(context.Background(), Default(), src, &res)
	if len(res.Errors) > 0 {
		t.Fatalf("errors %v", res.Errors)
	}
	wantFields(t, &res, map[string]string{"mobi:Author": "Ann Writer", "mobi:Publisher": "Small Press", "mobi:Rights": "© 2014 Ann Writer",
		"mobi:FullName": "The Long Road", "mobi:CreateDate": "2015-03-01T10:00:00Z"})
	if d, ok := res.ContentDate(); !ok || d.String() != "2014-09-01" {
		t.Errorf("content date %v: the publishing date wins", d)
	}
	// An EXTH record longer than the block.
	bad := filetest.MOBIBook(time.Time{}, "x", map[uint32]string{100: "Ann"})
	binary.BigEndian.PutUint32(bad[88+16+0xE8+12+4:], 1<<20)
	res = Result{}
	Run(context.Background(), []Extractor{NewMOBI()}, bytesSource("bad.mobi", bad), &res)
	if len(res.Errors) == 0 {
		t.Error("an EXTH record past the block: no error")
	}
}

func TestMOBICorpus(t *testing.T) {
	_, res := corpusSample(t, "Palm.mobi")
	// exiftool: Author Mike Peralta, CreateDate 2014:05:28 00:00:51+00:00.
	if got, _ := res.Field("mobi:Author"); got != "Mike Peralta" || len(res.Errors) > 0 {
		t.Errorf("author %q, errors %v", got, res.Errors)
	}
	if d, ok := res.ContentDate(); !ok || d.String() != "2014-05-28T00:00:51Z" {
		t.Errorf("date %v", d)
	}
}

func FuzzMOBI(f *testing.F) {
	f.Add(filetest.MOBIBook(time.Date(2015, 3, 1, 10, 0, 0, 0, time.UTC), "T", map[uint32]string{100: "A", 106: "2014-09-01"}))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 78 {
			return
		}
		data = append(append(data[:60:60], "BOOKMOBI"...), data[68:]...) // the Palm type the extractor applies to
		fuzzExtractor(t, NewMOBI(), "f.mobi", "application/x-mobipocket-ebook", data, 64<<20)
	})
}
