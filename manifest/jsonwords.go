package manifest

import (
	"encoding/binary"
	"math/bits"
)

// A bundle's metadata is tens of megabytes of JSON, most of it string
// bodies and, in the indented content profile, runs of spaces. Looking at
// them a byte at a time was most of the cost of checking the metadata
// against its schemas: plainRun and the space skip look at eight bytes
// at once, and fall back to a byte at a time only where one needs a
// decision.

const (
	eachByte = 0x0101010101010101 // 1 in every byte of a word
	highBits = 0x8080808080808080 // the top bit of every byte
)

// plainRun returns the index of the first byte at or after i that ends a
// run of plain string bytes: printable ASCII other than '"' and '\\'. It
// returns len(data) when every byte is plain, and i when i is past the
// end.
func plainRun(data []byte, i int) int {
	for ; i+8 <= len(data); i += 8 {
		if m := notPlain(binary.LittleEndian.Uint64(data[i:])); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
	}
	for ; i < len(data); i++ {
		if c := data[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
			return i
		}
	}
	return i
}

// notPlain has the top bit set in the byte of w (read little-endian) that
// is the first not plain, and possibly in later bytes; it is 0 when all
// eight are plain. Subtracting one from a byte borrows from the next only
// when the byte is zero, and subtracting 0x20 only when it is below 0x20:
// either way the byte itself is flagged, so the lowest flag is exact.
func notPlain(w uint64) uint64 {
	quote := w ^ (eachByte * '"')
	backslash := w ^ (eachByte * '\\')
	return ((quote-eachByte)&^quote | (backslash-eachByte)&^backslash | (w - eachByte*0x20) | w) & highBits
}

// spaces is eight JSON spaces, the indentation of the content profile.
const spaces = eachByte * ' '

// spaceRun returns the index of the first byte at or after i that is not
// JSON white space, or len(data).
func spaceRun(data []byte, i int) int {
	for i < len(data) {
		if i+8 <= len(data) {
			// Step over the spaces that start the word, all eight or up
			// to the first other byte, which the switch then decides.
			w := binary.LittleEndian.Uint64(data[i:]) ^ spaces
			if w == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(w) >> 3
		}
		switch data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return len(data)
}
