package eval

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/detectors/pii"
	"github.com/consignhq/consign/detectors/rights"
)

// benchWords is the vocabulary of the benchmark prose: ordinary English,
// capitalised at sentence starts, as a blog or a transcript reads.
var benchWords = []string{
	"the", "of", "and", "a", "to", "in", "is", "was", "that", "for", "it", "with", "as", "on",
	"photograph", "light", "morning", "river", "camera", "journey", "we", "walked", "along",
	"quiet", "street", "afternoon", "colour", "window", "market", "coffee", "friends", "story",
	"between", "through", "mountains", "evening", "remember", "because", "little", "beautiful",
}

// benchProse is n bytes of English prose with sparse personal data: a
// number, a date, a price now and then, and an email or a phone number
// every few kilobytes.
func benchProse(n int) []byte {
	r := rand.New(rand.NewPCG(3, 5))
	var b bytes.Buffer
	for b.Len() < n {
		for i := range 10 + r.IntN(12) {
			w := benchWords[r.IntN(len(benchWords))]
			if i == 0 {
				w = string(w[0]-'a'+'A') + w[1:]
			}
			b.WriteString(w)
			b.WriteByte(' ')
		}
		switch r.IntN(200) {
		case 0:
			fmt.Fprintf(&b, "in %d ", 1950+r.IntN(75))
		case 1:
			fmt.Fprintf(&b, "for $%d.%02d ", r.IntN(500), r.IntN(100))
		case 2:
			fmt.Fprintf(&b, "on 2021-%02d-%02d ", 1+r.IntN(12), 1+r.IntN(28))
		case 3:
			fmt.Fprintf(&b, "write to reader%d@example.net ", r.IntN(100))
		case 4:
			fmt.Fprintf(&b, "call (202) 555-%04d ", r.IntN(10000))
		}
		b.WriteString("then.\n")
	}
	return b.Bytes()[:n]
}

func defaultTextDetectors(tb testing.TB) []detectors.TextDetector {
	tb.Helper()
	reg, err := detectors.NewRegistry(pii.All(), rights.All())
	if err != nil {
		tb.Fatal(err)
	}
	names, err := reg.Preset(detectors.PresetDefault)
	if err != nil {
		tb.Fatal(err)
	}
	dets, err := reg.New(names, detectors.Config{})
	if err != nil {
		tb.Fatal(err)
	}
	return detectors.TextDetectors(dets)
}

// BenchmarkDefaultTextDetectors runs every text detector of the default
// preset (PII, secrets and rights) together through the chunked scanner
// over 32 MB of English prose, as scan does. Target: at least 150 MB/s on
// one core (run with -cpu 1).
func BenchmarkDefaultTextDetectors(b *testing.B) {
	text := benchProse(32 << 20)
	dets := defaultTextDetectors(b)
	fp := detectors.NewFingerprinter(make([]byte, detectors.KeySize))
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		s := detectors.NewTextScanner(dets, &detectors.Item{Path: "prose.txt", Language: "en"}, detectors.ScanOptions{Fingerprinter: fp})
		if err := s.Scan("", detectors.InContent, bytes.NewReader(text)); err != nil {
			b.Fatal(err)
		}
		s.Release()
	}
}

// repeated streams text over and over up to n bytes without holding them.
type repeated struct {
	text []byte
	off  int
	left int64
}

func (r *repeated) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(int64(len(p)), r.left)], r.text[r.off:])
	r.off = (r.off + n) % len(r.text)
	r.left -= int64(n)
	return n, nil
}

// BenchmarkTwoGigabyteText streams 2 GB of prose through the default text
// detectors and reports the peak heap while it does: memory stays flat
// whatever the size of the file.
func BenchmarkTwoGigabyteText(b *testing.B) {
	text := benchProse(8 << 20)
	dets := defaultTextDetectors(b)
	fp := detectors.NewFingerprinter(make([]byte, detectors.KeySize))
	var peak uint64
	for b.Loop() {
		done := make(chan struct{})
		go func() {
			var ms runtime.MemStats
			for {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
				select {
				case <-done:
					return
				case <-time.After(50 * time.Millisecond):
				}
			}
		}()
		s := detectors.NewTextScanner(dets, &detectors.Item{Path: "big.txt", Language: "en"}, detectors.ScanOptions{Fingerprinter: fp})
		if err := s.Scan("", detectors.InContent, &repeated{text: text, left: 2 << 30}); err != nil {
			b.Fatal(err)
		}
		close(done)
	}
	b.SetBytes(2 << 30)
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}

