package extract

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/consignhq/consign/pipeline/extract/bmff"
)

// jpegDataChunk is how much of the entropy-coded data checkJPEGData reads
// at a time.
const jpegDataChunk = 64 << 10

// checkJPEGData follows a JPEG from its first start-of-scan marker at scan
// to its end-of-image marker: through each scan's entropy-coded data to
// the marker after it, and through the segments between scans (tables
// and further scans of a progressive image). It reports a file that ends
// before its end-of-image marker, a segment that runs past the end of the
// file, and bytes between segments that are no marker. Data after the
// end-of-image marker (a trailer, a second image, a motion photo's video)
// is not the image's and is left alone.
//
// Most JPEG files end with their end-of-image marker; those are taken as
// whole without reading their image data a second time (the pipeline has
// just read it once for the hash). Only a file that ends otherwise, cut
// short or carrying a trailer, is followed marker by marker.
func checkJPEGData(src *Source, scan int64) error {
	var hdr [4]byte
	if src.Size >= scan+2 && bmff.ReadFull(src.R, hdr[:2], src.Size-2) == nil && hdr[0] == 0xFF && hdr[1] == 0xD9 {
		return nil
	}
	buf := make([]byte, jpegDataChunk)
	pos := scan
	for i := 0; i < maxJPEGSegments; i++ {
		if err := bmff.ReadFull(src.R, hdr[:2], pos); err != nil {
			return fmt.Errorf("jpeg ends at offset %d, before its end-of-image marker: %w", pos, err)
		}
		if hdr[0] != 0xFF {
			return fmt.Errorf("jpeg marker expected at offset %d, found %#x", pos, hdr[0])
		}
		marker := hdr[1]
		switch {
		case marker == 0xFF:
			pos++
			continue
		case marker == 0xD9:
			return nil
		case marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7):
			pos += 2
			continue
		}
		if err := bmff.ReadFull(src.R, hdr[2:4], pos+2); err != nil {
			return fmt.Errorf("jpeg ends inside the length of segment %#x at offset %d: %w", marker, pos, err)
		}
		segLen := int64(binary.BigEndian.Uint16(hdr[2:4]))
		if segLen < 2 || pos+2+segLen > src.Size {
			return fmt.Errorf("jpeg segment %#x at offset %d has length %d, past the end of the file at %d", marker, pos, segLen, src.Size)
		}
		pos += 2 + segLen
		if marker != 0xDA {
			continue
		}
		next, err := skipEntropyData(src, buf, pos)
		if err != nil {
			return fmt.Errorf("jpeg scan at offset %d: %w", pos, err)
		}
		pos = next
	}
	return fmt.Errorf("jpeg has more than %d segments after its first scan", maxJPEGSegments)
}

// skipEntropyData returns the offset of the first marker after the
// entropy-coded data starting at pos. Inside that data 0xFF is followed
// by 0x00 (a stuffed byte), by a restart marker, or by more 0xFF fill.
func skipEntropyData(src *Source, buf []byte, pos int64) (int64, error) {
	for pos < src.Size {
		n := int(min(int64(len(buf)), src.Size-pos))
		if err := bmff.ReadFull(src.R, buf[:n], pos); err != nil {
			return 0, fmt.Errorf("read scan data at offset %d: %w", pos, err)
		}
		chunk := buf[:n]
		for i := 0; i < len(chunk); {
			j := bytes.IndexByte(chunk[i:], 0xFF)
			if j < 0 {
				break
			}
			i += j
			if i+1 == len(chunk) {
				if pos+int64(n) == src.Size {
					break // 0xFF as the file's last byte: truncated
				}
				// The byte after 0xFF is in the next chunk: read on from
				// the 0xFF itself.
				n = i
				break
			}
			switch c := chunk[i+1]; {
			case c == 0x00 || (c >= 0xD0 && c <= 0xD7):
				i += 2
			case c == 0xFF:
				i++
			default:
				return pos + int64(i), nil
			}
		}
		pos += int64(n)
	}
	return 0, fmt.Errorf("entropy-coded data runs to the end of the file at offset %d without an end-of-image marker: the image is truncated", src.Size)
}
