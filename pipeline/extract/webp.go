package extract

import (
	"encoding/binary"
	"fmt"

	"github.com/consignhq/consign/pipeline/extract/bmff"
)

// maxWebPChunks bounds the RIFF walk; an animated WebP has one ANMF chunk
// per frame, so allow many.
const maxWebPChunks = 1 << 16

// scanWebP walks the RIFF chunks of a WebP file and notes the EXIF and
// XMP chunks and the canvas size.
func scanWebP(src *Source, b *imageBlocks) error {
	var riff [12]byte
	if err := bmff.ReadFull(src.R, riff[:], 0); err != nil {
		return fmt.Errorf("read riff header: %w", err)
	}
	end := min(8+int64(binary.LittleEndian.Uint32(riff[4:8])), src.Size)
	pos := int64(12)
	var hdr [8]byte
	for i := 0; i < maxWebPChunks && pos+8 <= end; i++ {
		if err := bmff.ReadFull(src.R, hdr[:], pos); err != nil {
			return fmt.Errorf("read webp chunk header at offset %d: %w", pos, err)
		}
		fourcc := string(hdr[:4])
		n := int64(binary.LittleEndian.Uint32(hdr[4:]))
		body := pos + 8
		if body+n > end {
			return fmt.Errorf("webp chunk %q at offset %d has bad length %d", fourcc, pos, n)
		}
		switch fourcc {
		case "EXIF":
			b.exif = append(b.exif, pngExifSection(src, body, n))
		case "XMP ":
			b.xmp = append(b.xmp, fileSection(body, n))
		case "VP8X", "VP8 ", "VP8L":
			if b.width == 0 {
				noteWebPSize(src, b, fourcc, body, n)
			}
		}
		pos = body + n + n%2
	}
	return nil
}

// noteWebPSize reads the canvas size of an extended file, or the frame
// size of a simple lossy or lossless one.
func noteWebPSize(src *Source, b *imageBlocks, fourcc string, body, n int64) {
	var p [10]byte
	if n < int64(len(p)) || bmff.ReadFull(src.R, p[:], body) != nil {
		return
	}
	switch fourcc {
	case "VP8X":
		b.width = 1 + int(uint32(p[4])|uint32(p[5])<<8|uint32(p[6])<<16)
		b.height = 1 + int(uint32(p[7])|uint32(p[8])<<8|uint32(p[9])<<16)
	case "VP8 ":
		if p[3] == 0x9d && p[4] == 0x01 && p[5] == 0x2a {
			b.width = int(binary.LittleEndian.Uint16(p[6:8]) & 0x3fff)
			b.height = int(binary.LittleEndian.Uint16(p[8:10]) & 0x3fff)
		}
	case "VP8L":
		if p[0] == 0x2f {
			v := binary.LittleEndian.Uint32(p[1:5])
			b.width = 1 + int(v&0x3fff)
			b.height = 1 + int((v>>14)&0x3fff)
		}
	}
}
