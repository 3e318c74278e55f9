package redact

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// psdResource frames data as a Photoshop image resource with an empty
// name, padded to even length.
func psdResource(id uint16, data []byte) []byte {
	b := binary.BigEndian.AppendUint16([]byte("8BIM"), id)
	b = append(b, 0, 0)
	b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
	b = append(b, data...)
	if len(data)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

// psdFile is a Photoshop document whose image resources are the blocks
// given, followed by empty layers and image data.
func psdFile(blocks ...[]byte) []byte {
	h := append([]byte("8BPS\x00\x01"), make([]byte, 6)...)
	h = binary.BigEndian.AppendUint16(h, 3)
	h = binary.BigEndian.AppendUint32(h, 8)
	h = binary.BigEndian.AppendUint32(h, 8)
	h = binary.BigEndian.AppendUint16(h, 8)
	h = binary.BigEndian.AppendUint16(h, 3)
	h = binary.BigEndian.AppendUint32(h, 0) // colour mode data
	res := bytes.Join(blocks, nil)
	h = binary.BigEndian.AppendUint32(h, uint32(len(res)))
	return append(append(h, res...), []byte("LAYERS AND IMAGE DATA, UNTOUCHED")...)
}

func TestPSD(t *testing.T) {
	seg := app13(80, "Ann Other", 110, "Credit Line")
	iim := seg[4+len("Photoshop 3.0\x00")+12:] // the IIM stream inside the APP13 segment's resource
	file := psdFile(psdResource(0x03ED, make([]byte, 16)), psdResource(0x0422, cameraTIFF(binary.BigEndian)),
		psdResource(0x0404, iim), psdResource(0x0424, []byte(xmpPacket)))
	mustLeak(t, "a.psd", file, all)
	out, rep := redactBytes(t, file, "image/vnd.adobe.photoshop", all)
	if len(out) != len(file) || !bytes.HasSuffix(out, []byte("LAYERS AND IMAGE DATA, UNTOUCHED")) {
		t.Fatalf("copy of %d bytes (input %d) does not end with the image data", len(out), len(file))
	}
	checkRedacted(t, "a.psd", out, all)
	t.Logf("removed %v", rep.Applied)

	s := Strip{Fields: []string{"exif:Artist", "iptc:By-line", "xmp:dc:creator"}}
	out, rep = redactBytes(t, file, "image/vnd.adobe.photoshop", s)
	checkFields(t, fieldValues(t, "a.psd", file), fieldValues(t, "a.psd", out), rep, s.Fields, []string{"iptc:Credit", "exif:Make"})
}
