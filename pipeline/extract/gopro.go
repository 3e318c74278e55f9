package extract

import (
	"bytes"
	"encoding/binary"
)

// GoPro cameras write an APP6 segment to their JPEGs, "GoPro\0" and then
// GPMF: key-length-value entries (a four-character key, a type byte, the
// size of one sample, a 16-bit sample count, the data padded to four
// bytes), type 0 nesting entries. Among the camera's settings it repeats
// the camera's serial number (CASN), which is what consign reads.

// jpegGoProSig opens GoPro's APP6 segment.
var jpegGoProSig = []byte("GoPro\x00")

// maxGPMFDepth bounds the nesting followed: a photo's GPMF is a device
// holding a stream (DEVC > STRM > CASN).
const maxGPMFDepth = 4

// recordGoPro records the camera serial in the GPMF of a GoPro APP6
// segment (after its identifier). A GPMF block it cannot walk is the
// vendor's private data and not the file's error, as with maker notes.
func recordGoPro(b []byte, res *Result) {
	if v := gpmfString(b, "CASN", maxGPMFDepth); v != "" {
		res.AddField("gopro:CameraSerialNumber", v)
		res.SetTag("body_serial", v)
	}
}

// gpmfString returns the first string entry named key in the GPMF b,
// looking depth levels deep, or "".
func gpmfString(b []byte, key string, depth int) string {
	for len(b) >= 8 {
		typ, size, count := b[4], int(b[5]), int(binary.BigEndian.Uint16(b[6:8]))
		n := size * count // at most 255 * 65535: no overflow
		if n > len(b)-8 {
			return ""
		}
		data := b[8 : 8+n]
		switch {
		case typ == 0 && depth > 1:
			if v := gpmfString(data, key, depth-1); v != "" {
				return v
			}
		case typ == 'c' && string(b[:4]) == key:
			if i := bytes.IndexByte(data, 0); i >= 0 {
				data = data[:i]
			}
			return string(data)
		}
		b = b[min(len(b), 8+(n+3)&^3):]
	}
	return ""
}
