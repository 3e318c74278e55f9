package extract

import (
	"bytes"
	"encoding/binary"

	"github.com/gabriel-vasile/mimetype"
)

// Media formats of musicians and video makers that the content sniffer
// does not know, or knows too narrowly, and that would otherwise be
// "application/octet-stream" of kind other: their files are audio and
// video whatever a tag reader makes of them.
const (
	mediaDSF  = "audio/x-dsf" // DSD Stream File, Sony's high-resolution audio
	mediaDFF  = "audio/x-dff" // DSDIFF, the other DSD container
	mediaAPE  = "audio/x-ape" // Monkey's Audio
	mediaWV   = "audio/x-wavpack"
	mediaM2TS = "video/mp2t"      // AVCHD's MPEG transport stream, 192-byte packets
	mediaMXF  = "application/mxf" // the broadcast cameras' Material Exchange Format
	mediaDV   = "video/x-dv"
	mediaEXR  = "image/x-exr" // OpenEXR, of visual effects and 3D renders
	// Adobe InDesign documents, a publisher's layouts; their XMP is read
	// by the scan for packets.
	mediaINDD = "application/x-indesign"
)

// inddMagic is the GUID an InDesign database starts with.
var inddMagic = []byte{0x06, 0x06, 0xED, 0xF5, 0xD8, 0x1D, 0x46, 0xE5, 0xBD, 0x31, 0xEF, 0xE7, 0xFE, 0x74, 0xB7, 0x1D}

func init() {
	root := mimetype.Lookup("application/octet-stream")
	for _, f := range []struct {
		match func([]byte) bool
		mt    string
		ext   string
	}{
		{isDSF, mediaDSF, ".dsf"},
		{isDFF, mediaDFF, ".dff"},
		{isAPE, mediaAPE, ".ape"},
		{func(b []byte) bool { return bytes.HasPrefix(b, []byte("wvpk")) }, mediaWV, ".wv"},
		{isM2TS, mediaM2TS, ".m2ts"},
		{isMXF, mediaMXF, ".mxf"},
		{isDV, mediaDV, ".dv"},
		{func(b []byte) bool { return bytes.HasPrefix(b, []byte("\x76\x2f\x31\x01")) }, mediaEXR, ".exr"},
		{func(b []byte) bool { return bytes.HasPrefix(b, inddMagic) }, mediaINDD, ".indd"},
	} {
		root.Extend(func(raw []byte, _ uint32) bool { return f.match(raw) }, f.mt, f.ext)
	}
}

// isDSF: the "DSD " chunk of 28 bytes, then the "fmt " chunk.
func isDSF(b []byte) bool {
	return len(b) >= 32 && string(b[:4]) == "DSD " && string(b[28:32]) == "fmt "
}

// isDFF: an IFF "FRM8" form of type "DSD ".
func isDFF(b []byte) bool {
	return len(b) >= 16 && string(b[:4]) == "FRM8" && string(b[12:16]) == "DSD "
}

// isAPE: "MAC " and a version number (3.80 to 9.99, written times 1000).
func isAPE(b []byte) bool {
	if len(b) < 6 || string(b[:4]) != "MAC " {
		return false
	}
	v := binary.LittleEndian.Uint16(b[4:])
	return v >= 3800 && v <= 9999
}

// isM2TS: transport stream packets of 188 bytes, each after a 4-byte
// time code, so a sync byte every 192 bytes from offset 4.
func isM2TS(b []byte) bool {
	if len(b) < 4+3*192 {
		return false
	}
	for i := 4; i < 4+3*192; i += 192 {
		if b[i] != 0x47 {
			return false
		}
	}
	return true
}

// isMXF: a SMPTE universal label of a partition pack, possibly after a
// run-in of up to 64 KiB that the head may not show whole.
func isMXF(b []byte) bool {
	return bytes.HasPrefix(b, []byte{0x06, 0x0E, 0x2B, 0x34, 0x02, 0x05, 0x01, 0x01, 0x0D, 0x01, 0x02, 0x01, 0x01})
}

// isDV: the header section of a DIF sequence's first block (IEC 61834).
func isDV(b []byte) bool {
	return len(b) >= 80*6 && b[0] == 0x1F && b[1] == 0x07 && b[2] == 0x00 &&
		b[80] == 0x3F && b[160] == 0x3F // the two subcode blocks that follow
}
