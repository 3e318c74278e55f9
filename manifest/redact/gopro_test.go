package redact

import (
	"bytes"
	"encoding/binary"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestJPEGGoPro checks GoPro's APP6 segment, which repeats the camera's
// serial number outside EXIF: it goes with the serials, and only then.
func TestJPEGGoPro(t *testing.T) {
	file := jpegFile(t, app1("Exif\x00\x00", cameraTIFF(binary.LittleEndian)), goproAPP6())
	// The extractors read the serial from the GoPro segment alone.
	mustLeak(t, "photo.jpg", jpegFile(t, goproAPP6()), Strip{Serials: true})
	tests := []struct {
		name  string
		strip Strip
		gone  bool
	}{
		{"serials", Strip{Serials: true}, true},
		{"all", all, true},
		{"gps only", Strip{GPS: true}, false},
		{"owner only", Strip{Owner: true}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, rep := redactBytes(t, file, "image/jpeg", tc.strip)
			if len(out) != len(file) {
				t.Fatalf("length %d, want %d", len(out), len(file))
			}
			if got := bytes.Contains(out, []byte(goproSerial)); got == tc.gone {
				t.Errorf("serial in the copy: %v, report %q", got, rep.Applied)
			}
			if got := slices.Contains(rep.Applied, "gopro:GPMF cleared"); got != tc.gone {
				t.Errorf("report %q", rep.Applied)
			}
			if tc.gone && bytes.Contains(out, []byte("GoPro\x00")) {
				t.Error("the copy still has a GoPro segment")
			}
			sos := bytes.Index(file, []byte{0xFF, 0xDA})
			if !bytes.Equal(out[sos:], file[sos:]) {
				t.Error("image data from the start of scan on changed")
			}
			samePixels(t, file, out)
			checkRedacted(t, "photo.jpg", out, tc.strip)
		})
	}
}

// TestJPEGGoProCorpus redacts the GoPro photo of the shared corpus.
func TestJPEGGoProCorpus(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "corpus", "misc", "exiftool-samples", "GoPro.jpg")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("shared corpus GoPro photo not available at %s: %v", path, err)
	}
	const serial = "C3221324657219"
	if !bytes.Contains(data, []byte("GoPro\x00DEVC")) || !bytes.Contains(data, []byte(serial)) {
		t.Fatalf("%s has no GoPro segment with serial %s", path, serial)
	}
	mustLeak(t, "GoPro.jpg", data, Strip{Serials: true})
	out, rep := redactBytes(t, data, "image/jpeg", Strip{Serials: true})
	checkRedacted(t, "GoPro.jpg", out, Strip{Serials: true})
	if bytes.Contains(out, []byte(serial)) {
		t.Errorf("serial %s still in the copy after %q", serial, rep.Applied)
	}
	if _, err := jpeg.Decode(bytes.NewReader(out)); err != nil {
		t.Errorf("redacted copy does not decode: %v", err)
	}
	samePixels(t, data, out)
}
