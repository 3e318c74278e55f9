package extract

import (
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
)

// gpmfKLV frames one GPMF entry; type 0 nests entries.
func gpmfKLV(key string, typ byte, size int, data []byte) []byte {
	out := append([]byte(key), typ, byte(size))
	out = binary.BigEndian.AppendUint16(out, uint16(len(data)/size))
	out = append(out, data...)
	for len(out)%4 != 0 {
		out = append(out, 0)
	}
	return out
}

// goproSegment is a GoPro APP6 segment whose settings stream holds strm.
func goproSegment(strm []byte) []byte {
	devc := gpmfKLV("DVNM", 'c', 1, []byte("Photo Global Settings"))
	devc = append(devc, gpmfKLV("STRM", 0, 1, strm)...)
	return jpegSegment(0xE6, append([]byte("GoPro\x00"), gpmfKLV("DEVC", 0, 1, devc)...))
}

func TestGoPro(t *testing.T) {
	casn := gpmfKLV("CASN", 'c', 1, []byte("C3441325554321\x00"))
	settings := append(gpmfKLV("FMWR", 'c', 1, []byte("HD6.01.01.51.00")), casn...)
	// A CASN whose count says more than the block holds.
	long := append([]byte(nil), casn...)
	binary.BigEndian.PutUint16(long[6:8], 0xFFFF)
	tests := []struct {
		name string
		seg  []byte
		want string
	}{
		{"serial in the settings stream", goproSegment(settings), "C3441325554321"},
		{"no serial", goproSegment(gpmfKLV("FMWR", 'c', 1, []byte("HD6.01.01.51.00"))), ""},
		{"serial not a string", goproSegment(gpmfKLV("CASN", 'L', 4, []byte{0, 0, 0, 1})), ""},
		{"length past the block", goproSegment(long), ""},
		{"too deep", goproSegment(gpmfKLV("DEEP", 0, 1, gpmfKLV("DEEP", 0, 1, casn))), ""},
		{"other app6 segment", jpegSegment(0xE6, append([]byte("Other\x00"), gpmfKLV("DEVC", 0, 1, settings)...)), ""},
		{"empty segment", jpegSegment(0xE6, []byte("GoPro\x00")), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := bytesSource("a.jpg", jpegFile(jpegJFIF, tc.seg, jpegFrame, jpegDHT, jpegSOS, jpegData, jpegEOI))
			var res Result
			Run(context.Background(), []Extractor{NewEXIF()}, src, &res)
			if len(res.Errors) > 0 {
				t.Errorf("errors: %v", res.Errors)
			}
			v, _ := res.Field("gopro:CameraSerialNumber")
			if v != tc.want || res.Tags["body_serial"] != tc.want {
				t.Errorf("gopro:CameraSerialNumber = %q, body_serial = %q, want %q", v, res.Tags["body_serial"], tc.want)
			}
		})
	}
}

// TestGoProCorpus reads the GoPro photo of the shared corpus.
func TestGoProCorpus(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "corpus", "misc", "exiftool-samples", "GoPro.jpg")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("shared corpus GoPro photo not available at %s: %v", path, err)
	}
	var res Result
	Run(context.Background(), []Extractor{NewEXIF()}, bytesSource("GoPro.jpg", data), &res)
	if v, _ := res.Field("gopro:CameraSerialNumber"); v != "C3221324657219" {
		t.Errorf("gopro:CameraSerialNumber = %q, want C3221324657219 (exiftool's [GoPro] CameraSerialNumber)", v)
	}
}
