package redact

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
)

// addSample seeds f with one of the sample files pipeline/extract keeps
// (made for consign: photos with GPS, serial numbers and an owner, audio
// and video with tags), passed through trim to drop the image or media
// data a redaction never reads, so that the fuzzer spends its time on the
// metadata.
func addSample(f *testing.F, name string, trim func([]byte) []byte) {
	b, err := os.ReadFile(filepath.Join("..", "..", "pipeline", "extract", "testdata", "samples", name))
	if err != nil {
		f.Fatal(err)
	}
	if trim != nil {
		b = trim(b)
	}
	f.Add(b)
}

// withoutIDAT drops a PNG file's image data chunks.
func withoutIDAT(b []byte) []byte {
	out := append([]byte{}, b[:min(len(b), 8)]...)
	for off := 8; off+12 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[off:]))
		end := off + 12 + n
		if n < 0 || end > len(b) {
			break
		}
		if string(b[off+4:off+8]) != "IDAT" {
			out = append(out, b[off:end]...)
		}
		off = end
	}
	return out
}

// emptyMdat empties an ISO BMFF file's top-level mdat boxes.
func emptyMdat(b []byte) []byte {
	var out []byte
	for off := 0; off+8 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[off:]))
		if n < 8 || off+n > len(b) {
			break
		}
		if string(b[off+4:off+8]) == "mdat" {
			out = append(out, 0, 0, 0, 8, 'm', 'd', 'a', 't')
		} else {
			out = append(out, b[off:off+n]...)
		}
		off += n
	}
	return out
}
