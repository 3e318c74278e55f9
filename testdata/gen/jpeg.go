package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
)

// Markers and identifiers of the JPEG APP1 segments that carry metadata.
const (
	markerAPP1 = 0xE1
	exifIdent  = "Exif\x00\x00"
	xmpIdent   = "http://ns.adobe.com/xap/1.0/\x00"
)

// gradient draws a w×h picture whose colours depend on tint, so that
// different files differ in content, not only in metadata.
func gradient(w, h int, tint uint8) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{
				R: uint8(x * 255 / max(w-1, 1)),
				G: uint8(y * 255 / max(h-1, 1)),
				B: tint + uint8((x+y)%32),
				A: 255,
			})
		}
	}
	return img
}

// jpegBytes encodes a gradient as a baseline JPEG and inserts right after
// SOI an EXIF APP1 segment (when exif is non-nil) and an XMP APP1 segment
// (when xmp is non-empty), in the order cameras write them.
func jpegBytes(w, h int, tint uint8, exif *exifSpec, xmp string) ([]byte, error) {
	var enc bytes.Buffer
	if err := jpeg.Encode(&enc, gradient(w, h, tint), &jpeg.Options{Quality: 80}); err != nil {
		return nil, fmt.Errorf("encode jpeg %dx%d: %w", w, h, err)
	}
	raw := enc.Bytes()
	if len(raw) < 2 || raw[0] != 0xFF || raw[1] != 0xD8 {
		return nil, fmt.Errorf("encode jpeg: output does not start with SOI")
	}
	out := append([]byte{}, raw[:2]...)
	if exif != nil {
		seg, err := app1(exifIdent, exif.tiff())
		if err != nil {
			return nil, fmt.Errorf("exif segment: %w", err)
		}
		out = append(out, seg...)
	}
	if xmp != "" {
		seg, err := app1(xmpIdent, []byte(xmp))
		if err != nil {
			return nil, fmt.Errorf("xmp segment: %w", err)
		}
		out = append(out, seg...)
	}
	return append(out, raw[2:]...), nil
}

// app1 frames ident+payload as an APP1 segment; its 16-bit length counts
// itself, so the payload is limited to 65533 bytes.
func app1(ident string, payload []byte) ([]byte, error) {
	n := 2 + len(ident) + len(payload)
	if n > 0xFFFF {
		return nil, fmt.Errorf("app1 payload of %d bytes exceeds the segment limit", n)
	}
	seg := []byte{0xFF, markerAPP1}
	seg = binary.BigEndian.AppendUint16(seg, uint16(n))
	seg = append(seg, ident...)
	return append(seg, payload...), nil
}

// writeJPEG writes a w×h JPEG with optional EXIF and XMP to path.
func writeJPEG(path string, w, h int, tint uint8, exif *exifSpec, xmp string) error {
	b, err := jpegBytes(w, h, tint, exif, xmp)
	if err != nil {
		return fmt.Errorf("build %s: %w", path, err)
	}
	return writeFile(path, b)
}
