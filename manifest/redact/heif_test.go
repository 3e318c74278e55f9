package redact

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/consignhq/consign/pipeline/extract"
)

// heifFile builds a HEIC whose Exif item (the camera TIFF) and XMP item
// lie in the media data, the Exif item in pieces extents (one for a
// normal file), or both in the meta box's idat when inIdat is set. With
// deep, the media data holds 80 KiB of picture before the XMP item and
// after it, out of the reach of the scan for stray packets.
func heifFile(pieces int, inIdat, deep bool) []byte {
	exif := append([]byte{0, 0, 0, 0}, cameraTIFF(binary.BigEndian)...)
	xmp := []byte(xmpPacket)
	var picture []byte
	if deep {
		picture = bytes.Repeat([]byte("HEVC"), 20<<10)
	}
	infe := func(id uint16, typ string, extra ...byte) []byte {
		b := binary.BigEndian.AppendUint16([]byte{2, 0, 0, 0}, id)
		b = append(append(b, 0, 0), typ...)
		return mp4Box("infe", append(b, extra...))
	}
	iinf := mp4Box("iinf", []byte{0, 0, 0, 0, 0, 2}, infe(1, "Exif", 0),
		infe(2, "mime", append([]byte("XMP\x00"), "application/rdf+xml\x00"...)...))
	ftyp := mp4Box("ftyp", []byte("heic\x00\x00\x00\x00mif1heic"))
	// iloc version 1: offset, length and base offset of 4 bytes each.
	iloc := func(dataOff uint32) []byte {
		b := []byte{1, 0, 0, 0, 0x44, 0x40, 0, 2}
		method := uint16(0)
		if inIdat {
			method, dataOff = 1, 0 // offsets within idat
		}
		for i, item := range [][]byte{exif, xmp} {
			start := dataOff
			if i == 1 {
				start += uint32(len(exif) + len(picture))
			}
			b = binary.BigEndian.AppendUint16(b, uint16(i+1))
			b = binary.BigEndian.AppendUint16(b, method)
			b = binary.BigEndian.AppendUint16(b, 0)
			b = binary.BigEndian.AppendUint32(b, 0) // base offset
			n := 1
			if i == 0 {
				n = pieces
			}
			b = binary.BigEndian.AppendUint16(b, uint16(n))
			cut := uint32(len(item) / n)
			for k := range n {
				size := cut
				if k == n-1 {
					size = uint32(len(item)) - cut*uint32(n-1)
				}
				b = binary.BigEndian.AppendUint32(b, start+cut*uint32(k))
				b = binary.BigEndian.AppendUint32(b, size)
			}
		}
		return mp4Box("iloc", b)
	}
	hdlr := mp4Box("hdlr", make([]byte, 8), []byte("pict"), make([]byte, 13))
	var idat []byte
	if inIdat {
		idat = mp4Box("idat", exif, xmp)
	}
	meta := func(dataOff uint32) []byte {
		return mp4Box("meta", []byte{0, 0, 0, 0}, hdlr, iinf, iloc(dataOff), idat)
	}
	head := len(ftyp) + len(meta(0))
	if inIdat {
		return append(ftyp, meta(0)...)
	}
	mdat := mp4Box("mdat", exif, picture, xmp, picture, bytes.Repeat([]byte("HEVC"), 20))
	return bytes.Join([][]byte{ftyp, meta(uint32(head + 8)), mdat}, nil)
}

func TestHEIF(t *testing.T) {
	for _, tc := range []struct{ inIdat, deep bool }{{false, false}, {true, false}, {false, true}} {
		inIdat := tc.inIdat
		file := heifFile(1, inIdat, tc.deep)
		mustLeak(t, "photo.heic", file, all)
		out, rep := redactBytes(t, file, "image/heic", all)
		if len(out) != len(file) {
			t.Fatalf("idat %v: length %d, want %d", inIdat, len(out), len(file))
		}
		for _, w := range []string{"exif:GPS removed", "exif:BodySerialNumber removed", "xmp:exif:GPSLatitude removed"} {
			if !slices.Contains(rep.Applied, w) {
				t.Errorf("idat %v: report %q lacks %q", inIdat, rep.Applied, w)
			}
		}
		checkRedacted(t, "photo.heic", out, all)
	}
}

func TestHEIFSample(t *testing.T) {
	p := filepath.Join("..", "..", "pipeline", "extract", "testdata", "samples", "photo.heic")
	file, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	mustLeak(t, "photo.heic", file, all)
	out, _ := redactBytes(t, file, "image/heic", all)
	checkRedacted(t, "photo.heic", out, all)
	if res := extractBytes("photo.heic", out); res.Tags["camera_make"] != "Canon" {
		t.Errorf("tags after redaction: %v", res.Tags)
	}
}

// TestHEIFInPieces refuses an Exif item cut into extents: its TIFF block
// is not one stretch of the file.
func TestHEIFInPieces(t *testing.T) {
	file := heifFile(2, false, false)
	_, err := Metadata(io.Discard, bytes.NewReader(file), int64(len(file)), "image/heic", all)
	if !errors.Is(err, ErrUnsupported) {
		t.Errorf("err = %v, want ErrUnsupported", err)
	}
}

func FuzzHEIF(f *testing.F) {
	f.Add(heifFile(1, false, false))
	f.Add(heifFile(1, true, false))
	f.Add(heifFile(2, false, false))
	addSample(f, "photo.heic", nil)
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzMetadata(t, data, "photo.heic", "image/heic", true)
	})
}

// TestHEIFItemsApart refuses items that share bytes and an Exif item that
// holds an XMP packet (testdata/fuzz/FuzzHEIF/12ba09d21baf055a is one):
// zeroing a TIFF value there could break the packet.
func TestHEIFItemsApart(t *testing.T) {
	file := heifFile(1, false, false)
	j := &job{r: bytes.NewReader(file), size: int64(len(file))}
	exifs, xmps, err := extract.LocateHEIFMetadata(j.r, j.size)
	if err != nil || len(exifs) != 1 || len(xmps) != 1 {
		t.Fatalf("items %v %v, %v", exifs, xmps, err)
	}
	if _, err := checkHEIFItems(j, exifs, xmps); err != nil {
		t.Errorf("items apart: %v", err)
	}
	shared := []extract.FileRange{{Off: exifs[0].Off + 8, N: 16}}
	if _, err := checkHEIFItems(j, exifs, shared); !errors.Is(err, errOverlap) {
		t.Errorf("items sharing bytes: %v", err)
	}
	whole := []extract.FileRange{{Off: exifs[0].Off, N: xmps[0].Off + xmps[0].N - exifs[0].Off}}
	if _, err := checkHEIFItems(j, whole, nil); err == nil || !strings.Contains(err.Error(), "holds an xmp packet") {
		t.Errorf("exif item over the packet: %v", err)
	}
}
