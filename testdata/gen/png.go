package main

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"image/png"
)

// pngSignature opens every PNG file; the IHDR chunk that must follow it is
// always 25 bytes (length, type, 13 data bytes, CRC).
const (
	pngSignature = "\x89PNG\r\n\x1a\n"
	ihdrEnd      = len(pngSignature) + 25
)

// pngChunk frames data as a PNG chunk with its CRC over type and data.
func pngChunk(typ string, data []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	out = append(out, typ...)
	out = append(out, data...)
	crc := crc32.ChecksumIEEE(out[4:])
	return binary.BigEndian.AppendUint32(out, crc)
}

// xmpITXt builds the iTXt chunk Adobe uses for XMP: keyword
// "XML:com.adobe.xmp", uncompressed, with empty language and translated
// keyword.
func xmpITXt(packet string) []byte {
	data := []byte("XML:com.adobe.xmp\x00")
	data = append(data, 0, 0) // compression flag and method: none
	data = append(data, 0)    // language tag
	data = append(data, 0)    // translated keyword
	data = append(data, packet...)
	return pngChunk("iTXt", data)
}

// pngBytes encodes a gradient as PNG and inserts an eXIf chunk (when exif
// is non-nil) and an XMP iTXt chunk (when xmp is non-empty) between IHDR
// and the image data, where the PNG 1.6 eXIf extension requires them.
func pngBytes(w, h int, tint uint8, exif *exifSpec, xmp string) ([]byte, error) {
	var enc bytes.Buffer
	if err := png.Encode(&enc, gradient(w, h, tint)); err != nil {
		return nil, fmt.Errorf("encode png %dx%d: %w", w, h, err)
	}
	raw := enc.Bytes()
	if len(raw) < ihdrEnd || string(raw[:len(pngSignature)]) != pngSignature ||
		string(raw[len(pngSignature)+4:len(pngSignature)+8]) != "IHDR" {
		return nil, fmt.Errorf("encode png: output does not start with signature and IHDR")
	}
	out := append([]byte{}, raw[:ihdrEnd]...)
	if exif != nil {
		out = append(out, pngChunk("eXIf", exif.tiff())...)
	}
	if xmp != "" {
		out = append(out, xmpITXt(xmp)...)
	}
	return append(out, raw[ihdrEnd:]...), nil
}

// writePNG writes a w×h PNG with optional EXIF and XMP to path.
func writePNG(path string, w, h int, tint uint8, exif *exifSpec, xmp string) error {
	b, err := pngBytes(w, h, tint, exif, xmp)
	if err != nil {
		return fmt.Errorf("build %s: %w", path, err)
	}
	return writeFile(path, b)
}
