package redact

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// Signatures of the APP1 segments that carry metadata.
var (
	jpegExifSig   = []byte("Exif\x00\x00")
	jpegXMPSig    = []byte("http://ns.adobe.com/xap/1.0/\x00")
	jpegExtXMPSig = []byte("http://ns.adobe.com/xmp/extension/\x00")
	// GoPro cameras write their GPMF metadata to an APP6 segment with
	// this identifier; it repeats the camera's serial number (CASN) and
	// holds the lens's (LINF) and a unique media id.
	jpegGoProSig = []byte("GoPro\x00")
)

// maxJPEGSegments bounds the walk over the segments before the scan.
const maxJPEGSegments = 4096

// redactJPEG edits the EXIF and XMP APP1 segments and GoPro's APP6
// segment of a JPEG in place, and those of the images phones and cameras
// append after it (MPF previews, gain maps), which carry their own EXIF. Segment lengths
// never change, so the MPF offsets stay valid, and the entropy-coded
// image data is copied byte for byte.
func redactJPEG(j *job) error {
	var soi [3]byte
	if err := readAt(j.r, soi[:], 0); err != nil || soi != [3]byte{0xFF, 0xD8, 0xFF} {
		return fmt.Errorf("no jpeg start of image: %w", ErrUnsupported)
	}
	sos, err := j.jpegHeader(0)
	if err != nil {
		return err
	}
	j.embeddedJPEGs(sos)
	return nil
}

// jpegHeader redacts the segments of the image whose SOI is at start, up
// to its first start of scan, and returns where that scan's marker is
// (-1 when the image ends first).
func (j *job) jpegHeader(start int64) (int64, error) {
	ext := extendedXMP{}
	pos := start + 2
	var hdr [4]byte
	for i := 0; ; i++ {
		if i >= maxJPEGSegments {
			return 0, fmt.Errorf("jpeg has more than %d segments before the scan", maxJPEGSegments)
		}
		if err := readAt(j.r, hdr[:2], pos); err != nil {
			return 0, fmt.Errorf("read jpeg marker: %w", err)
		}
		if hdr[0] != 0xFF {
			return 0, fmt.Errorf("jpeg marker expected at offset %d, found %#x", pos, hdr[0])
		}
		marker := hdr[1]
		switch {
		case marker == 0xFF:
			pos++
			continue
		case marker == 0xD9 || marker == 0xDA:
			if marker == 0xD9 {
				pos = -1
			}
			return pos, ext.redact(j)
		case marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7):
			pos += 2
			continue
		}
		if err := readAt(j.r, hdr[2:4], pos+2); err != nil {
			return 0, fmt.Errorf("read jpeg segment length: %w", err)
		}
		segLen := int64(binary.BigEndian.Uint16(hdr[2:4]))
		if segLen < 2 || pos+2+segLen > j.size {
			return 0, fmt.Errorf("jpeg segment %#x at offset %d has bad length %d", marker, pos, segLen)
		}
		switch marker {
		case 0xE1:
			if err := j.jpegAPP1(pos+4, segLen-2, &ext); err != nil {
				return 0, fmt.Errorf("jpeg app1 segment at offset %d: %w", pos, err)
			}
		case 0xE6:
			if err := j.jpegAPP6(pos+4, segLen-2); err != nil {
				return 0, fmt.Errorf("jpeg app6 segment at offset %d: %w", pos, err)
			}
		}
		pos += 2 + segLen
	}
}

// jpegAPP1 redacts the APP1 segment whose n bytes start at body.
func (j *job) jpegAPP1(body, n int64, ext *extendedXMP) error {
	seg, err := readBlock(j.r, body, n, 1<<16, "app1 segment")
	if err != nil {
		return err
	}
	switch {
	case bytes.HasPrefix(seg, jpegExifSig):
		k := int64(len(jpegExifSig))
		edits, err := redactTIFF(bytes.NewReader(seg[k:]), n-k, j.strip, j.rawNote, &j.rep)
		if errors.Is(err, errNotTIFF) {
			return nil // not a TIFF structure: nothing a reader finds in it
		}
		if err != nil {
			return fmt.Errorf("exif: %w", err)
		}
		for _, e := range edits {
			e.off += body + k
			j.add(e)
		}
	case bytes.HasPrefix(seg, jpegXMPSig):
		k := int64(len(jpegXMPSig))
		out, err := redactXMP(seg[k:], j.strip, &j.rep)
		if err != nil {
			return err
		}
		if out != nil {
			j.add(patch(body+k, out))
		}
	case bytes.HasPrefix(seg, jpegExtXMPSig):
		return ext.add(seg[len(jpegExtXMPSig):], body+int64(len(jpegExtXMPSig)))
	}
	return nil
}

