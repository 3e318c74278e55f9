package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/detectors/pii"
	"github.com/consignhq/consign/pipeline/extract/goprotest"
)

// goproSegment is a GoPro APP6 segment whose settings stream holds strm.
func goproSegment(strm []byte) []byte {
	return jpegSegment(0xE6, goprotest.APP6(strm))
}

func TestGoPro(t *testing.T) {
	cam := goprotest.Hero6
	casn := goprotest.KLV("CASN", 'c', 1, []byte(cam.Serial+"\x00"))
	// A CASN whose count says more than the block holds.
	long := append([]byte(nil), casn...)
	binary.BigEndian.PutUint16(long[6:8], 0xFFFF)
	fmwr := goprotest.KLV("FMWR", 'c', 1, []byte(cam.Firmware))
	tests := []struct {
		name       string
		seg        []byte
		body, lens string
	}{
		{"camera settings", goproSegment(cam.Settings()), cam.Serial, cam.Lens},
		{"serial alone", goproSegment(append(fmwr, casn...)), cam.Serial, ""},
		{"no serial", goproSegment(fmwr), "", ""},
		{"serial not a string", goproSegment(goprotest.KLV("CASN", 'L', 4, []byte{0, 0, 0, 1})), "", ""},
		{"length past the block", goproSegment(long), "", ""},
		{"too deep", goproSegment(goprotest.KLV("DEEP", 0, 1, goprotest.KLV("DEEP", 0, 1, casn))), "", ""},
		{"other app6 segment", jpegSegment(0xE6, append([]byte("Other\x00"), goprotest.Device("Photo Global Settings", cam.Settings())...)), "", ""},
		{"empty segment", jpegSegment(0xE6, []byte("GoPro\x00")), "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := bytesSource("a.jpg", jpegFile(jpegJFIF, tc.seg, jpegFrame, jpegDHT, jpegSOS, jpegData, jpegEOI))
			var res Result
			Run(context.Background(), []Extractor{NewEXIF()}, src, &res)
			if len(res.Errors) > 0 {
				t.Errorf("errors: %v", res.Errors)
			}
			checkGoPro(t, &res, tc.body, tc.lens, "")
		})
	}
}

// checkGoPro compares the GoPro fields and serial tags of res with the
// values wanted ("" for none).
func checkGoPro(t *testing.T, res *Result, body, lens, hash string) {
	t.Helper()
	for _, c := range []struct{ field, tag, want string }{
		{"gopro:CameraSerialNumber", "body_serial", body},
		{"gopro:LensSerialNumber", "lens_serial", lens},
		{"gopro:SerialNumberHash", "", hash},
	} {
		var got []string
		for _, f := range res.Fields {
			if f.Name == c.field {
				got = append(got, f.Value)
			}
		}
		if (c.want == "" && len(got) > 0) || (c.want != "" && (len(got) != 1 || got[0] != c.want)) {
			t.Errorf("%s = %q, want %q once", c.field, got, c.want)
		}
		if c.tag != "" && res.Tags[c.tag] != c.want {
			t.Errorf("tag %s = %q, want %q", c.tag, res.Tags[c.tag], c.want)
		}
	}
}

// goproMovie is a GoPro movie whose moov/udta is udta.
func goproMovie(udta []byte) []byte {
	ftyp := bx("ftyp", []byte("mp41"), be32(0x20131018), []byte("mp41"))
	moov := bx("moov", mvhd1(3737644847, 30000, 356400), bx("trak", tkhd0(5312, 2988)), udta)
	return bytes.Join([][]byte{ftyp, bx("mdat", make([]byte, 64)), moov}, nil)
}

func TestGoProMovie(t *testing.T) {
	cam := goprotest.Hero6
	hash := "3c311b4916149da8e1fc56a55a7eccd0"
	// A GPMF box over the read limit, and one whose entry overruns it.
	big := bx("GPMF", goprotest.KLV("DEVC", 0, 1, cam.Settings()), make([]byte, maxItemRead))
	bad := goprotest.KLV("DEVC", 0, 1, cam.Settings())
	binary.BigEndian.PutUint16(bad[6:8], 0xFFFF)
	tests := []struct {
		name             string
		udta             []byte
		body, lens, hash string
	}{
		{"hero user data", cam.UserData(), cam.Serial, cam.Lens, hash},
		{"lens atom alone", bx("udta", bx("LENS", []byte(cam.Lens), make([]byte, 48))), "", cam.Lens, ""},
		{"gpmf alone", bx("udta", bx("GPMF", goprotest.KLV("DEVC", 0, 1, cam.Settings()))), cam.Serial, cam.Lens, ""},
		{"hash of zeros", bx("udta", bx("CAME", make([]byte, 16))), "", "", ""},
		{"hash of another length", bx("udta", bx("CAME", []byte(hash))), "", "", ""},
		{"gpmf over the limit", bx("udta", big), "", "", ""},
		{"gpmf past its box", bx("udta", bx("GPMF", bad)), "", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := runMP4(t, "GX010044.MP4", goproMovie(tc.udta))
			if len(res.Errors) > 0 {
				t.Errorf("errors: %v", res.Errors)
			}
			checkGoPro(t, res, tc.body, tc.lens, tc.hash)
		})
	}
}

// TestGoProFindings checks that the GoPro fields reach the device serial
// detector, each value once, in a photo and in a movie.
func TestGoProFindings(t *testing.T) {
	cam := goprotest.Hero6
	hash := "3c311b4916149da8e1fc56a55a7eccd0"
	tests := []struct {
		name string
		file []byte
		want []string
	}{
		{"GOPR0482.JPG", jpegFile(jpegJFIF, goproSegment(cam.Settings()), jpegFrame, jpegDHT, jpegSOS, jpegData, jpegEOI),
			[]string{"gopro:CameraSerialNumber=" + cam.Serial, "gopro:LensSerialNumber=" + cam.Lens}},
		{"GX010044.MP4", goproMovie(cam.UserData()),
			[]string{"gopro:LensSerialNumber=" + cam.Lens, "gopro:SerialNumberHash=" + hash, "gopro:CameraSerialNumber=" + cam.Serial}},
	}
	serial := pii.NewDeviceSerial(detectors.Config{})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var res Result
			src := bytesSource(tc.name, tc.file)
			Run(context.Background(), Default(), src, &res)
			item := &detectors.Item{Path: tc.name, MediaType: src.MediaType, Kind: src.Kind}
			for _, f := range res.Fields {
				item.Fields = append(item.Fields, detectors.Field{Name: f.Name, Value: f.Value})
			}
			fs, err := serial.Detect(context.Background(), item)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fs {
				got = append(got, f.Location.Field+"="+f.Value)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("device_serial findings %q, want %q", got, tc.want)
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
	// exiftool -G1 -a -u: [GoPro] CameraSerialNumber and GoPro_LINF.
	checkGoPro(t, &res, "C3221324657219", "LAJ7061317601275", "")
}
