package pii

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"
)

// namedata holds the name lists; namedata/README.md says where each
// comes from and under which licence.
//
//go:embed namedata/given.txt.gz namedata/given-frequent.txt.gz namedata/surnames.txt.gz
//go:embed namedata/surnames-frequent.txt.gz namedata/common.txt.gz
var namedata embed.FS

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

// brandWords are companies, products and platforms, lower case.
var brandWords = newWordSet("adobe apple google microsoft amazon facebook meta instagram twitter youtube " +
	"tiktok netflix spotify samsung sony canon nikon fujifilm fuji leica olympus panasonic gopro dji " +
	"unsplash pexels pixabay shutterstock getty istock wikipedia wikimedia flickr pinterest linkedin " +
	"reddit github gitlab wordpress jekyll ubuntu android iphone ipad macbook windows linux " +
	"photoshop lightroom procreate figma canva tesla toyota bmw audi nike adidas ikea starbucks " +
	"whatsapp telegram snapchat vimeo dropbox zoom slack notion")

// nameWords are the flags that come from the word lists.
const nameWords = nameGiven | nameSurname | nameCommon

var nameIndex struct {
	once sync.Once
	m    *wordFlags
}

// nameListFiles are the compiled-in word lists and the flag each gives
// its words.
var nameListFiles = []struct {
	file string
	flag uint8
}{
	{"namedata/given.txt.gz", nameGiven},
	{"namedata/surnames.txt.gz", nameSurname},
	{"namedata/common.txt.gz", nameCommon},
	{"namedata/given-frequent.txt.gz", nameFrequent},
	{"namedata/surnames-frequent.txt.gz", nameTopSurname},
}

// nameLists returns the index of given names, surnames and common words,
// loading it on first use: the lists cost a few megabytes of memory that
// a run without the name detector never pays.
func nameLists() *wordFlags {
	nameIndex.once.Do(func() {
		m := newWordFlags(160000)
		for _, l := range nameListFiles {
			if err := loadNameList(m, l.file, l.flag); err != nil {
				// The lists are compiled in: a bad one is a build defect
				// that the package's tests catch.
				panic(err)
			}
		}
		// Brands and platforms that bylines and credits name read as
		// common words: "Photo by Adobe Photoshop" names no one.
		for w := range brandWords.all() {
			m.or([]byte(w), nameCommon)
		}
		// The context words ride in the same index, so that one lookup
		// per capitalized word tells all.
		for _, l := range []struct {
			set  *wordSet
			flag uint8
		}{{honorifics, nameHonorific}, {placeWords, namePlaceWord}, {placePrefixes, namePlacePrefix}} {
			for w := range l.set.all() {
				m.or([]byte(w), l.flag)
			}
		}
		nameIndex.m = m
	})
	return nameIndex.m
}

func loadNameList(m *wordFlags, file string, flag uint8) error {
	f, err := namedata.Open(file)
	if err != nil {
		return fmt.Errorf("open name list %s: %w", file, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("read name list %s: %w", file, err)
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		if w := sc.Bytes(); len(w) > 0 {
			m.or(w, flag)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read name list %s: %w", file, err)
	}
	return nil
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
