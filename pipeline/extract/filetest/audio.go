package filetest

import (
	"bytes"
	"encoding/binary"
)

// IFFChunk frames body as a chunk of an IFF file (AIFF, big-endian) or a
// RIFF file (WAV, AVI; little-endian), padded to an even length.
func IFFChunk(order binary.AppendByteOrder, id string, body []byte) []byte {
	b := order.AppendUint32([]byte(id), uint32(len(body)))
	b = append(b, body...)
	if len(body)%2 == 1 {
		b = append(b, 0)
	}
	return b
}

// IFF is a FORM (big-endian) or RIFF (little-endian) file of form type
// typ holding the chunks.
func IFF(order binary.AppendByteOrder, magic, typ string, chunks ...[]byte) []byte {
	body := bytes.Join(chunks, nil)
	b := order.AppendUint32([]byte(magic), uint32(4+len(body)))
	return append(append(b, typ...), body...)
}

// ID3v2 is an ID3v2 tag of version ver (2, 3 or 4) with the header flags
// given, holding frames (see ID3Frame) and no padding.
func ID3v2(ver, flags byte, frames ...[]byte) []byte {
	body := bytes.Join(frames, nil)
	n := len(body)
	h := []byte{'I', 'D', '3', ver, 0, flags, byte(n >> 21 & 0x7f), byte(n >> 14 & 0x7f), byte(n >> 7 & 0x7f), byte(n & 0x7f)}
	return append(h, body...)
}

// ID3Frame is a frame of an ID3v2.ver tag: a 3-byte ID and size in
// version 2.2, a 4-byte ID, a plain (2.3) or synchsafe (2.4) size and
// empty flags after.
func ID3Frame(ver byte, id, payload string) []byte {
	n := len(payload)
	b := []byte(id)
	switch ver {
	case 2:
		b = append(b, byte(n>>16), byte(n>>8), byte(n))
	case 3:
		b = append(binary.BigEndian.AppendUint32(b, uint32(n)), 0, 0)
	default:
		b = append(b, byte(n>>21)&0x7F, byte(n>>14)&0x7F, byte(n>>7)&0x7F, byte(n)&0x7F, 0, 0)
	}
	return append(b, payload...)
}

// FLAC builds a FLAC stream: a STREAMINFO for 2 s at 8 kHz, then the
// blocks, the last marked so.
func FLAC(blocks ...[]byte) []byte {
	si := make([]byte, 34)
	// sample rate 8000 (20 bits), 1 channel, 16 bits, 16000 samples
	si[10], si[11], si[12] = 8000>>12, 8000>>4&0xff, (8000&0xf)<<4|0<<1|(15>>4)
	si[13] = 15 << 4
	binary.BigEndian.PutUint32(si[14:18], 16000)
	out := []byte("fLaC")
	all := append([][]byte{FLACBlock(0, si)}, blocks...)
	for i, b := range all {
		if i == len(all)-1 {
			b[0] |= 0x80
		}
		out = append(out, b...)
	}
	return out
}

// FLACBlock frames body as a FLAC metadata block of type typ.
func FLACBlock(typ byte, body []byte) []byte {
	n := len(body)
	return append([]byte{typ, byte(n >> 16), byte(n >> 8), byte(n)}, body...)
}

// VorbisBlock is a FLAC Vorbis comment block holding comments
// ("ARTIST=Ann").
func VorbisBlock(comments ...string) []byte {
	b := binary.LittleEndian.AppendUint32(nil, 4)
	b = append(b, "test"...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(comments)))
	for _, c := range comments {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(c)))
		b = append(b, c...)
	}
	return FLACBlock(4, b)
}
