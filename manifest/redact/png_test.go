package redact

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"slices"
	"strings"
	"testing"
)

// rawProfile encodes p the way ImageMagick writes a "Raw profile type"
// text chunk: name, length, then hex wrapped at 72 digits.
func rawProfile(name string, p []byte) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "\n%s\n%8d\n", name, len(p))
	h := hex.EncodeToString(p)
	for len(h) > 0 {
		n := min(len(h), 72)
		b.WriteString(h[:n] + "\n")
		h = h[n:]
	}
	return []byte(b.String())
}

func zlibBytes(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func itxt(keyword string, compressed bool, text []byte) []byte {
	d := append([]byte(keyword), 0)
	if compressed {
		d = append(d, 1, 0, 0, 0)
	} else {
		d = append(d, 0, 0, 0, 0)
	}
	return pngChunk("iTXt", append(d, text...))
}

func TestPNG(t *testing.T) {
	le, be := cameraTIFF(binary.LittleEndian), cameraTIFF(binary.BigEndian)
	exifProfile := append([]byte("Exif\x00\x00"), be...)
	tests := []struct {
		name     string
		chunks   [][]byte
		sameSize bool
		want     []string
	}{
		{"exif and xmp", [][]byte{pngChunk("eXIf", le), itxt("XML:com.adobe.xmp", false, []byte(xmpPacket))}, true,
			[]string{"exif:GPS removed", "xmp:exif:GPSLatitude removed", "exif:MakerNote cleared"}},
		{"exif with its jpeg prefix", [][]byte{pngChunk("eXIf", exifProfile)}, true, []string{"exif:GPS removed"}},
		{"compressed xmp", [][]byte{itxt("XML:com.adobe.xmp", true, zlibBytes(t, []byte(xmpPacket)))}, false,
			[]string{"xmp:aux:OwnerName removed"}},
		{"raw exif profile in zTXt", [][]byte{pngChunk("zTXt", append([]byte("Raw profile type exif\x00\x00"), zlibBytes(t, rawProfile("exif", exifProfile))...))}, false,
			[]string{"exif:GPS removed", "exif:BodySerialNumber removed"}},
		{"raw xmp profile in tEXt", [][]byte{pngChunk("tEXt", append([]byte("Raw profile type xmp\x00"), rawProfile("xmp", []byte(xmpPacket))...))}, true,
			[]string{"xmp:exif:GPSLongitude removed"}},
		{"xmp in a comment chunk", [][]byte{pngChunk("tEXt", append([]byte("Comment\x00"), xmpPacket...))}, true,
			[]string{"xmp:aux:SerialNumber removed"}},
		{"raw exif profile in tEXt", [][]byte{pngChunk("tEXt", append([]byte("Raw profile type APP1\x00"), rawProfile("APP1", exifProfile)...))}, true,
			[]string{"exif:LensSerialNumber removed"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			file := pngFile(t, tc.chunks...)
			mustLeak(t, "scan.png", file, all)
			out, rep := redactBytes(t, file, "image/png", all)
			if tc.sameSize && len(out) != len(file) {
				t.Errorf("length %d, want %d", len(out), len(file))
			}
			for _, w := range tc.want {
				if !slices.Contains(rep.Applied, w) {
					t.Errorf("report %q lacks %q", rep.Applied, w)
				}
			}
			checkPNGChunks(t, out)
			samePixels(t, file, out)
			checkRedacted(t, "scan.png", out, all)
		})
	}
}

// checkPNGChunks walks every chunk of a PNG and checks its CRC.
func checkPNGChunks(t *testing.T, b []byte) {
	t.Helper()
	for pos := 8; pos < len(b); {
		if pos+12 > len(b) {
			t.Fatalf("truncated chunk at %d", pos)
		}
		n := int(binary.BigEndian.Uint32(b[pos:]))
		if pos+12+n > len(b) {
			t.Fatalf("chunk at %d runs past the file", pos)
		}
		if crc32.ChecksumIEEE(b[pos+4:pos+8+n]) != binary.BigEndian.Uint32(b[pos+8+n:]) {
			t.Errorf("chunk %q at %d has a bad crc", b[pos+4:pos+8], pos)
		}
		pos += 12 + n
	}
}
