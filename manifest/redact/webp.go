package redact

import (
	"encoding/binary"
	"fmt"
)

// maxWebPChunks bounds the RIFF walk; an animated WebP has one ANMF
// chunk per frame.
const maxWebPChunks = 1 << 16

// redactWebP edits the EXIF and XMP chunks of a WebP file in place. Every
// chunk keeps its length, so neither the chunk sizes nor the RIFF size
// change, and the VP8/VP8L/ANMF data is copied byte for byte.
func redactWebP(j *job) error {
	var riff [12]byte
	if err := readAt(j.r, riff[:], 0); err != nil || string(riff[:4]) != "RIFF" || string(riff[8:12]) != "WEBP" {
		return fmt.Errorf("no webp riff header: %w", ErrUnsupported)
	}
	end := min(8+int64(binary.LittleEndian.Uint32(riff[4:8])), j.size)
	pos := int64(12)
	var hdr [8]byte
	for i := 0; pos+8 <= end; i++ {
		if i >= maxWebPChunks {
			return fmt.Errorf("webp has more than %d chunks", maxWebPChunks)
		}
		if err := readAt(j.r, hdr[:], pos); err != nil {
			return fmt.Errorf("read webp chunk header: %w", err)
		}
		fourcc := string(hdr[:4])
		n := int64(binary.LittleEndian.Uint32(hdr[4:]))
		body := pos + 8
		if body+n > end {
			return fmt.Errorf("webp chunk %q at offset %d has bad length %d", fourcc, pos, n)
		}
		if fourcc == "EXIF" || fourcc == "XMP " {
			data, err := readBlock(j.r, body, n, maxPNGMeta, "webp "+fourcc+" chunk")
			if err != nil {
				return err
			}
			var out []byte
			if fourcc == "XMP " {
				out, err = redactXMP(data, j.strip, &j.rep)
			} else {
				out, err = j.redactProfile(data)
			}
			if err != nil {
				return fmt.Errorf("webp %s chunk at offset %d: %w", fourcc, pos, err)
			}
			if out != nil {
				j.add(patch(body, out))
			}
		}
		pos = body + n + n%2
	}
	return nil
}
