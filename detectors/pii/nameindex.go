package pii

import (
	"bytes"
	"hash/maphash"
)

// wordFlags maps words to flags, like a map[string]uint8, in memory that
// holds no pointers. The name index holds some 150,000 words: as a map of
// strings, every garbage collection of a scan walked all of them, which
// cost a tenth of a folder scan's CPU. Here the words lie end to end in
// one byte slice and an open-addressed table of integers places them, so
// the collector never looks inside.
type wordFlags struct {
	data []byte // the words, end to end
	// slots hold a word's offset in data (high 32 bits), its length (8
	// bits), its flags (8 bits) and 16 bits of its hash; 0 is empty.
	slots []uint64
	n     int
	// long holds the rare words too long for a slot's length field.
	long map[string]uint8
	seed maphash.Seed
}

func newWordFlags(sizeHint int) *wordFlags {
	size := 1024
	for size*3 < sizeHint*4 {
		size <<= 1
	}
	return &wordFlags{slots: make([]uint64, size), seed: maphash.MakeSeed()}
}

const maxSlotWord = 0xff

func (w *wordFlags) len() int { return w.n + len(w.long) }

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
	h := maphash.Bytes(w.seed, word)
	i := w.find(h, word)
	if e := w.slots[i]; e != 0 {
		w.slots[i] = e | uint64(flags)<<16
		return
	}
	if (w.n+1)*4 > len(w.slots)*3 {
		w.grow()
		i = w.find(h, word)
	}
	off := len(w.data)
	w.data = append(w.data, word...)
	w.slots[i] = uint64(off)<<32 | uint64(len(word))<<24 | uint64(flags)<<16 | h&0xffff
	w.n++
}

// find returns the slot holding word, or the empty slot where it would go.
func (w *wordFlags) find(h uint64, word []byte) int {
	mask := len(w.slots) - 1
	for i := int(h>>16) & mask; ; i = (i + 1) & mask {
		e := w.slots[i]
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
	w.slots = make([]uint64, 2*len(old))
	mask := len(w.slots) - 1
	for _, e := range old {
		if e == 0 {
			continue
		}
		off, n := int(e>>32), int(e>>24&0xff)
		h := maphash.Bytes(w.seed, w.data[off:off+n])
		i := int(h>>16) & mask
		for w.slots[i] != 0 {
			i = (i + 1) & mask
		}
		w.slots[i] = e
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
	e := w.slots[w.find(maphash.Bytes(w.seed, word), word)]
	return uint8(e >> 16)
}

// getString is get for a string.
func (w *wordFlags) getString(word string) uint8 {
	if len(word) > maxSlotWord {
		return w.long[word]
	}
	return w.get([]byte(word))
}
