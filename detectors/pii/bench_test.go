package pii

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/consignhq/consign/detectors"
)

// proseWords is the vocabulary of the benchmark text.
var proseWords = []string{
	"the", "of", "and", "a", "to", "in", "is", "was", "that", "for", "it", "with", "as", "on",
	"photograph", "light", "morning", "river", "camera", "journey", "we", "walked", "along",
	"quiet", "street", "afternoon", "colour", "window", "market", "coffee", "friends", "story",
	"between", "through", "mountains", "evening", "remember", "because", "little", "beautiful",
}

// benchProse builds n bytes of English-like prose with sparse numbers:
// years, counts, prices, dates, and now and then a phone number.
func benchProse(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	var buf bytes.Buffer
	for buf.Len() < n {
		for range 12 + r.IntN(10) {
			buf.WriteString(proseWords[r.IntN(len(proseWords))])
			buf.WriteByte(' ')
		}
		switch r.IntN(40) {
		case 0:
			fmt.Fprintf(&buf, "in %d ", 1950+r.IntN(75))
		case 1:
			fmt.Fprintf(&buf, "for $%d.%02d ", r.IntN(500), r.IntN(100))
		case 2:
			fmt.Fprintf(&buf, "on 2021-%02d-%02d ", 1+r.IntN(12), 1+r.IntN(28))
		case 3:
			fmt.Fprintf(&buf, "%d people ", r.IntN(10000))
		case 4:
			if r.IntN(20) == 0 {
				fmt.Fprintf(&buf, "call (202) 555-%04d ", r.IntN(10000))
			}
		}
		buf.WriteString("then. ")
	}
	return buf.Bytes()[:n]
}

// BenchmarkIdentifiers runs every detector of this package over 8 MB of
// prose in 64 KiB chunks, as the scanner would.
func BenchmarkIdentifiers(b *testing.B) {
	text := benchProse(8 << 20)
	ds := []detectors.TextDetector{NewPhone(""), NewSSN(), NewNationalID(), NewCryptoWallet()}
	item := &detectors.Item{Language: "en"}
	for _, d := range ds {
		b.Run(d.Name(), func(b *testing.B) { benchDetectors(b, text, item, d) })
	}
	b.Run("all", func(b *testing.B) { benchDetectors(b, text, item, ds...) })
}

func benchDetectors(b *testing.B, text []byte, item *detectors.Item, ds ...detectors.TextDetector) {
	const chunk = 64 << 10
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		for off := 0; off < len(text); off += chunk {
			c := text[off:min(off+chunk, len(text))]
			for _, d := range ds {
				d.Find(item, c)
			}
		}
	}
}
