package redact

import (
	"bytes"
	"encoding/binary"
	"slices"
	"testing"
)

// oddEXIF is an EXIF chunk body with the JPEG prefix some writers keep,
// one byte longer than its TIFF block when that makes its length odd, so
// that the RIFF padding byte is exercised.
func oddEXIF() []byte {
	b := append([]byte("Exif\x00\x00"), cameraTIFF(binary.BigEndian)...)
	if len(b)%2 == 0 {
		b = append(b, 0)
	}
	return b
}

func TestWebP(t *testing.T) {
	tests := []struct {
		name   string
		chunks [][]byte
		want   []string
	}{
		{"exif and xmp", [][]byte{riffChunk("EXIF", cameraTIFF(binary.LittleEndian)), riffChunk("XMP ", []byte(xmpPacket))},
			[]string{"exif:GPS removed", "xmp:aux:SerialNumber removed"}},
		{"exif with its jpeg prefix, odd length", [][]byte{riffChunk("EXIF", oddEXIF())},
			[]string{"exif:GPS removed", "exif:CameraOwnerName removed"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := webpFile(tc.chunks...)
			mustLeak(t, "photo.webp", file, all)
			out, rep := redactBytes(t, file, "image/webp", all)
			if len(out) != len(file) || !bytes.Equal(out[:40], file[:40]) {
				t.Errorf("header or length changed")
			}
			for _, w := range tc.want {
				if !slices.Contains(rep.Applied, w) {
					t.Errorf("report %q lacks %q", rep.Applied, w)
				}
			}
			checkRedacted(t, "photo.webp", out, all)
		})
	}
}
