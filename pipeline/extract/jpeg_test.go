package extract

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// jpegSegment builds a marker segment with its length.
func jpegSegment(marker byte, body []byte) []byte {
	n := len(body) + 2
	return append([]byte{0xFF, marker, byte(n >> 8), byte(n)}, body...)
}

// jpegFile joins SOI, the parts and EOI.
func jpegFile(parts ...[]byte) []byte {
	out := []byte{0xFF, 0xD8}
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

var (
	jpegEOI   = []byte{0xFF, 0xD9}
	jpegJFIF  = jpegSegment(0xE0, []byte("JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"))
	jpegFrame = jpegSegment(0xC0, []byte{8, 0, 16, 0, 16, 1, 1, 0x11, 0})
	jpegDHT   = jpegSegment(0xC4, bytes.Repeat([]byte{0}, 17))
	jpegSOS   = jpegSegment(0xDA, []byte{1, 1, 0, 0, 63, 0})
	// jpegData is entropy-coded data with a stuffed 0xFF, a restart marker
	// and fill bytes before the next marker.
	jpegData = []byte{0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xFF}
)

func jpegProblems(t *testing.T, data []byte) string {
	t.Helper()
	src := bytesSource("a.jpg", data)
	var res Result
	Run(context.Background(), []Extractor{NewEXIF()}, src, &res)
	var msgs []string
	for _, err := range res.Errors {
		msgs = append(msgs, err.Error())
	}
	return strings.Join(msgs, "; ")
}

func TestJPEGStructure(t *testing.T) {
	// Long scans whose 0xFF 0x00 pair, or whose end-of-image marker,
	// straddles checkJPEGData's chunks.
	long := append(bytes.Repeat([]byte{0x11}, jpegDataChunk-1), 0xFF, 0x00, 0x22)
	longEnd := bytes.Repeat([]byte{0x11}, jpegDataChunk-1)
	tiff := []byte("MM\x00*\x00\x00\x00\x08\x00\x00")
	tests := []struct {
		name string
		data []byte
		want string // a piece of the error; "" for none
	}{
		{"baseline", jpegFile(jpegJFIF, jpegFrame, jpegDHT, jpegSOS, jpegData, jpegEOI), ""},
		{"progressive scans", jpegFile(jpegJFIF, jpegFrame, jpegSOS, jpegData, jpegDHT, jpegSOS, jpegData, jpegEOI), ""},
		{"scan across chunks", jpegFile(jpegJFIF, jpegFrame, jpegSOS, long, jpegEOI), ""},
		{"end of image across chunks", jpegFile(jpegJFIF, jpegFrame, jpegSOS, longEnd, jpegEOI), ""},
		{"truncated across chunks", jpegFile(jpegJFIF, jpegFrame, jpegSOS, longEnd, []byte{0xFF}), "without an end-of-image marker"},
		{"tables only", jpegFile(jpegDHT, jpegEOI), ""},
		{"exif", jpegFile(jpegSegment(0xE1, append([]byte("Exif\x00\x00"), tiff...)), jpegSOS, jpegData, jpegEOI), ""},
		{"xmp", jpegFile(jpegSegment(0xE1, append(append([]byte{}, jpegXMPSig...), "<x/>"...)), jpegSOS, jpegData, jpegEOI), ""},
		{"truncated in the scan", jpegFile(jpegJFIF, jpegFrame, jpegSOS, jpegData[:4]), "without an end-of-image marker"},
		{"truncated after 0xFF", jpegFile(jpegJFIF, jpegSOS, []byte{0x12, 0xFF}), "without an end-of-image marker"},
		{"truncated in a segment", jpegFile(jpegSOS, jpegData, jpegDHT[:10]), "past the end of the file"},
		{"truncated after a segment", jpegFile(jpegSOS, jpegData, jpegDHT), "before its end-of-image marker"},
		{"garbage between segments", jpegFile(jpegSOS, jpegData, jpegDHT, []byte{0x42, 0x42}, jpegSOS, jpegData), "marker expected at offset"},
		{"damaged exif identifier", jpegFile(jpegSegment(0xE1, append([]byte("Exif\x01\x00"), tiff...)), jpegSOS, jpegData, jpegEOI), `exif identifier "Exif\x01\x00" is damaged`},
		{"tiff behind another identifier", jpegFile(jpegSegment(0xE1, append([]byte("Ex\xffi\x00\x00"), tiff...)), jpegSOS, jpegData, jpegEOI), "is damaged"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := jpegProblems(t, tt.data)
			if tt.want == "" && got != "" {
				t.Fatalf("errors %q, want none", got)
			}
			if !strings.Contains(got, tt.want) {
				t.Fatalf("errors %q, want one with %q", got, tt.want)
			}
			// A trailer after the image makes the check follow every
			// marker instead of trusting the file's last two bytes.
			if tt.want == "" {
				withTrailer := append(bytes.Clone(tt.data), "MPF trailer"...)
				if got := jpegProblems(t, withTrailer); got != "" {
					t.Fatalf("with a trailer: errors %q, want none", got)
				}
			}
		})
	}
}

// TestJPEGCrashers names the damage in the crashers whose segments all
// parse: a broken EXIF identifier, and an image cut off in its scan.
func TestJPEGCrashers(t *testing.T) {
	tests := map[string]string{
		"goexif3-1003.bin": `jpeg app1 segment at offset 20: exif identifier "Exif\x01\x00" is damaged`,
		"goexif3-1758.bin": `jpeg app1 segment at offset 20: exif identifier "Ex\xfff\x00\x00" is damaged`,
		"goexif3-1306.bin": "jpeg scan at offset 4062: entropy-coded data runs to the end of the file at offset 9355",
	}
	for name, want := range tests {
		t.Run(name, func(t *testing.T) {
			src := openSource(t, "testdata/crashers/"+name)
			var res Result
			Run(context.Background(), []Extractor{NewEXIF()}, src, &res)
			var msgs []string
			for _, err := range res.Errors {
				msgs = append(msgs, err.Error())
			}
			if got := strings.Join(msgs, "; "); !strings.Contains(got, want) {
				t.Fatalf("errors %q, want one with %q", got, want)
			}
		})
	}
}
