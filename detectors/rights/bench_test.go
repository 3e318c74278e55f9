package rights

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/consignhq/consign/detectors"
)

var proseWords = []string{
	"the", "of", "and", "a", "to", "in", "is", "was", "that", "for", "it", "with", "as", "on",
	"photograph", "light", "morning", "river", "camera", "journey", "we", "walked", "along",
	"quiet", "street", "afternoon", "colour", "window", "market", "coffee", "friends", "story",
	"reserved", "rights", "copy", "Creative", "press", "credit", "photo", "image", "licence",
}

// benchProse builds n bytes of prose that uses the words rights
// detectors look near, without being notices or licences.
func benchProse(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	var buf bytes.Buffer
	for buf.Len() < n {
		for range 12 + r.IntN(10) {
			buf.WriteString(proseWords[r.IntN(len(proseWords))])
			buf.WriteByte(' ')
		}
		buf.WriteString("then.\n")
	}
	return buf.Bytes()[:n]
}

// BenchmarkTextDetectors runs each text detector of the package, and all
// of them, over 8 MB of prose in 64 KiB chunks, as the scanner would.
func BenchmarkTextDetectors(b *testing.B) {
	text := benchProse(8 << 20)
	item := &detectors.Item{Path: "post.md", Kind: "text", MediaType: "text/markdown"}
	var all []detectors.TextDetector
	for _, reg := range All() {
		if td, ok := reg.New(detectors.Config{Identity: janeDoe}).(detectors.TextDetector); ok {
			all = append(all, td)
			b.Run(td.Name(), func(b *testing.B) { benchFind(b, text, item, td) })
		}
	}
	b.Run("all", func(b *testing.B) { benchFind(b, text, item, all...) })
}

func benchFind(b *testing.B, text []byte, item *detectors.Item, ds ...detectors.TextDetector) {
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
