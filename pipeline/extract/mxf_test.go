package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"testing"
)

// mxfSet is a KLV header metadata set, coded as a local set, of the set
// type t (0x36 a material package, 0x30 the Identification set) holding
// the local items given.
func mxfSet(t byte, items ...[]byte) []byte {
	key := []byte{0x06, 0x0E, 0x2B, 0x34, 0x02, 0x53, 0x01, 0x01, 0x0D, 0x01, 0x01, 0x01, 0x01, 0x01, t, 0x00}
	body := bytes.Join(items, nil)
	n := binary.BigEndian.AppendUint32([]byte{0x83}, uint32(len(body)))
	return append(append(key, append([]byte{n[0]}, n[2:]...)...), body...)
}

// mxfItem is a local item: tag, 2-byte length, value.
func mxfItem(tag uint16, v []byte) []byte {
	b := binary.BigEndian.AppendUint16(nil, tag)
	return append(binary.BigEndian.AppendUint16(b, uint16(len(v))), v...)
}

func mxfTime(y int, mo, d, h, mi, s byte) []byte {
	return append(binary.BigEndian.AppendUint16(nil, uint16(y)), mo, d, h, mi, s, 0)
}

// mxfFile is a header partition pack, then the sets.
func mxfFile(sets ...[]byte) []byte {
	partition := append([]byte{0x06, 0x0E, 0x2B, 0x34, 0x02, 0x05, 0x01, 0x01, 0x0D, 0x01, 0x02, 0x01, 0x01, 0x02, 0x04, 0x00, 0x10}, make([]byte, 16)...)
	return append(partition, bytes.Join(sets, nil)...)
}

func TestMXFDates(t *testing.T) {
	file := mxfFile(
		mxfSet(0x30, mxfItem(0x3C06, mxfTime(2021, 6, 4, 9, 0, 0)), mxfItem(0x3C02, []byte("\x00P\x00M\x00W"))),
		mxfSet(0x37, mxfItem(0x4405, mxfTime(2021, 6, 3, 14, 21, 0)), mxfItem(0x4404, mxfTime(0, 0, 0, 0, 0, 0))),
		mxfSet(0x36, mxfItem(0x4405, mxfTime(2021, 6, 3, 14, 22, 10))),
		mxfSet(0x36, mxfItem(0x4405, mxfTime(2021, 2, 31, 0, 0, 0))), // no such day
	)
	src := bytesSource("clip.mxf", file)
	if src.MediaType != mediaMXF || src.Kind != KindVideo {
		t.Fatalf("sniffed %s, %s", src.MediaType, src.Kind)
	}
	var res Result
	Run(context.Background(), Default(), src, &res)
	wantFields(t, &res, map[string]string{"mxf:CreateDate": "2021-06-03T14:21:00", "mxf:ModifyDate": "2021-06-04T09:00:00"})
	if d, ok := res.ContentDate(); !ok || d.String() != "2021-06-03T14:21:00" || len(res.Errors) > 0 {
		t.Errorf("content date %v, errors %v", d, res.Errors)
	}
	// Cut inside a set: what came before is read, and no error.
	res = Result{}
	Run(context.Background(), []Extractor{NewMXF()}, bytesSource("cut.mxf", file[:len(file)-20]), &res)
	if got, _ := res.Field("mxf:CreateDate"); got != "2021-06-03T14:21:00" || len(res.Errors) > 0 {
		t.Errorf("cut file: %q, errors %v", got, res.Errors)
	}
}

func TestMXFCorpus(t *testing.T) {
	_, res := corpusSample(t, "MXF.mxf")
	// exiftool: CreateDate 2010:12:20 00:14:40.224, ModifyDate .228.
	if d, ok := res.ContentDate(); !ok || d.String() != "2010-12-20T00:14:40" {
		t.Errorf("date %v, errors %v", d, res.Errors)
	}
}

func FuzzMXF(f *testing.F) {
	f.Add(mxfFile(mxfSet(0x36, mxfItem(0x4405, mxfTime(2021, 6, 3, 14, 22, 10)))))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzExtractor(t, NewMXF(), "f.mxf", mediaMXF, data, 64<<20) })
}
