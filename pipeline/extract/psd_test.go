package extract

import (
	"bytes"
	"encoding/binary"
	"testing"

	"github.com/consignhq/consign/pipeline/extract/filetest"
)

func TestPSDMetadata(t *testing.T) {
	exif := tiffBlock([]rawEntry{ascii("Canon"), str(0x013B, "Ann Shooter"), str(0xC62F, "012345678")})
	file := filetest.PSD(photoshopBlock(0x03ED, make([]byte, 16)), photoshopBlock(psdEXIF, exif),
		photoshopBlock(psdIPTC, iimSet(2, 80, "Ann Shooter")), photoshopBlock(psdXMP, []byte(xmpPacket)))
	src := bytesSource("edit.psd", file)
	res := runImage(t, src)
	if len(res.Errors) > 0 {
		t.Fatalf("errors %v (sniffed %s)", res.Errors, src.MediaType)
	}
	for k, want := range map[string]string{"exif:Make": "Canon", "exif:Artist": "Ann Shooter", "exif:CameraSerialNumber": "012345678",
		"iptc:By-line": "Ann Shooter", "xmp:dc:creator": "Jane Creator; Bob Second"} {
		if got, _ := res.Field(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	// A resource running past its section is the file's error.
	bad := bytes.Clone(file)
	binary.BigEndian.PutUint32(bad[26+4+4+10:], 1<<20) // the first block's size, after its signature, ID and name
	res = runImage(t, bytesSource("bad.psd", bad))
	if len(res.Errors) == 0 {
		t.Error("a resource past its section: no error")
	}
}
