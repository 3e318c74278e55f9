package filetest

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"time"
)

// EBML encodes an element: its id (the bytes of id without leading
// zeros) and its body's size as an 8-byte vint.
func EBML(id uint32, body ...[]byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, id)
	for len(b) > 1 && b[0] == 0 {
		b = b[1:]
	}
	data := bytes.Join(body, nil)
	size := binary.BigEndian.AppendUint64(nil, uint64(len(data)))
	size[0] = 0x01 // an 8-byte vint
	return append(append(b, size...), data...)
}

// EBMLWithCRC is EBML with a CRC-32 element first, the checksum of the
// other children, as mkclean writes it.
func EBMLWithCRC(id uint32, body ...[]byte) []byte {
	data := bytes.Join(body, nil)
	crc := EBML(0xBF, binary.LittleEndian.AppendUint32(nil, crc32.ChecksumIEEE(data)))
	return EBML(id, crc, data)
}

// Matroska element IDs the builders use.
const (
	MKVInfo      = 0x1549A966
	MKVTitle     = 0x7BA9
	MKVTags      = 0x1254C367
	MKVTag       = 0x7373
	MKVSimpleTag = 0x67C8
)

// Matroska is a Matroska file: the EBML header, then a segment with a
// seek head pointing at the tags, the info (title, writing application,
// date), a cluster and the tags (one Tag of tags) after it; with crc,
// the info and the tags keep CRC-32 elements.
func Matroska(title string, date time.Time, crc bool, tags ...[]byte) []byte {
	master := EBML
	if crc {
		master = EBMLWithCRC
	}
	header := EBML(0x1A45DFA3, EBML(0x4282, []byte("matroska")))
	ns := binary.BigEndian.AppendUint64(nil, uint64(date.Sub(time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC))))
	info := master(MKVInfo, EBML(MKVTitle, []byte(title)), EBML(0x5741, []byte("OBS Studio")), EBML(0x4461, ns))
	cluster := EBML(0x1F43B675, EBML(0xE7, []byte{0}), EBML(0xA3, bytes.Repeat([]byte{0x55}, 300)))
	tagsEl := master(MKVTags, master(MKVTag, tags...))
	seekHead := func(pos uint64) []byte {
		return EBML(0x114D9B74, EBML(0x4DBB, EBML(0x53AB, binary.BigEndian.AppendUint32(nil, MKVTags)), EBML(0x53AC, binary.BigEndian.AppendUint64(nil, pos))))
	}
	pos := uint64(len(seekHead(0)) + len(info) + len(cluster))
	return append(header, EBML(0x18538067, seekHead(pos), info, cluster, tagsEl)...)
}

// SimpleTag is a Matroska simple tag, with nested ones.
func SimpleTag(name, value string, nested ...[]byte) []byte {
	return EBML(MKVSimpleTag, append([][]byte{EBML(0x45A3, []byte(name)), EBML(0x4487, []byte(value))}, nested...)...)
}
