package redact

import (
	"bytes"
	"encoding/binary"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/consignhq/consign/pipeline/extract/goprotest"
)

// goproSecrets are the identifying byte strings of goprotest.Hero6: the
// camera and lens serials, the serial hash, and the hash as GPMF's MUID
// holds it (little-endian words written big-endian).
func goproSecrets() [][]byte {
	cam := goprotest.Hero6
	swapped := make([]byte, 0, 16)
	for i := 0; i < 16; i += 4 {
		swapped = binary.BigEndian.AppendUint32(swapped, binary.LittleEndian.Uint32(cam.SerialHash[i:]))
	}
	return [][]byte{[]byte(cam.Serial), []byte(cam.Lens), cam.SerialHash[:], swapped}
}

// goproLeft lists the secrets of goproSecrets that out still holds.
func goproLeft(out []byte) []string {
	var left []string
	for _, s := range goproSecrets() {
		if bytes.Contains(out, s) {
			left = append(left, string(s))
		}
	}
	return left
}

// serialStrips are the redactions a GoPro test runs, and whether each
// takes the camera's serials (gone).
var serialStrips = []struct {
	name  string
	strip Strip
	gone  bool
}{
	{"serials", Strip{Serials: true}, true},
	{"all", all, true},
	{"gps only", Strip{GPS: true}, false},
	{"owner only", Strip{Owner: true}, false},
}

// TestJPEGGoPro checks GoPro's APP6 segment, which repeats the camera's
// and the lens's serial numbers outside EXIF: it goes with the serials,
// and only then.
func TestJPEGGoPro(t *testing.T) {
	file := jpegFile(t, app1("Exif\x00\x00", cameraTIFF(binary.LittleEndian)), goproAPP6())
	// The extractors read the serials from the GoPro segment alone.
	mustLeak(t, "photo.jpg", jpegFile(t, goproAPP6()), Strip{Serials: true})
	for _, tc := range serialStrips {
		t.Run(tc.name, func(t *testing.T) {
			out, rep := redactBytes(t, file, "image/jpeg", tc.strip)
			if len(out) != len(file) {
				t.Fatalf("length %d, want %d", len(out), len(file))
			}
			if left := goproLeft(out); tc.gone != (len(left) == 0) {
				t.Errorf("left in the copy: %q, report %q", left, rep.Applied)
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

// TestMP4GoPro checks the user-data atoms of GoPro's movies that identify
// the camera: they go with the serials, and only then, as free boxes of
// their size; the rest of the movie stays byte for byte.
func TestMP4GoPro(t *testing.T) {
	file := goproMovie()
	mustLeak(t, "GX010044.MP4", file, Strip{Serials: true})
	removed := []string{"mp4:LENS removed", "mp4:CAME removed", "mp4:MUID removed", "mp4:GPMF removed"}
	for _, tc := range serialStrips {
		t.Run(tc.name, func(t *testing.T) {
			out, rep := redactBytes(t, file, "video/mp4", tc.strip)
			if !tc.gone {
				if !bytes.Equal(out, file) || len(rep.Applied) > 0 {
					t.Errorf("the movie changed: report %q", rep.Applied)
				}
				return
			}
			if len(out) != len(file) {
				t.Fatalf("length %d, want %d", len(out), len(file))
			}
			if left := goproLeft(out); len(left) > 0 {
				t.Errorf("left in the copy: %q, report %q", left, rep.Applied)
			}
			if !slices.Equal(rep.Applied, removed) {
				t.Errorf("report %q, want %q", rep.Applied, removed)
			}
			// Firmware, settings, highlights and the other atoms stay.
			for _, keep := range []string{"FIRM" + goprotest.Hero6.Firmware, "SETT", "HMMT", "BCID", "GUMI", "MEDIA"} {
				if !bytes.Contains(out, []byte(keep)) {
					t.Errorf("%q is gone from the copy", keep)
				}
			}
			checkRedacted(t, "GX010044.MP4", out, tc.strip)
			if _, err := Metadata(&bytes.Buffer{}, bytes.NewReader(out), int64(len(out)), "video/mp4", all); err != nil {
				t.Errorf("the redacted copy no longer walks: %v", err)
			}
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
	// exiftool -G1 -a -u: [GoPro] CameraSerialNumber, GoPro_LINF and
	// GoPro_CINF (the serial hash, which MUID repeats).
	secrets := []string{"C3221324657219", "LAJ7061317601275", "\x3c\x31\x1b\x49\x16\x14\x9d\xa8\xe1\xfc\x56\xa5\x5a\x7e\xcc\xd0"}
	for _, s := range secrets {
		if !bytes.Contains(data, []byte(s)) {
			t.Fatalf("%s does not hold %q", path, s)
		}
	}
	mustLeak(t, "GoPro.jpg", data, Strip{Serials: true})
	out, rep := redactBytes(t, data, "image/jpeg", Strip{Serials: true})
	checkRedacted(t, "GoPro.jpg", out, Strip{Serials: true})
	for _, s := range secrets {
		if bytes.Contains(out, []byte(s)) {
			t.Errorf("%q still in the copy after %q", s, rep.Applied)
		}
	}
	if _, err := jpeg.Decode(bytes.NewReader(out)); err != nil {
		t.Errorf("redacted copy does not decode: %v", err)
	}
	samePixels(t, data, out)
}
