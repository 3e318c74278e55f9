package extract

import (
	"encoding/binary"
	"testing"

	"github.com/consignhq/consign/pipeline/extract/filetest"
)

// iimSet encodes one IIM dataset, with an extended length when long.
func iimSet(record, dataset byte, v string) []byte {
	b := []byte{0x1C, record, dataset}
	if len(v) < 0x8000 {
		b = binary.BigEndian.AppendUint16(b, uint16(len(v)))
	} else {
		b = append(b, 0x80, 0x04)
		b = binary.BigEndian.AppendUint32(b, uint32(len(v)))
	}
	return append(b, v...)
}

// photoshopBlock is an image resource named "abc".
func photoshopBlock(id uint16, data []byte) []byte { return filetest.PSDResource(id, "abc", data) }

func TestIPTC(t *testing.T) {
	var iim []byte
	iim = append(iim, iimSet(1, 90, "\x1b%G")...)
	iim = append(iim, iimSet(2, 80, "Jane Creator")...)
	iim = append(iim, iimSet(2, 25, "lake")...)
	iim = append(iim, iimSet(2, 25, "sunset")...)
	iim = append(iim, iimSet(2, 116, "© 2023 Jane")...)
	iim = append(iim, iimSet(2, 110, "Agency")...)
	iim = append(iim, iimSet(2, 55, "20230714")...)
	iim = append(iim, iimSet(2, 60, "153210+0200")...)
	iim = append(iim, iimSet(2, 120, string(make([]byte, 0x9000)))...)
	block := append(photoshopBlock(0x0409, []byte{1, 2, 3}), photoshopBlock(0x0404, iim)...)

	streams := photoshopResources(block, 0x0404)
	if len(streams) != 1 {
		t.Fatalf("found %d IIM resources, want 1", len(streams))
	}
	var res Result
	recordIIM(readIIM(streams[0]), &res)
	want := map[string]string{
		"iptc:By-line":         "Jane Creator",
		"iptc:Keywords":        "lake; sunset",
		"iptc:CopyrightNotice": "© 2023 Jane",
		"iptc:Credit":          "Agency",
	}
	for k, v := range want {
		t.Run(k, func(t *testing.T) {
			if got, _ := res.Field(k); got != v {
				t.Errorf("got %q, want %q", got, v)
			}
		})
	}
	if res.Tags["artist"] != "Jane Creator" || res.Tags["keywords"] != "lake; sunset" {
		t.Errorf("tags = %v", res.Tags)
	}
	d, ok := res.ContentDate()
	if !ok || d.String() != "2023-07-14T15:32:10+02:00" {
		t.Errorf("date = %s", d)
	}
}

func TestIPTCMalformed(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"length past end", []byte{0x1C, 2, 80, 0x7F, 0xFF, 'a'}},
		{"extended length of 8 bytes", []byte{0x1C, 2, 80, 0x80, 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}},
		{"extended length past end", []byte{0x1C, 2, 80, 0x80, 0x04, 0x7F, 0xFF, 0xFF, 0xFF}},
		{"not a tag marker", []byte{0x1D, 2, 80, 0, 1, 'a'}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if sets := readIIM(tt.data); len(sets) != 0 {
				t.Errorf("read %d datasets from a malformed stream", len(sets))
			}
			if rs := photoshopResources(append([]byte("8BIM\x04\x04\x00\x00\x7f\xff\xff\xff"), tt.data...), 0x0404); len(rs) != 0 {
				t.Errorf("read %d resources from a malformed block", len(rs))
			}
		})
	}
}

func FuzzIPTC(f *testing.F) {
	f.Add(photoshopBlock(0x0404, append(iimSet(2, 80, "Jane"), iimSet(2, 55, "20230714")...)))
	f.Add([]byte("8BIM\x04\x04\x00\x00\x00\x00\x00\x05\x1c\x02\x50\x80\x04"))
	f.Fuzz(func(t *testing.T, block []byte) {
		var res Result
		n := allocDuring(func() {
			for _, st := range photoshopResources(block, 0x0404) {
				recordIIM(readIIM(st), &res)
			}
			recordIIM(readIIM(block), &res)
		})
		if n > 16<<20 {
			t.Errorf("allocated %d bytes for a %d byte block", n, len(block))
		}
		checkValues(t, &res)
	})
}

// photoshopResources is the data of every resource photoshopResourceSpans
// finds.
func photoshopResources(b []byte, id uint16) [][]byte {
	var out [][]byte
	for _, sp := range photoshopResourceSpans(b, id) {
		out = append(out, b[sp[0]:sp[1]])
	}
	return out
}
