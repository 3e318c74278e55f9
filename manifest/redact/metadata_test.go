package redact

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"testing"
)

func TestMetadataErrors(t *testing.T) {
	jpg := jpegFile(t, app1("Exif\x00\x00", cameraTIFF(binary.LittleEndian)))
	badSeg := bytes.Clone(jpg)
	binary.BigEndian.PutUint16(badSeg[4:], 0xFFFF) // the APP1 length runs past the file
	loop := cameraTIFF(binary.LittleEndian)
	n := int(binary.LittleEndian.Uint16(loop[8:]))
	binary.LittleEndian.PutUint32(loop[8+2+12*n:], 8) // IFD0's next IFD is IFD0
	bigBox := append(mp4Box("ftyp", []byte("isom")), 0x7F, 0xFF, 0xFF, 0xFF, 'm', 'o', 'o', 'v')
	badXMP := strings.Replace(xmpPacket, "</rdf:RDF>", "</rdf:Bag>", 1)
	tests := []struct {
		name      string
		file      []byte
		mediaType string
		wantErr   error // nil: any error; see ok
		ok        bool
	}{
		{"unsupported type", []byte("hello"), "video/mp2t", ErrUnsupported, false},
		{"png bytes called jpeg", pngFile(t), "image/jpeg", ErrUnsupported, false},
		{"jpeg bytes called tiff", jpg, "image/tiff", ErrUnsupported, false},
		{"empty file", nil, "image/webp", ErrUnsupported, false},
		{"segment past the end", badSeg, "image/jpeg", nil, false},
		{"ifd chain loop", loop, "image/tiff", nil, true},
		{"box past the end", bigBox, "video/mp4", nil, false},
		{"malformed xmp with gps", jpegFile(t, app1("http://ns.adobe.com/xap/1.0/\x00", []byte(badXMP))), "image/jpeg", errXMPUnreadable, false},
		{"malformed xmp without gps", jpegFile(t, app1("http://ns.adobe.com/xap/1.0/\x00", []byte("<x:xmpmeta><a></b></x:xmpmeta>"))), "image/jpeg", nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			_, err := Metadata(&out, bytes.NewReader(tc.file), int64(len(tc.file)), tc.mediaType, all)
			if tc.ok {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			if tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Errorf("err = %v, want %v", err, tc.wantErr)
			}
			if out.Len() != 0 {
				t.Errorf("%d bytes written before the error", out.Len())
			}
		})
	}
}

// TestMetadataNothingToStrip checks that an empty Strip copies the file.
func TestMetadataNothingToStrip(t *testing.T) {
	file := jpegFile(t, app1("Exif\x00\x00", cameraTIFF(binary.BigEndian)))
	out, rep := redactBytes(t, file, "image/jpeg", Strip{})
	if !bytes.Equal(out, file) || len(rep.Applied) != 0 {
		t.Errorf("copy differs or report %q not empty", rep.Applied)
	}
}

func TestSupports(t *testing.T) {
	for mt, want := range map[string]bool{
		"image/jpeg": true, "image/png": true, "image/webp": true, "image/tiff": true,
		"video/mp4": true, "video/quicktime": true, "audio/x-m4a": true,
		"image/heic": true, "image/avif": true, "image/x-canon-cr3": true, "image/x-fuji-raf": true, "image/x-panasonic-rw2": true, "image/x-sigma-x3f": false, "text/plain": true, "text/markdown": false, "application/pdf": true, "image/vnd.adobe.photoshop": true, "application/msword": true, "video/mp2t": false, "": false,
	} {
		if Supports(mt) != want {
			t.Errorf("Supports(%q) = %v", mt, !want)
		}
	}
}

func TestApplyEdits(t *testing.T) {
	src := []byte("0123456789")
	tests := []struct {
		name  string
		edits []edit
		want  string
		err   bool
	}{
		{"patch and clear", []edit{zeros(6, 2), patch(1, []byte("ab"))}, "0ab345\x00\x0089", false},
		{"clear inside clear", []edit{zeros(2, 6), zeros(3, 2)}, "01\x00\x00\x00\x00\x00\x0089", false},
		{"patch over clear", []edit{zeros(2, 4), patch(4, []byte("xyz"))}, "01\x00\x00xyz789", false},
		{"splice", []edit{{off: 2, n: 3, data: []byte("+")}}, "01+56789", false},
		{"splice overlapping a patch", []edit{{off: 2, n: 3, data: []byte("+")}, patch(3, []byte("q"))}, "", true},
		{"past the end", []edit{zeros(8, 5)}, "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			err := applyEdits(&out, bytes.NewReader(src), int64(len(src)), tc.edits)
			if tc.err {
				if err == nil || out.Len() != 0 {
					t.Errorf("err = %v after %d bytes, want an error before writing", err, out.Len())
				}
				return
			}
			if err != nil || out.String() != tc.want {
				t.Errorf("got %q, %v; want %q", out.String(), err, tc.want)
			}
		})
	}
}
