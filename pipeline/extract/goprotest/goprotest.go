package goprotest

import (
	"bytes"
	"encoding/binary"
)

// KLV frames one GPMF entry: a four-character key, a type, the size of
// one sample, their count, and the data padded to four bytes. Type 0
// nests entries.
func KLV(key string, typ byte, size int, data []byte) []byte {
	out := append([]byte(key), typ, byte(size))
	out = binary.BigEndian.AppendUint16(out, uint16(len(data)/size))
	out = append(out, data...)
	for len(out)%4 != 0 {
		out = append(out, 0)
	}
	return out
}

// Camera holds what a GoPro camera repeats about itself in every file.
type Camera struct {
	Firmware   string   // FMWR, FIRM: "HD6.01.01.51.00"
	Model      string   // MINF: "HERO6 Black"
	Serial     string   // CASN: the camera's serial number
	Lens       string   // LINF, LENS: the lens's serial number
	SerialHash [16]byte // CINF, CAME, and MUID's first half
}

// Hero6 is the camera of the shared corpus's GoPro.jpg, with made-up
// serial numbers.
var Hero6 = Camera{
	Firmware:   "HD6.01.01.51.00",
	Model:      "HERO6 Black",
	Serial:     "C3441325554321",
	Lens:       "LAJ7061317609999",
	SerialHash: [16]byte{0x3c, 0x31, 0x1b, 0x49, 0x16, 0x14, 0x9d, 0xa8, 0xe1, 0xfc, 0x56, 0xa5, 0x5a, 0x7e, 0xcc, 0xd0},
}

// padded is s followed by NULs up to n bytes, as GoPro writes fixed-size
// strings.
func padded(s string, n int) []byte {
	return append([]byte(s), make([]byte, max(0, n-len(s)))...)
}

// muid is the media id GoPro writes: the serial hash as little-endian
// 32-bit words, then 16 zero bytes.
func (c Camera) muid() []byte {
	out := make([]byte, 32)
	for i := 0; i < 16; i += 4 {
		binary.BigEndian.PutUint32(out[i:], binary.LittleEndian.Uint32(c.SerialHash[i:]))
	}
	return out
}

// Settings is the stream of global settings a GoPro writes, in the
// order and with the types of GoPro.jpg's: firmware, lens (LINF), serial
// hash (CINF), camera serial (CASN), model, media id (MUID) and a few
// capture settings.
func (c Camera) Settings() []byte {
	return bytes.Join([][]byte{
		KLV("FMWR", 'c', 1, []byte(c.Firmware)),
		KLV("LINF", 'c', 1, padded(c.Lens, 48)),
		KLV("CINF", 'B', 1, c.SerialHash[:]),
		KLV("CASN", 'c', 1, []byte(c.Serial+"\x00")),
		KLV("MINF", 'c', 1, padded(c.Model, 30)),
		KLV("MUID", 'L', 4, c.muid()),
		KLV("CMOD", 'B', 1, []byte{17}),
		KLV("OREN", 'c', 1, []byte("U")),
		KLV("PTWB", 'c', 1, []byte("AUTO\x00\x00\x00\x00")),
	}, nil)
}

// Device is a GPMF device (DEVC) named name whose stream (STRM) holds
// strm, as in a JPEG's APP6 segment.
func Device(name string, strm []byte) []byte {
	devc := KLV("DVID", 'L', 4, []byte{0, 0, 0, 1})
	devc = append(devc, KLV("DVNM", 'c', 1, []byte(name))...)
	devc = append(devc, KLV("STRM", 0, 1, strm)...)
	return KLV("DEVC", 0, 1, devc)
}

// APP6 is the body of the APP6 segment a GoPro writes to its JPEGs,
// without the marker and length: "GoPro\0" and the GPMF of a device
// whose stream holds strm.
func APP6(strm []byte) []byte {
	return append([]byte("GoPro\x00"), Device("Photo Global Settings", strm)...)
}

// box frames payload as an ISO BMFF box.
func box(typ string, payload ...[]byte) []byte {
	body := bytes.Join(payload, nil)
	return append(binary.BigEndian.AppendUint32([]byte(nil), uint32(8+len(body))), append([]byte(typ), body...)...)
}

// UserData is the moov/udta box of a GoPro movie (HERO5 and later), with
// the atoms exiftool lists for them: FIRM (firmware), LENS (the lens
// serial in 64 bytes), CAME (the serial hash), SETT, MUID (the serial
// hash, then 16 bytes), HMMT (highlights), BCID, GUMI (16 bytes whose
// meaning nobody has published), and GPMF, whose
// global settings repeat the camera and lens serials. extra atoms follow.
func (c Camera) UserData(extra ...[]byte) []byte {
	gpmf := KLV("DVID", 'L', 4, []byte{0, 0, 0, 1})
	gpmf = append(gpmf, KLV("DVNM", 'c', 1, []byte("Global Settings"))...)
	gpmf = append(gpmf, KLV("VERS", 'B', 1, []byte{8, 1, 4})...)
	gpmf = append(gpmf, c.Settings()...)
	muid := append(c.SerialHash[:16:16], make([]byte, 16)...)
	atoms := [][]byte{
		box("FIRM", []byte(c.Firmware)),
		box("LENS", padded(c.Lens, 64)),
		box("CAME", c.SerialHash[:]),
		box("SETT", make([]byte, 12)),
		box("MUID", muid),
		box("HMMT", make([]byte, 404)),
		box("BCID", make([]byte, 26)),
		box("GUMI", []byte{0x91, 0x07, 0x4e, 0x2b, 0xd3, 0x60, 0x1a, 0xc4, 0x8f, 0x22, 0x75, 0xe9, 0x06, 0xb8, 0x3d, 0x51}),
		box("GPMF", KLV("DEVC", 0, 1, gpmf)),
	}
	return box("udta", append(atoms, extra...)...)
}