// TestScanOnce is for counting instructions, which unlike wall-clock or
// CPU time on a shared machine repeat exactly: it scans 8 MB of the
// benchmark's prose once with the default text detectors when
// CONSIGN_SCAN_ONCE=scan, and only builds the prose and the detectors
// when it is "setup". Run both under valgrind --tool=callgrind (with
// GODEBUG=asyncpreemptoff=1) and take the difference of the totals. Unset,
// it skips.
func TestScanOnce(t *testing.T) {
	mode := os.Getenv("CONSIGN_SCAN_ONCE")
	if mode != "scan" && mode != "setup" {
		t.Skip("set CONSIGN_SCAN_ONCE to scan or setup to run the instruction-count scan")
	}
	text := benchProse(8 << 20)
	dets := defaultTextDetectors(t)
	if mode == "setup" {
		return
	}
	fp := detectors.NewFingerprinter(make([]byte, detectors.KeySize))
	s := detectors.NewTextScanner(dets, &detectors.Item{Path: "prose.txt", Language: "en"}, detectors.ScanOptions{Fingerprinter: fp})
	if err := s.Scan("", detectors.InContent, bytes.NewReader(text)); err != nil {
		t.Fatal(err)
	}
	s.Release()
}

// photoFields are the metadata values of a camera photo as the image
// extractors record them: camera, lens, people, dates and position.
var photoFields = []detectors.Field{
	{Name: "exif:Make", Value: "Canon"},
	{Name: "exif:Model", Value: "Canon EOS R6"},
	{Name: "exif:LensMake", Value: "Canon"},
	{Name: "exif:LensModel", Value: "RF24-105mm F4 L IS USM"},
	{Name: "exif:Artist", Value: "Jane Doe"},
	{Name: "exif:Copyright", Value: "(c) 2021 Jane Doe"},
	{Name: "exif:Software", Value: "Adobe Photoshop Lightroom Classic 12.1 (Windows)"},
	{Name: "exif:CameraOwnerName", Value: "Jane Doe"},
	{Name: "exif:BodySerialNumber", Value: "012345678901"},
	{Name: "exif:LensSerialNumber", Value: "9876543210"},
	{Name: "exif:OffsetTimeOriginal", Value: "+02:00"},
	{Name: "exif:DateTimeOriginal", Value: "2015:05:10 23:13:06"},
	{Name: "exif:DateTimeDigitized", Value: "2015:05:10 23:13:06"},
	{Name: "exif:GPSLatitude", Value: "48.858370"},
	{Name: "exif:GPSLongitude", Value: "2.294481"},
	{Name: "exif:GPSAltitude", Value: "35"},
	{Name: "xmp:dc:creator", Value: "Jane Doe"},
	{Name: "xmp:dc:rights", Value: "© 2021 Jane Doe. All rights reserved."},
}

// BenchmarkPhotoMetadataFields runs every text detector of the default
// preset over the metadata values of one camera photo, as scan does for
// each image: many short values, where a detector's cost is what it
// spends to start on a value rather than on its bytes.
func BenchmarkPhotoMetadataFields(b *testing.B) {
	dets := defaultTextDetectors(b)
	fp := detectors.NewFingerprinter(make([]byte, detectors.KeySize))
	item := &detectors.Item{Path: "photo.jpg", MediaType: "image/jpeg", Kind: "image", Fields: photoFields}
	for b.Loop() {
		s := detectors.NewTextScanner(dets, item, detectors.ScanOptions{Fingerprinter: fp})
		if err := s.ScanFields(); err != nil {
			b.Fatal(err)
		}
		s.Release()
	}
}

// BenchmarkPhotoMetadataFieldsRecalled is BenchmarkPhotoMetadataFields
// for the photos of a catalog after its first: a scan's field memo holds
// what the detectors found in the same camera's values, and each photo
// pays for its findings, not for reading the values again.
func BenchmarkPhotoMetadataFieldsRecalled(b *testing.B) {
	dets := defaultTextDetectors(b)
	fp := detectors.NewFingerprinter(make([]byte, detectors.KeySize))
	item := &detectors.Item{Path: "photo.jpg", MediaType: "image/jpeg", Kind: "image", Fields: photoFields}
	memo := detectors.NewFieldMemo()
	for b.Loop() {
		s := detectors.NewTextScanner(dets, item, detectors.ScanOptions{Fingerprinter: fp, FieldMemo: memo})
		if err := s.ScanFields(); err != nil {
			b.Fatal(err)
		}
		s.Release()
	}
}
