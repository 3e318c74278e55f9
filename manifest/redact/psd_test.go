package redact

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/consignhq/consign/pipeline/extract/filetest"
)

// psdResource is an image resource with an empty name.
func psdResource(id uint16, data []byte) []byte { return filetest.PSDResource(id, "", data) }

func TestPSD(t *testing.T) {
	seg := app13(80, "Ann Other", 110, "Credit Line")
	iim := seg[4+len("Photoshop 3.0\x00")+12:] // the IIM stream inside the APP13 segment's resource
	file := filetest.PSD(psdResource(0x03ED, make([]byte, 16)), psdResource(0x0422, cameraTIFF(binary.BigEndian)),
		psdResource(0x0404, iim), psdResource(0x0424, []byte(xmpPacket)))
	mustLeak(t, "a.psd", file, all)
	out, rep := redactBytes(t, file, "image/vnd.adobe.photoshop", all)
	if len(out) != len(file) || !bytes.HasSuffix(out, []byte(filetest.PSDTail)) {
		t.Fatalf("copy of %d bytes (input %d) does not end with the image data", len(out), len(file))
	}
	checkRedacted(t, "a.psd", out, all)
	t.Logf("removed %v", rep.Applied)

	s := Strip{Fields: []string{"exif:Artist", "iptc:By-line", "xmp:dc:creator"}}
	out, rep = redactBytes(t, file, "image/vnd.adobe.photoshop", s)
	checkFields(t, fieldValues(t, "a.psd", file), fieldValues(t, "a.psd", out), rep, s.Fields, []string{"iptc:Credit", "exif:Make"})
}
