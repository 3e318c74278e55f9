package pii

import (
	"context"
	"encoding/binary"

	"github.com/consignhq/consign/detectors"
)

// Byte classes the hand-written scanners test with one table lookup.
const (
	clsDigit = 1 << iota
	clsUpper
	clsLower
	clsHex
	clsTokenPunct // '_' and '-', which tokens and base64url use
	clsEmailLocal // '.', '%', '+', beyond letters, digits, '_' and '-'
)

var asciiClass = func() (t [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		t[c] |= clsDigit | clsHex
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] |= clsUpper
		t[c+'a'-'A'] |= clsLower
	}
	for c := 'A'; c <= 'F'; c++ {
		t[c] |= clsHex
		t[c+'a'-'A'] |= clsHex
	}
	t['_'] |= clsTokenPunct
	t['-'] |= clsTokenPunct
	for _, c := range ".%+" {
		t[c] |= clsEmailLocal
	}
	return t
}()

func asciiDigit(b byte) bool { return asciiClass[b]&clsDigit != 0 }
func asciiHex(b byte) bool   { return asciiClass[b]&clsHex != 0 }
func asciiUpper(b byte) bool { return asciiClass[b]&clsUpper != 0 }

// asciiAlnum also counts bytes of UTF-8 sequences, so that a value glued
// to a word in any script is not taken as standing alone.
func asciiAlnum(b byte) bool { return asciiClass[b]&(clsDigit|clsUpper|clsLower) != 0 || b >= 0x80 }

// asciiToken is a byte of a token or base64url run.
func asciiToken(b byte) bool {
	return asciiClass[b]&(clsDigit|clsUpper|clsLower|clsTokenPunct) != 0
}

// alnumBefore reports whether chunk[i-1] exists and is alphanumeric.
func alnumBefore(chunk []byte, i int) bool { return i > 0 && asciiAlnum(chunk[i-1]) }

// alnumAt reports whether chunk[i] exists and is alphanumeric.
func alnumAt(chunk []byte, i int) bool { return i < len(chunk) && asciiAlnum(chunk[i]) }

// textOnly gives text detectors the rest of detectors.Detector: they apply
// to every item, and a TextScanner drives them over both the item's text
// and its metadata fields, so Detect has nothing left to find.
type textOnly struct{}

func (textOnly) Applies(*detectors.Item) bool { return true }

func (textOnly) Detect(context.Context, *detectors.Item) ([]detectors.Finding, error) {
	return nil, nil
}

// FindKey implements detectors.FindKeyer for the text detectors whose
// Find reads nothing of the item; one that reads some says what itself.
func (textOnly) FindKey(*detectors.Item) string { return "" }

// SWAR constants: one byte repeated across a word.
const (
	swarOnes = 0x0101010101010101
	swarHigh = 0x8080808080808080
)

// nextDigit returns the index of the first ASCII digit in b at or after
// from, or len(b). Prose is mostly letters, so it tests sixteen bytes at
// a time, as two words of eight: most chunks of text hold no digit and
// cost a few operations per word.
func nextDigit(b []byte, from int) int {
	if from >= len(b) {
		return len(b)
	}
	// Walking a shrinking slice spares the bounds checks of b[i:].
	rest := b[from:]
	for len(rest) >= 16 {
		if digitBytes(binary.LittleEndian.Uint64(rest))|digitBytes(binary.LittleEndian.Uint64(rest[8:])) != 0 {
			break
		}
		rest = rest[16:]
	}
	for len(rest) >= 8 && digitBytes(binary.LittleEndian.Uint64(rest)) == 0 {
		rest = rest[8:]
	}
	i := len(b) - len(rest)
	for ; i < len(b); i++ {
		if asciiDigit(b[i]) {
			return i
		}
	}
	return len(b)
}

// digitBytes sets the high bit of each byte of x that is an ASCII digit:
// a byte is one when it is above '0'-1 and below '9'+1, both comparisons
// done on the low seven bits of every byte at once, and bytes with the
// high bit set are excluded.
func digitBytes(x uint64) uint64 {
	low := x &^ swarHigh
	above := low + swarOnes*(127-'/')
	below := swarOnes*(127+':') - low
	return above & below &^ x & swarHigh
}
