package pipeline

import (
	"bytes"
	"crypto/sha512"
	"encoding/hex"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/consignhq/consign/pipeline/extract"
)

func TestSideHashIsTheDigest(t *testing.T) {
	data := make([]byte, 3*sideChunk*sideChunks+12345)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range data {
		data[i] = byte(r.Uint32())
	}
	tests := []struct {
		name   string
		pieces []int // sizes of successive writes, repeated to the end
	}{
		{"nothing", nil},
		{"one write", []int{len(data)}},
		{"read-sized writes", []int{256 << 10}},
		{"odd writes across chunks", []int{1, sideChunk - 1, sideChunk + 7, 3}},
		{"a chunk exactly", []int{sideChunk}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := sha512.New()
			s := newSideHash(sha512.New())
			rest, i := data, 0
			if tt.pieces == nil {
				rest = nil
			}
			for len(rest) > 0 {
				n := min(tt.pieces[i%len(tt.pieces)], len(rest))
				piece := bytes.Clone(rest[:n])
				s.Write(piece)
				want.Write(piece)
				clear(piece) // the reader reuses its buffer at once
				rest, i = rest[n:], i+1
			}
			if got := s.Sum(nil); !bytes.Equal(got, want.Sum(nil)) {
				t.Errorf("digest %x, want %x", got, want.Sum(nil))
			}
			s.stop() // after Sum, as a deferred stop does
		})
	}
}

func TestSideHashStopsWithoutSum(t *testing.T) {
	s := newSideHash(sha512.New())
	s.Write(make([]byte, sideChunk*sideChunks+1))
	s.stop()
	s.stop()
	select {
	case <-s.done:
	default:
		t.Fatal("the hashing goroutine still runs")
	}
}

// TestScanSHA512OfLargeFiles checks the digest a scan for pack records,
// computed beside the read from sideHashMin on, for text (read through
// the text sink) and other content.
func TestScanSHA512OfLargeFiles(t *testing.T) {
	text := strings.Repeat("a line of plain text to scan\n", sideHashMin/29+100)
	other := "\x00\x01binary" + strings.Repeat("\xff\x00", sideHashMin/2)
	files := map[string]string{"small.txt": "short", "large.txt": text, "large.bin": other}
	recs, _, err := scanAll(t, Options{Root: writeTree(t, files), Extractors: extract.Default(), SHA512: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		sum := sha512.Sum512([]byte(files[rec.Path]))
		if want := hex.EncodeToString(sum[:]); rec.SHA512 != want {
			t.Errorf("%s (%d bytes): sha512 %s, want %s", rec.Path, rec.Size, rec.SHA512, want)
		}
	}
	if len(recs) != len(files) {
		t.Errorf("%d records, want %d", len(recs), len(files))
	}
}
