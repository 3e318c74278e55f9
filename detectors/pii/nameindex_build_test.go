package pii

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

var updateNameIndex = flag.Bool("update", false, "write namedata/names.idx from the name lists")

// brandWords are companies, products and platforms, lower case: bylines
// and credits name them, and the index calls them common words ("Photo by
// Adobe Photoshop" names no one).
var brandWords = newWordSet("adobe apple google microsoft amazon facebook meta instagram twitter youtube " +
	"tiktok netflix spotify samsung sony canon nikon fujifilm fuji leica olympus panasonic gopro dji " +
	"unsplash pexels pixabay shutterstock getty istock wikipedia wikimedia flickr pinterest linkedin " +
	"reddit github gitlab wordpress jekyll ubuntu android iphone ipad macbook windows linux " +
	"photoshop lightroom procreate figma canva tesla toyota bmw audi nike adidas ikea starbucks " +
	"whatsapp telegram snapchat vimeo dropbox zoom slack notion")

// nameListFiles are the word lists the index is built from, one word a
// line, gzipped, and the flag each gives its words.
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

// nameIndexSets are the word sets the index holds beside the lists: the
// context words ride in it so that one lookup per capitalized word tells
// all.
func nameIndexSets() []struct {
	set  *wordSet
	flag uint8
} {
	return []struct {
		set  *wordSet
		flag uint8
	}{{brandWords, nameCommon}, {honorifics, nameHonorific}, {placeWords, namePlaceWord}, {placePrefixes, namePlacePrefix}}
}

// readNameList returns the words of a list file in its order.
func readNameList(file string) ([]string, error) {
	f, err := os.Open(filepath.FromSlash(file))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read name list %s: %w", file, err)
	}
	var words []string
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		if w := sc.Text(); w != "" {
			words = append(words, w)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read name list %s: %w", file, err)
	}
	return words, nil
}

// buildNameIndex builds the name index from the lists and the sets, in a
// fixed order (the lists' own, then each set's words sorted), so that the
// same words give the same bytes.
func buildNameIndex() (*wordFlags, error) {
	m := newWordFlags(160000)
	for _, l := range nameListFiles {
		words, err := readNameList(l.file)
		if err != nil {
			return nil, err
		}
		for _, w := range words {
			m.or([]byte(w), l.flag)
		}
	}
	for _, s := range nameIndexSets() {
		words := make([]string, 0, len(s.set.all()))
		for w := range s.set.all() {
			words = append(words, w)
		}
		slices.Sort(words)
		for _, w := range words {
			m.or([]byte(w), s.flag)
		}
	}
	return m, nil
}

// TestNameIndexFile holds the compiled-in name index to the one the lists
// and sets build now: a list or set changed without writing the index
// again fails here.
func TestNameIndexFile(t *testing.T) {
	m, err := buildNameIndex()
	if err != nil {
		t.Fatal(err)
	}
	b, err := m.marshal()
	if err != nil {
		t.Fatal(err)
	}
	if *updateNameIndex {
		if err := os.WriteFile(filepath.Join("namedata", "names.idx"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote namedata/names.idx: %d words, %d bytes", m.len(), len(b))
		return
	}
	if !bytes.Equal(b, nameIndexFile) {
		t.Fatalf("namedata/names.idx (%d bytes) is not the index the lists build (%d bytes, %d words): run go test ./detectors/pii -run TestNameIndexFile -update", len(nameIndexFile), len(b), m.len())
	}
}

// TestUnmarshalWordFlags: a table reads back as it was written, and what
// is not one is refused.
func TestUnmarshalWordFlags(t *testing.T) {
	w := newWordFlags(0)
	for i := range 3000 {
		w.or(fmt.Appendf(nil, "word%d", i), uint8(i%7+1))
	}
	b, err := w.marshal()
	if err != nil {
		t.Fatal(err)
	}
	r, err := unmarshalWordFlags(b)
	if err != nil {
		t.Fatal(err)
	}
	if r.len() != w.len() {
		t.Fatalf("%d words read back, want %d", r.len(), w.len())
	}
	for i := range 3000 {
		if got, want := r.get(fmt.Appendf(nil, "word%d", i)), uint8(i%7+1); got != want {
			t.Fatalf("flags of word%d = %d, want %d", i, got, want)
		}
	}
	if r.getString("word3000") != 0 {
		t.Error("a word never added has flags")
	}
	w.or(bytes.Repeat([]byte("x"), 300), nameGiven)
	if _, err := w.marshal(); err == nil {
		t.Error("a table with a word past 255 bytes was written")
	}
	for name, bad := range map[string][]byte{
		"empty":          nil,
		"another file":   []byte("PK\x03\x04 not a word table at all"),
		"cut short":      b[:len(b)-1],
		"one byte extra": append(slices.Clone(b), 0),
	} {
		if _, err := unmarshalWordFlags(bad); err == nil {
			t.Errorf("%s: read as a word table", name)
		}
	}
}
