package extract

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/consignhq/consign/pipeline/extract/bmff"
)

// Signatures that open the APPn segments carrying metadata.
var (
	jpegExifSig      = []byte("Exif\x00\x00")
	jpegXMPSig       = []byte("http://ns.adobe.com/xap/1.0/\x00")
	jpegPhotoshopSig = []byte("Photoshop 3.0\x00")
	// An XMP packet over a segment's 64 KiB continues in segments of its
	// own: this, a 32-character GUID, the packet's length and the
	// piece's offset (4 bytes each), then the piece.
	jpegExtXMPSig = []byte("http://ns.adobe.com/xmp/extension/\x00")
)

// maxJPEGSegments bounds the walk: real files have a few dozen segments
// before the scan data.
const maxJPEGSegments = 4096

// scanJPEG walks the marker segments of a JPEG file up to the start of
// scan (the metadata always precedes the entropy-coded data) and notes
// the EXIF, XMP, Photoshop and GoPro segments and the frame size.
func scanJPEG(src *Source, b *imageBlocks) error {
	pos := int64(2)
	var hdr [4]byte
	var sig [80]byte
	for i := 0; i < maxJPEGSegments; i++ {
		if err := bmff.ReadFull(src.R, hdr[:2], pos); err != nil {
			return fmt.Errorf("read jpeg marker at offset %d: %w", pos, err)
		}
		if hdr[0] != 0xFF {
			return fmt.Errorf("jpeg marker expected at offset %d, found %#x", pos, hdr[0])
		}
		marker := hdr[1]
		switch {
		case marker == 0xFF: // fill byte before a marker
			pos++
			continue
		case marker == 0xD9: // end of image: tables only, no scan to check
			return nil
		case marker == 0xDA: // start of scan: the metadata is behind us
			b.scan = pos
			return nil
		case marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7): // no length
			pos += 2
			continue
		}
		if err := bmff.ReadFull(src.R, hdr[2:4], pos+2); err != nil {
			return fmt.Errorf("read jpeg segment length at offset %d: %w", pos+2, err)
		}
		segLen := int64(binary.BigEndian.Uint16(hdr[2:4]))
		if segLen < 2 || pos+2+segLen > src.Size {
			return fmt.Errorf("jpeg segment %#x at offset %d has bad length %d", marker, pos, segLen)
		}
		body, n := pos+4, segLen-2
		s := sig[:min(n, int64(len(sig)))]
		if err := bmff.ReadFull(src.R, s, body); err != nil {
			return fmt.Errorf("read jpeg segment at offset %d: %w", body, err)
		}
		noteJPEGSegment(b, marker, s, body, n)
		if marker == 0xE1 && bytes.HasPrefix(s, jpegExtXMPSig) {
			b.ext.add(s[len(jpegExtXMPSig):], body+int64(len(jpegExtXMPSig)), n-int64(len(jpegExtXMPSig)))
		}
		if marker == 0xE1 && damagedEXIFIdentifier(s) {
			b.problems = append(b.problems, fmt.Errorf("jpeg app1 segment at offset %d: exif identifier %q is damaged, its exif block is not read", pos, s[:len(jpegExifSig)]))
		}
		pos += 2 + segLen
	}
	return fmt.Errorf("jpeg has more than %d segments before the scan", maxJPEGSegments)
}

// noteJPEGSegment records the segment of n bytes at body whose first
// bytes are s.
func noteJPEGSegment(b *imageBlocks, marker byte, s []byte, body, n int64) {
	switch {
	case marker == 0xE1 && bytes.HasPrefix(s, jpegExifSig):
		k := int64(len(jpegExifSig))
		b.exif = append(b.exif, fileSection(body+k, n-k))
	case marker == 0xE1 && bytes.HasPrefix(s, jpegXMPSig):
		k := int64(len(jpegXMPSig))
		b.xmp = append(b.xmp, fileSection(body+k, n-k))
	case marker == 0xED && bytes.HasPrefix(s, jpegPhotoshopSig):
		k := int64(len(jpegPhotoshopSig))
		b.psir = append(b.psir, fileSection(body+k, n-k))
	case marker == 0xE6 && bytes.HasPrefix(s, jpegGoProSig):
		k := int64(len(jpegGoProSig))
		b.gopro = append(b.gopro, fileSection(body+k, n-k))
	case isJPEGFrame(marker) && len(s) >= 5 && b.width == 0:
		b.height = int(binary.BigEndian.Uint16(s[1:3]))
		b.width = int(binary.BigEndian.Uint16(s[3:5]))
	}
}

// damagedEXIFIdentifier reports whether an APP1 segment beginning with s
// is EXIF whose "Exif\0\0" identifier was damaged: it names EXIF but not
// exactly, or a TIFF header sits where EXIF's would.
func damagedEXIFIdentifier(s []byte) bool {
	if bytes.HasPrefix(s, jpegExifSig) || bytes.HasPrefix(s, jpegXMPSig) {
		return false
	}
	k := len(jpegExifSig)
	if bytes.HasPrefix(s, jpegExifSig[:4]) {
		return true
	}
	return len(s) >= k+4 && isTIFFHeader(s[k:k+4])
}

func isTIFFHeader(b []byte) bool {
	return bytes.Equal(b, []byte("II*\x00")) || bytes.Equal(b, []byte("MM\x00*"))
}

// isJPEGFrame reports whether marker starts a frame (SOF0-SOF15 except
// DHT, JPG and DAC, which share the range).
func isJPEGFrame(m byte) bool {
	return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC
}
