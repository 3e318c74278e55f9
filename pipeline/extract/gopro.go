package extract

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
)

// GoPro cameras write an APP6 segment to their JPEGs, "GoPro\0" and then
// GPMF: key-length-value entries (a four-character key, a type byte, the
// size of one sample, a 16-bit sample count, the data padded to four
// bytes), type 0 nesting entries. Their movies hold the same GPMF in a
// moov/udta GPMF box, beside user-data atoms of their own. Among the
// camera's settings it repeats the camera's serial number (CASN) and the
// lens's (LINF), which is what consign reads.

// jpegGoProSig opens GoPro's APP6 segment.
var jpegGoProSig = []byte("GoPro\x00")

// maxGPMFDepth bounds the nesting followed: a photo's GPMF is a device
// holding a stream (DEVC > STRM > CASN).
const maxGPMFDepth = 4

// goproSerials names the GPMF string entries that identify the camera,
// with the fields and curated tags they are recorded under. exiftool
// names CASN CameraSerialNumber; LINF it lists as lens information, and
// it holds the serial that GoPro's movies keep in their LENS atom, which
// exiftool names LensSerialNumber.
var goproSerials = []struct{ key, field, tag string }{
	{"CASN", "gopro:CameraSerialNumber", "body_serial"},
	{"LINF", "gopro:LensSerialNumber", "lens_serial"},
}

// recordGoPro records the camera and lens serials in the GPMF b (a GoPro
// APP6 segment after its identifier, or an MP4 udta GPMF box). A GPMF
// block it cannot walk is the vendor's private data and not the file's
// error, as with maker notes.
func recordGoPro(b []byte, res *Result) {
	for _, s := range goproSerials {
		if v := gpmfString(b, s.key, maxGPMFDepth); v != "" {
			addGoProSerial(res, s.field, s.tag, v)
		}
	}
}

// addGoProSerial records a serial unless the file already gave it under
// the same field: GoPro's movies repeat the lens serial in LENS and in
// their GPMF.
func addGoProSerial(res *Result, field, tag, v string) {
	for _, f := range res.Fields {
		if f.Name == field && f.Value == cleanValue(v) {
			return
		}
	}
	res.AddField(field, v)
	res.SetTag(tag, v)
}

// goproAtom reads the GoPro user-data atoms of a movie's udta box that
// identify the camera: LENS (the lens serial, NUL-padded text), CAME (a
// 16-byte hash of the camera serial, which exiftool names
// SerialNumberHash and shows in hex) and GPMF.
func (m *mp4Reader) goproAtom(typ string, p []byte) {
	switch typ {
	case "LENS":
		if i := bytes.IndexByte(p, 0); i >= 0 {
			p = p[:i]
		}
		addGoProSerial(m.res, "gopro:LensSerialNumber", "lens_serial", string(p))
	case "CAME":
		if len(p) == 16 && !allZero(p) {
			m.res.AddField("gopro:SerialNumberHash", hex.EncodeToString(p))
		}
	case "GPMF":
		recordGoPro(p, m.res)
	}
}

func allZero(p []byte) bool {
	for _, c := range p {
		if c != 0 {
			return false
		}
	}
	return true
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
