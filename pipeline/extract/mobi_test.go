package extract

import (
	"context"
	"encoding/binary"
	"testing"
	"time"
)

// mobiBook builds a Mobipocket file: the Palm database header (created
// at created), one record holding the PalmDOC and MOBI headers (UTF-8),
// the EXTH records given and the full name.
func mobiBook(created time.Time, name string, exth map[uint32]string) []byte {
	be := binary.BigEndian
	db := make([]byte, 78)
	copy(db, "My_Book")
	be.PutUint32(db[36:], uint32(created.Unix()))
	copy(db[60:], "BOOKMOBI")
	be.PutUint16(db[76:], 1)
	db = be.AppendUint32(db, 88)      // record 0's offset
	db = append(db, 0, 0, 0, 0, 0, 0) // its attributes and id, then the gap
	rec := make([]byte, 16+0xE8)      // PalmDOC header, then a MOBI header of 0xE8 bytes
	copy(rec[16:], "MOBI")
	be.PutUint32(rec[20:], 0xE8)
	be.PutUint32(rec[28:], 65001)
	be.PutUint32(rec[0x80:], 0x40) // EXTH present
	var recs []byte
	for _, typ := range []uint32{100, 101, 106, 109, 503} {
		if v, ok := exth[typ]; ok {
			recs = be.AppendUint32(recs, typ)
			recs = be.AppendUint32(recs, uint32(8+len(v)))
			recs = append(recs, v...)
		}
	}
	x := append([]byte("EXTH"), be.AppendUint32(nil, uint32(12+len(recs)))...)
	x = be.AppendUint32(x, uint32(len(exth)))
	rec = append(append(rec, x...), recs...)
	be.PutUint32(rec[84:], uint32(len(rec)))
	be.PutUint32(rec[88:], uint32(len(name)))
	rec = append(rec, name...)
	return append(append(db, rec...), make([]byte, 64)...)
}

func TestMOBIMetadata(t *testing.T) {
	book := mobiBook(time.Date(2015, 3, 1, 10, 0, 0, 0, time.UTC), "The Long Road", map[uint32]string{
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
	bad := mobiBook(time.Time{}, "x", map[uint32]string{100: "Ann"})
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
	f.Add(mobiBook(time.Date(2015, 3, 1, 10, 0, 0, 0, time.UTC), "T", map[uint32]string{100: "A", 106: "2014-09-01"}))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 78 {
			return
		}
		data = append(append(data[:60:60], "BOOKMOBI"...), data[68:]...) // the Palm type the extractor applies to
		fuzzExtractor(t, NewMOBI(), "f.mobi", "application/x-mobipocket-ebook", data, 64<<20)
	})
}
