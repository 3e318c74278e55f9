package pii

import (
	"bytes"
	"encoding/binary"
	"errors"
)

// wordFlags maps words to flags, like a map[string]uint8, in memory that
// holds no pointers. The name index holds some 150,000 words: as a map of
// strings, every garbage collection of a scan walked all of them, which
// cost a tenth of a folder scan's CPU. Here the words lie end to end in
// one byte slice and an open-addressed table of integers places them, so
// the collector never looks inside.
//
// The hash is fixed, so a table can be built ahead of time and read in
// place: the name index is compiled into the binary that way
// (nameIndexFile), and costs a scan nothing to load.
type wordFlags struct {
	data []byte // the words, end to end
	// slots hold, as little-endian 64-bit integers, a word's offset in
	// data (high 32 bits), its length (8 bits), its flags (8 bits) and
	// 16 bits of its hash; 0 is empty. Their number is a power of two.
	slots []byte
	n     int
	// long holds the rare words too long for a slot's length field.
	long map[string]uint8
}

func newWordFlags(sizeHint int) *wordFlags {
	size := 1024
	for size*3 < sizeHint*4 {
		size <<= 1
	}
	return &wordFlags{slots: make([]byte, size*8)}
}

const maxSlotWord = 0xff

func (w *wordFlags) len() int { return w.n + len(w.long) }

// slot returns slot i.
func (w *wordFlags) slot(i int) uint64 { return binary.LittleEndian.Uint64(w.slots[i*8:]) }

// setSlot writes slot i.
func (w *wordFlags) setSlot(i int, e uint64) { binary.LittleEndian.PutUint64(w.slots[i*8:], e) }

// wordHash is FNV-1a with a final mix (MurmurHash3's), so that the bits
// the table takes its index and check from both depend on every byte.
func wordHash(word []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range word {
		h = (h ^ uint64(c)) * 1099511628211
	}
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// or sets flags on word, adding it when absent.
func (w *wordFlags) or(word []byte, flags uint8) {
	if len(word) == 0 {
		return
	}
	if len(word) > maxSlotWord {
		if w.long == nil {
			w.long = map[string]uint8{}
		}
		w.long[string(word)] |= flags
		return
	}
	h := wordHash(word)
	i := w.find(h, word)
	if e := w.slot(i); e != 0 {
		w.setSlot(i, e|uint64(flags)<<16)
		return
	}
	if (w.n+1)*4 > len(w.slots)/8*3 {
		w.grow()
		i = w.find(h, word)
	}
	off := len(w.data)
	w.data = append(w.data, word...)
	w.setSlot(i, uint64(off)<<32|uint64(len(word))<<24|uint64(flags)<<16|h&0xffff)
	w.n++
}

// find returns the slot holding word, or the empty slot where it would go.
func (w *wordFlags) find(h uint64, word []byte) int {
	mask := len(w.slots)/8 - 1
	for i := int(h>>16) & mask; ; i = (i + 1) & mask {
		e := w.slot(i)
		if e == 0 {
			return i
		}
		if e&0xffff == h&0xffff && int(e>>24&0xff) == len(word) {
			off := int(e >> 32)
			if bytes.Equal(w.data[off:off+len(word)], word) {
				return i
			}
		}
	}
}

func (w *wordFlags) grow() {
	old := w.slots
	w.slots = make([]byte, 2*len(old))
	mask := len(w.slots)/8 - 1
	for k := range len(old) / 8 {
		e := binary.LittleEndian.Uint64(old[k*8:])
		if e == 0 {
			continue
		}
		off, n := int(e>>32), int(e>>24&0xff)
		i := int(wordHash(w.data[off:off+n])>>16) & mask
		for w.slot(i) != 0 {
			i = (i + 1) & mask
		}
		w.setSlot(i, e)
	}
}

// get returns word's flags, 0 when it is absent.
func (w *wordFlags) get(word []byte) uint8 {
	if len(word) == 0 {
		return 0
	}
	if len(word) > maxSlotWord {
		return w.long[string(word)]
	}
	return uint8(w.slot(w.find(wordHash(word), word)) >> 16)
}

// getString is get for a string.
func (w *wordFlags) getString(word string) uint8 {
	if len(word) > maxSlotWord {
		return w.long[word]
	}
	return w.get([]byte(word))
}

// wordFlagsMagic starts a wordFlags table written by marshal.
const wordFlagsMagic = "consign words 1\n"

// marshal writes the table as unmarshalWordFlags reads it: the magic, the
// number of words, then the slots and the words, each preceded by its
// length in bytes (little-endian 32-bit integers). A table with words too
// long for a slot cannot be written.
func (w *wordFlags) marshal() ([]byte, error) {
	if len(w.long) > 0 {
		return nil, errors.New("words longer than 255 bytes")
	}
	out := append([]byte(wordFlagsMagic), make([]byte, 12)...)
	binary.LittleEndian.PutUint32(out[len(wordFlagsMagic):], uint32(w.n))
	binary.LittleEndian.PutUint32(out[len(wordFlagsMagic)+4:], uint32(len(w.slots)))
	binary.LittleEndian.PutUint32(out[len(wordFlagsMagic)+8:], uint32(len(w.data)))
	out = append(out, w.slots...)
	return append(out, w.data...), nil
}

// unmarshalWordFlags reads a table marshal wrote, in place: the table's
// slots and words are b's bytes, which must not change.
func unmarshalWordFlags(b []byte) (*wordFlags, error) {
	head := len(wordFlagsMagic) + 12
	if len(b) < head || string(b[:len(wordFlagsMagic)]) != wordFlagsMagic {
		return nil, errors.New("not a word table")
	}
	n := int(binary.LittleEndian.Uint32(b[len(wordFlagsMagic):]))
	slots := int(binary.LittleEndian.Uint32(b[len(wordFlagsMagic)+4:]))
	data := int(binary.LittleEndian.Uint32(b[len(wordFlagsMagic)+8:]))
	if slots < 8 || slots%8 != 0 || slots/8&(slots/8-1) != 0 || n >= slots/8 || len(b) != head+slots+data {
		return nil, errors.New("word table of the wrong size")
	}
	return &wordFlags{slots: b[head : head+slots : head+slots], data: b[head+slots:], n: n}, nil
}