// jpegAPP6 clears GoPro's APP6 segment, whose n bytes start at body,
// when serial numbers go. Its GPMF is the camera's own record of itself
// (serials, firmware, settings), which nothing needs to show the image;
// the body is zeroed, identifier included, so the segment keeps its
// length and readers see an unknown APP6 segment.
func (j *job) jpegAPP6(body, n int64) error {
	if !j.strip.Serials || n < int64(len(jpegGoProSig)) {
		return nil
	}
	sig := make([]byte, len(jpegGoProSig))
	if err := readAt(j.r, sig, body); err != nil {
		return err
	}
	if bytes.Equal(sig, jpegGoProSig) {
		j.add(zeros(body, n))
		j.rep.applied("gopro:GPMF cleared")
	}
	return nil
}

// maxExtendedXMP bounds one extended XMP packet (Google's depth maps and
// panorama data run to a few MB).
const maxExtendedXMP = 16 << 20

// extendedXMP gathers the pieces of extended XMP packets, which a JPEG
// splits over APP1 segments: a 32-byte GUID, the packet's full length
// and the piece's offset, then the piece.
type extendedXMP struct {
	packets map[string]*extPacket
	order   []string
	total   int64
}

type extPacket struct {
	size   int64
	pieces []extPiece
}

type extPiece struct{ fileOff, off, n int64 }

// add notes one piece whose header (after the signature) is at fileOff.
func (x *extendedXMP) add(p []byte, fileOff int64) error {
	if len(p) < 40 {
		return fmt.Errorf("extended xmp header of %d bytes", len(p))
	}
	guid := string(p[:32])
	size := int64(binary.BigEndian.Uint32(p[32:36]))
	off := int64(binary.BigEndian.Uint32(p[36:40]))
	n := int64(len(p) - 40)
	if x.packets == nil {
		x.packets = map[string]*extPacket{}
	}
	pk := x.packets[guid]
	if pk == nil {
		if x.total += size; size > maxExtendedXMP || x.total > maxExtendedXMP {
			return fmt.Errorf("extended xmp of %d bytes is over the %d byte limit", size, maxExtendedXMP)
		}
		pk = &extPacket{size: size}
		x.packets[guid] = pk
		x.order = append(x.order, guid)
	}
	if size != pk.size || off+n > size {
		return fmt.Errorf("extended xmp piece at offset %d does not fit its %d byte packet", off, pk.size)
	}
	pk.pieces = append(pk.pieces, extPiece{fileOff: fileOff + 40, off: off, n: n})
	return nil
}

// redact reassembles each packet, redacts it and patches the pieces
// back where they came from.
func (x *extendedXMP) redact(j *job) error {
	for _, guid := range x.order {
		pk := x.packets[guid]
		if pk.size > j.size {
			return fmt.Errorf("extended xmp of %d bytes in a %d byte file", pk.size, j.size)
		}
		buf := make([]byte, pk.size)
		for _, pc := range pk.pieces {
			if err := readAt(j.r, buf[pc.off:pc.off+pc.n], pc.fileOff); err != nil {
				return fmt.Errorf("extended xmp: %w", err)
			}
		}
		out, err := redactXMP(buf, j.strip, &j.rep)
		if err != nil {
			return fmt.Errorf("extended xmp: %w", err)
		}
		if out == nil {
			continue
		}
		for _, pc := range pk.pieces {
			j.add(patch(pc.fileOff, out[pc.off:pc.off+pc.n]))
		}
	}
	return nil
}
