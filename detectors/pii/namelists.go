package pii

import (
	"bytes"
	_ "embed" // the name index
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"
)

// nameIndexFile is the name index: the words of the lists in namedata
// (namedata/README.md says where each comes from and under which
// licence) and of the word sets below, with their flags, as a wordFlags
// table read in place. Building it from the lists took a scan 40–60 ms
// of CPU, on one core while every worker waited for it.
// TestNameIndexFile builds it again from the lists and holds the file to
// it; `go test ./detectors/pii -run TestNameIndexFile -update` writes it.
//
//go:embed namedata/names.idx
var nameIndexFile []byte

// Flags of a token in the name index.
const (
	nameGiven       uint8 = 1 << iota // a given name
	nameSurname                       // a surname or other name part
	nameCommon                        // a common lower-case English word
	nameFrequent                      // a frequent given name
	nameHonorific                     // "mr", "herr", "mme": never part of a name
	namePlaceWord                     // "street", "beach": a pair before it is a place
	namePlacePrefix                   // "saint", "fort": a pair after it is a place
	nameTopSurname                    // one of the 300 most frequent US surnames
)

// nameWords are the flags that come from the word lists.
const nameWords = nameGiven | nameSurname | nameCommon

var nameIndex struct {
	once sync.Once
	m    *wordFlags
}

// nameLists returns the index of given names, surnames, common words and
// context words.
func nameLists() *wordFlags {
	nameIndex.once.Do(func() {
		m, err := unmarshalWordFlags(nameIndexFile)
		if err != nil {
			// The index is compiled in: a bad one is a build defect
			// that the package's tests catch.
			panic(fmt.Errorf("name index namedata/names.idx: %w", err))
		}
		nameIndex.m = m
	})
	return nameIndex.m
}

// lookupName returns the flags of tok, compared lower-case. ASCII tokens,
// nearly all of them, are folded into a stack buffer without allocating.
func lookupName(m *wordFlags, tok []byte) uint8 {
	var buf [32]byte
	if len(tok) > len(buf) {
		return 0
	}
	ascii := true
	for i, c := range tok {
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		buf[i] = toLower(c)
	}
	if ascii {
		return m.get(buf[:len(tok)])
	}
	return m.getString(strings.ToLower(string(bytes.ReplaceAll(tok, []byte("’"), []byte("'")))))
}

// lookupNameParts is lookupName for a hyphenated token: the whole token
// when listed ("jean-pierre"), else the flags its parts share with the
// first part ("Smith-Jones" is a surname when both parts are). An
// unlisted word that negates a common word is a common word too
// (negatedCommon).
func lookupNameParts(m *wordFlags, tok []byte) uint8 {
	f := lookupName(m, tok)
	if f != 0 {
		return f
	}
	if bytes.IndexByte(tok, '-') < 0 {
		return negatedCommon(m, tok)
	}
	if len(tok) > 4 && (tok[0] == 'A' || tok[0] == 'E') && tok[1] == 'l' && tok[2] == '-' {
		// The Arabic article makes a surname: "Al-Sayed", "El-Amin".
		return (lookupName(m, tok[3:])&^nameCommon)&nameWords | nameSurname
	}
	parts := bytes.Split(tok, []byte("-"))
	f = 0xff
	for _, p := range parts {
		f &= lookupName(m, p)
	}
	if f == 0xff {
		return 0
	}
	return f
}

// negatedCommon returns nameCommon for a word that no list holds made of
// "un" and a common word of four letters or more: "Untitled", "Undated",
// "Undisclosed", "Unlabelled". Titles that stand in for a missing one are
// such words ("pretty_name: Untitled catalog"), and the list of common words, which keeps the base
// word, lacks many of them; a cue would otherwise take one for a surname
// no list holds. A shorter base keeps a surname such as "Unwin" unlisted.
func negatedCommon(m *wordFlags, tok []byte) uint8 {
	if len(tok) < 6 || (tok[0] != 'U' && tok[0] != 'u') || tok[1] != 'n' {
		return 0
	}
	return lookupName(m, tok[2:]) & nameCommon
}

// nameCache remembers the flags of the words one Find call looked up, in
// a small direct-mapped table keyed by the word as written: prose repeats
// its capitalized words ("The", "I", "We", the names of its people), and
// the table answers them without a lookup in the large index.
type nameCache struct {
	m     *wordFlags
	slots [256]struct {
		word  []byte // a slice of the chunk: the cache lives no longer than one Find call
		flags uint8
	}
	filled []uint8 // the slots set since the cache was taken
}

// nameCaches recycles the caches: at 8 KiB each, one per Find call that
// meets a name was a fifth of a folder scan's allocations.
var nameCaches = sync.Pool{New: func() any { return &nameCache{m: nameLists()} }}

// release empties the cache, whose slots slice a chunk that is about to
// be reused, and gives it back.
func (c *nameCache) release() {
	// Clear only the slots in use: a metadata value fills one or two, and
	// clearing all 8 KiB for it cost more than its look-ups.
	for _, i := range c.filled {
		c.slots[i].word = nil
	}
	c.filled = c.filled[:0]
	nameCaches.Put(c)
}

func (c *nameCache) lookup(word []byte) uint8 {
	h := uint(len(word))*131 + uint(word[0])*31 + uint(word[len(word)-1])*7 + uint(word[len(word)/2])
	i := uint8(h % uint(len(c.slots)))
	slot := &c.slots[i]
	if bytes.Equal(slot.word, word) && slot.word != nil {
		return slot.flags
	}
	if slot.word == nil {
		c.filled = append(c.filled, i)
	}
	f := lookupNameParts(c.m, word)
	slot.word, slot.flags = word, f
	return f
}
