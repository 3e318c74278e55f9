package bmff

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
)

// bx frames payload as a box with a 32-bit size.
func bx(typ string, payload ...[]byte) []byte {
	body := bytes.Join(payload, nil)
	out := binary.BigEndian.AppendUint32(nil, uint32(8+len(body)))
	return append(append(out, typ...), body...)
}

func TestChildren(t *testing.T) {
	large := append(binary.BigEndian.AppendUint32(nil, 1), "mdat"...)
	large = binary.BigEndian.AppendUint64(large, 20)
	large = append(large, 1, 2, 3, 4)
	uuid := bx("uuid", bytes.Repeat([]byte{7}, 16), []byte("xmp"))
	for _, tc := range []struct {
		name    string
		in      []byte
		types   []string
		bounds  bool
		hdrLens []int64
	}{
		{"two boxes", append(bx("ftyp", []byte("isom")), bx("free")...), []string{"ftyp", "free"}, false, []int64{8, 8}},
		{"64-bit size", large, []string{"mdat"}, false, []int64{16}},
		{"uuid header", uuid, []string{"uuid"}, false, []int64{24}},
		{"size zero runs to the end", append(binary.BigEndian.AppendUint32(nil, 0), "mdat12345"...), []string{"mdat"}, false, []int64{8}},
		{"four padding bytes", append(bx("moov"), 0, 0, 0, 0), []string{"moov"}, false, []int64{8}},
		{"size past the parent", append(binary.BigEndian.AppendUint32(nil, 99), "moov"...), nil, true, nil},
		{"size below its header", append(binary.BigEndian.AppendUint32(nil, 4), "moov"...), nil, true, nil},
		{"64-bit size past the parent", append(append(binary.BigEndian.AppendUint32(nil, 1), "mdat"...), 0, 0, 0, 0, 0, 0, 1, 0), nil, true, nil},
		{"uuid too short", bx("uuid", []byte("short")), nil, true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := &Walker{R: bytes.NewReader(tc.in)}
			got, err := w.Children(0, int64(len(tc.in)))
			if tc.bounds != errors.Is(err, ErrBounds) {
				t.Fatalf("error %v, want bounds error %v", err, tc.bounds)
			}
			if tc.bounds {
				return
			}
			if len(got) != len(tc.types) {
				t.Fatalf("got %d boxes %+v, want %v", len(got), got, tc.types)
			}
			for i, b := range got {
				if b.Type != tc.types[i] || b.HdrLen != tc.hdrLens[i] {
					t.Errorf("box %d: %q with %d-byte header, want %q with %d", i, b.Type, b.HdrLen, tc.types[i], tc.hdrLens[i])
				}
			}
		})
	}
}

func TestFindAndMeta(t *testing.T) {
	isoMeta := bx("meta", []byte{0, 0, 0, 0}, bx("hdlr", make([]byte, 4)), bx("ilst"))
	qtMeta := bx("meta", bx("hdlr", make([]byte, 4)), bx("ilst"))
	for _, tc := range []struct {
		name string
		meta []byte
		skip int64
	}{{"iso full box", isoMeta, 4}, {"quicktime", qtMeta, 0}} {
		t.Run(tc.name, func(t *testing.T) {
			file := append(bx("ftyp", []byte("isom")), bx("moov", bx("udta", tc.meta))...)
			w := &Walker{R: bytes.NewReader(file)}
			meta, ok, err := w.Find(0, int64(len(file)), "moov", "udta", "meta")
			if err != nil || !ok {
				t.Fatalf("find moov/udta/meta: %v %v", ok, err)
			}
			if got := MetaChildrenStart(w.R, meta); got != meta.DataOff()+tc.skip {
				t.Errorf("children start at %d, want %d", got, meta.DataOff()+tc.skip)
			}
			if _, ok, _ := w.Find(0, int64(len(file)), "moov", "trak"); ok {
				t.Error("found a trak that is not there")
			}
		})
	}
}

func TestBoxFlood(t *testing.T) {
	many := bytes.Repeat(bx("free"), MaxBoxes+1)
	w := &Walker{R: bytes.NewReader(many)}
	if _, err := w.Children(0, int64(len(many))); err == nil {
		t.Fatal("no error past MaxBoxes boxes")
	}
}

func TestReadPayloadLimit(t *testing.T) {
	file := bx("udta", make([]byte, 100))
	w := &Walker{R: bytes.NewReader(file)}
	kids, _ := w.Children(0, int64(len(file)))
	if _, err := ReadPayload(w.R, kids[0], 99); err == nil {
		t.Error("read a payload over the limit")
	}
	if p, err := ReadPayload(w.R, kids[0], 100); err != nil || len(p) != 100 {
		t.Errorf("payload %d bytes, %v", len(p), err)
	}
}

// FuzzWalk walks every box it can reach: no panic, and every box it
// returns lies inside the input.
func FuzzWalk(f *testing.F) {
	f.Add(append(bx("ftyp", []byte("isom")), bx("moov", bx("udta", bx("meta", []byte{0, 0, 0, 0}, bx("ilst"))))...))
	f.Add(bx("uuid", make([]byte, 16)))
	f.Add(append(binary.BigEndian.AppendUint32(nil, 1), "mdat\x00\x00\x00\x00\x00\x00\x00\x10"...))
	f.Fuzz(func(t *testing.T, in []byte) {
		w := &Walker{R: bytes.NewReader(in)}
		var walk func(start, end int64, depth int)
		walk = func(start, end int64, depth int) {
			if depth > MaxDepth {
				return
			}
			kids, _ := w.Children(start, end)
			for _, b := range kids {
				if b.Off < start || b.End() > end || b.DataOff() > b.End() {
					t.Fatalf("box %q [%d,%d) outside [%d,%d)", b.Type, b.Off, b.End(), start, end)
				}
				walk(MetaChildrenStart(w.R, b), b.End(), depth+1)
			}
		}
		walk(0, int64(len(in)), 0)
	})
}
