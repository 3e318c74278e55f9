package ngram

import (
	_ "embed"
	"encoding/binary"
	"fmt"
	"math"
	"sync"
)

// Language is one of lingua's languages: its English name and its ISO
// 639-1 code in lower case.
type Language struct {
	Name string
	Code string
}

//go:embed models.bin
var models string

// magic starts models.bin; keep it in step with gen.
const magic = "consign-ngram-v1"

// Key packs an n-gram of one to three runes the way gen does, 21 bits a
// rune, so that a key names one n-gram and keys of one order sort alike.
func Key(runes ...rune) uint64 {
	var key uint64
	for _, r := range runes {
		key = key<<21 | uint64(r)
	}
	return key
}

// Key3 is Key of a trigram, without the loop over a slice: the language
// detector packs every trigram of its samples.
func Key3(a, b, c rune) uint64 { return uint64(a)<<42 | uint64(b)<<21 | uint64(c) }

// order is the table of the n-grams of one length, read in place from
// models.bin.
type order struct {
	n       int
	keys    string // n uint64, sorted
	offsets string // n+1 uint32 into the postings
	langs   string // one byte a posting: the language's index
	logps   string // one float64 a posting: the log of the probability
	// every is every blockSize-th key, from the first: a copy small enough
	// to stay in the processor's cache, which narrows a search to one
	// block of keys before the search touches the large table.
	every []uint64
}

// blockSize is how many keys one entry of order.every stands for.
const blockSize = 64

// Table is the model table. Its methods are safe for concurrent use.
type Table struct {
	orders [3]order
}

var (
	loadOnce sync.Once
	table    *Table
	loadErr  error
)

// Load returns the table compiled into the binary. It only checks the
// table's layout: the data itself is read where it lies.
func Load() (*Table, error) {
	loadOnce.Do(func() { table, loadErr = parse(models) })
	return table, loadErr
}

func parse(data string) (*Table, error) {
	if len(data) < len(magic) || data[:len(magic)] != magic {
		return nil, fmt.Errorf("ngram models: bad header")
	}
	t := &Table{}
	off := len(magic)
	for i := range t.orders {
		o, next, err := parseOrder(data, off)
		if err != nil {
			return nil, fmt.Errorf("ngram models: order %d at offset %d: %w", i+1, off, err)
		}
		t.orders[i], off = o, next
	}
	if off != len(data) {
		return nil, fmt.Errorf("ngram models: %d bytes after the tables", len(data)-off)
	}
	return t, nil
}

func parseOrder(data string, off int) (order, int, error) {
	le := binary.LittleEndian
	take := func(n int) (string, error) {
		if n < 0 || n > len(data)-off {
			return "", fmt.Errorf("%d bytes at offset %d run past the end", n, off)
		}
		s := data[off : off+n]
		off += n
		return s, nil
	}
	head, err := take(4)
	if err != nil {
		return order{}, 0, err
	}
	n := int(le.Uint32([]byte(head)))
	var o order
	o.n = n
	if o.keys, err = take(8 * n); err != nil {
		return order{}, 0, err
	}
	if o.offsets, err = take(4 * (n + 1)); err != nil {
		return order{}, 0, err
	}
	postings := int(le.Uint32([]byte(o.offsets[4*n:])))
	if o.langs, err = take(postings); err != nil {
		return order{}, 0, err
	}
	if o.logps, err = take(8 * postings); err != nil {
		return order{}, 0, err
	}
	o.every = make([]uint64, (n+blockSize-1)/blockSize)
	for b := range o.every {
		o.every[b] = o.key(b * blockSize)
	}
	return o, off, nil
}

// Postings are the languages whose model holds one n-gram, in language
// order, with the log of the n-gram's probability in each.
type Postings struct {
	langs string
	logps string
}

// Len is the number of languages.
func (p Postings) Len() int { return len(p.langs) }

// At returns the i-th language's index in Languages and its
// log-probability.
func (p Postings) At(i int) (lang int, logp float64) {
	return int(p.langs[i]), math.Float64frombits(u64(p.logps[8*i : 8*i+8]))
}

// Lang returns the i-th language's index in Languages, without reading
// its log-probability.
func (p Postings) Lang(i int) int { return int(p.langs[i]) }

// LogP returns the i-th language's log-probability.
func (p Postings) LogP(i int) float64 { return math.Float64frombits(u64(p.logps[8*i : 8*i+8])) }

// Lookup returns the postings of the n-gram of n runes (1 to 3) packed in
// key; none when no language's model holds it.
func (t *Table) Lookup(n int, key uint64) Postings {
	if n < 1 || n > len(t.orders) {
		return Postings{}
	}
	o := &t.orders[n-1]
	// The block is the last one whose first key is not above key.
	lo, hi := 0, len(o.every)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if o.every[mid] <= key {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo == 0 {
		return Postings{}
	}
	lo = (lo - 1) * blockSize
	hi = min(lo+blockSize, o.n)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if o.key(mid) < key {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo == o.n || o.key(lo) != key {
		return Postings{}
	}
	from, to := o.offset(lo), o.offset(lo+1)
	return Postings{langs: o.langs[from:to], logps: o.logps[8*from : 8*to]}
}

func (o *order) key(i int) uint64 { return u64(o.keys[8*i : 8*i+8]) }

// u64 reads a little-endian uint64 from a string without copying it.
func u64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

func (o *order) offset(i int) int {
	s := o.offsets[4*i : 4*i+4]
	return int(uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24)
}
