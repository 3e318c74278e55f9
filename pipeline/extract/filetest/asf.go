package filetest

import (
	"bytes"
	"encoding/binary"
	"time"
	"unicode/utf16"
)

// UTF16Z is s and a NUL in little-endian UTF-16.
func UTF16Z(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s + "\x00")) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

// ASF object GUIDs, as stored.
var (
	ASFHeader      = []byte{0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE, 0x6C}
	ASFFileProps   = []byte{0xA1, 0xDC, 0xAB, 0x8C, 0x47, 0xA9, 0xCF, 0x11, 0x8E, 0xE4, 0x00, 0xC0, 0x0C, 0x20, 0x53, 0x65}
	ASFContentDesc = []byte{0x33, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11, 0xA6, 0xD9, 0x00, 0xAA, 0x00, 0x62, 0xCE, 0x6C}
	ASFExtContent  = []byte{0x40, 0xA4, 0xD0, 0xD2, 0x07, 0xE3, 0xD2, 0x11, 0x97, 0xF0, 0x00, 0xA0, 0xC9, 0x5E, 0xA8, 0x50}
)

// ASFObject is an ASF object: its GUID, its size and its body.
func ASFObject(guid []byte, body []byte) []byte {
	b := append(append([]byte{}, guid...), binary.LittleEndian.AppendUint64(nil, uint64(24+len(body)))...)
	return append(b, body...)
}

// WMA is a Windows Media Audio file's header object (content description
// of title, author, copyright, description and rating; the extended
// content descriptors of ext among WM/AlbumArtist, WM/Composer, WM/Year
// and WM/Lyrics; file properties created at created), then a data
// object.
func WMA(created time.Time, content [5]string, ext map[string]string) []byte {
	var cd, strs []byte
	for _, s := range content {
		u := UTF16Z(s)
		cd = binary.LittleEndian.AppendUint16(cd, uint16(len(u)))
		strs = append(strs, u...)
	}
	var ec []byte
	ec = binary.LittleEndian.AppendUint16(ec, uint16(len(ext)))
	for _, name := range []string{"WM/AlbumArtist", "WM/Composer", "WM/Year", "WM/Lyrics"} {
		v, ok := ext[name]
		if !ok {
			continue
		}
		n, val := UTF16Z(name), UTF16Z(v)
		ec = binary.LittleEndian.AppendUint16(ec, uint16(len(n)))
		ec = append(ec, n...)
		ec = binary.LittleEndian.AppendUint16(ec, 0)
		ec = binary.LittleEndian.AppendUint16(ec, uint16(len(val)))
		ec = append(ec, val...)
	}
	fp := make([]byte, 80)
	binary.LittleEndian.PutUint64(fp[24:], uint64(created.Unix()+11644473600)*10_000_000)
	objs := bytes.Join([][]byte{ASFObject(ASFFileProps, fp), ASFObject(ASFContentDesc, append(cd, strs...)), ASFObject(ASFExtContent, ec)}, nil)
	hdr := append(append([]byte{}, ASFHeader...), binary.LittleEndian.AppendUint64(nil, uint64(30+len(objs)))...)
	hdr = append(binary.LittleEndian.AppendUint32(hdr, 3), 1, 2)
	return append(append(hdr, objs...), make([]byte, 100)...)
}
