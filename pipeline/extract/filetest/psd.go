package filetest

import (
	"bytes"
	"encoding/binary"
)

// PSDTail is what follows a PSD's image resources: its layers and image
// data, which the redactor must leave as they are.
const PSDTail = "LAYERS AND IMAGE DATA, UNTOUCHED"

// PSD is a Photoshop document whose image resource section holds the
// blocks given, then PSDTail.
func PSD(blocks ...[]byte) []byte {
	h := append([]byte("8BPS\x00\x01"), make([]byte, 6)...)
	h = binary.BigEndian.AppendUint16(h, 3)
	h = binary.BigEndian.AppendUint32(h, 8)
	h = binary.BigEndian.AppendUint32(h, 8)
	h = binary.BigEndian.AppendUint16(h, 8)
	h = binary.BigEndian.AppendUint16(h, 3)
	h = binary.BigEndian.AppendUint32(h, 0) // colour mode data
	res := bytes.Join(blocks, nil)
	h = binary.BigEndian.AppendUint32(h, uint32(len(res)))
	return append(append(h, res...), PSDTail...)
}

// PSDResource frames data as a Photoshop image resource with the Pascal
// name given, padded to an even length as the format asks.
func PSDResource(id uint16, name string, data []byte) []byte {
	b := binary.BigEndian.AppendUint16([]byte("8BIM"), id)
	b = append(append(b, byte(len(name))), name...)
	if (1+len(name))%2 == 1 {
		b = append(b, 0)
	}
	b = binary.BigEndian.AppendUint32(b, uint32(len(data)))
	b = append(b, data...)
	if len(data)%2 == 1 {
		b = append(b, 0)
	}
	return b
}
