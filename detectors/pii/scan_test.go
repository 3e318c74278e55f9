package pii

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
)

func allTextDetectors(t testing.TB) []detectors.TextDetector {
	t.Helper()
	reg, err := detectors.NewRegistry(All())
	if err != nil {
		t.Fatal(err)
	}
	names, err := reg.Preset(detectors.PresetStrict)
	if err != nil {
		t.Fatal(err)
	}
	dets, err := reg.New(names, detectors.Config{})
	if err != nil {
		t.Fatal(err)
	}
	return detectors.TextDetectors(dets)
}

// TestScanFindsPlantedValuesOnce plants every kind of value across the
// chunk boundaries of a small-chunk scan and checks each is found exactly
// once, wherever it falls.
func TestScanFindsPlantedValuesOnce(t *testing.T) {
	dets := allTextDetectors(t)
	values := []struct{ text, kind string }{
		{"jane.doe@gmail.com", "email"},
		{"4111 1111 1111 1111", "card"},
		{"DE89 3704 0044 0532 0130 00", "iban"},
		{"81.2.69.160", "ip"},
		{"00:1a:2b:3c:4d:5e", "mac"},
		{fakeGitHub, "github_token"},
	}
	chunk := 9000 // above the secrets detector's overlap, so chunks stay small
	for _, v := range values {
		for at := chunk - len(v.text) - 2; at <= chunk+2; at++ {
			text := []byte(strings.Repeat("lorem ipsum dolor sit amet\n", 2*chunk/27+2))
			copy(text[at-1:], " "+v.text+" ")
			s := detectors.NewTextScanner(dets, &detectors.Item{Path: "p.txt"}, detectors.ScanOptions{
				Fingerprinter: detectors.NewFingerprinter(make([]byte, detectors.KeySize)),
				ChunkSize:     chunk,
			})
			if err := s.Scan("", detectors.InContent, bytes.NewReader(text)); err != nil {
				t.Fatal(err)
			}
			var got []detectors.Finding
			for _, f := range s.Findings() {
				if f.Kind == v.kind {
					got = append(got, f)
				}
			}
			if len(got) != 1 || got[0].Location.Start != int64(at) || got[0].Location.End != int64(at+len(v.text)) {
				t.Fatalf("%s at %d: got %+v", v.kind, at, got)
			}
		}
	}
}

// prose generates English-like text with a planted value every so often.
func prose(size int) []byte {
	words := strings.Fields(`the of and to in a is that for it as was with be by on not he
		this are or his from at which but have an they you were her she there been one all
		we their has would when if so no will more about can said up what out into some
		them could time only new very after other also made over two first where light
		evening river morning garden season letter window camera portrait studio colour`)
	planted := []string{"jane.doe@gmail.com", "4111 1111 1111 1111", "81.2.69.160",
		"DE89 3704 0044 0532 0130 00", "call me on 12:30", "version 2.1.3", "A-B-C"}
	r := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	for b.Len() < size {
		for range 8 + r.IntN(12) {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteByte(' ')
		}
		if r.IntN(50) == 0 {
			b.WriteString(planted[r.IntN(len(planted))])
			b.WriteByte(' ')
		}
		b.WriteString("end. ")
		if r.IntN(6) == 0 {
			b.WriteString("\n\n")
		}
	}
	return b.Bytes()[:size]
}

// BenchmarkAllDetectors runs every text detector of the package together
// over 8 MiB of prose through a TextScanner.
func BenchmarkAllDetectors(b *testing.B) {
	dets := allTextDetectors(b)
	text := prose(8 << 20)
	fp := detectors.NewFingerprinter(make([]byte, detectors.KeySize))
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		s := detectors.NewTextScanner(dets, &detectors.Item{Path: "p.txt"}, detectors.ScanOptions{Fingerprinter: fp})
		if err := s.Scan("", detectors.InContent, bytes.NewReader(text)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDetector measures each detector alone over the same prose.
func BenchmarkDetector(b *testing.B) {
	text := prose(8 << 20)
	for _, d := range allTextDetectors(b) {
		b.Run(d.Name(), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				d.Find(nil, text)
			}
		})
	}
}
