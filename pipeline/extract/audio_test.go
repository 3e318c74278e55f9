package extract

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/consignhq/consign/pipeline/extract/filetest"
)

// maxMediaAlloc is what one hostile file may make the media extractors
// allocate in total: a few tens of MiB, against the gigabytes the tag
// library would allocate on its own.
const maxMediaAlloc = 48 << 20

func totalAlloc() uint64 {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.TotalAlloc
}

func TestAudioCrashers(t *testing.T) {
	debugPanics = true
	t.Cleanup(func() { debugPanics = false })
	files, err := filepath.Glob("testdata/crashers/tag-*.bin")
	if err != nil || len(files) == 0 {
		t.Fatalf("no tag crashers in testdata/crashers: %v", err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			before := totalAlloc()
			res := extractFile(t, path)
			if got := totalAlloc() - before; got > maxMediaAlloc {
				t.Errorf("allocated %d MiB, want at most %d MiB", got>>20, maxMediaAlloc>>20)
			}
			if len(res.Errors) == 0 {
				t.Fatalf("no error for a hostile file")
			}
			// The crashers are the FLAC sample with a broken picture block
			// after an intact STREAMINFO.
			if got := res.Tags["duration"]; got != "5.000" {
				t.Errorf("duration %q, want 5.000 from STREAMINFO", got)
			}
			for _, e := range res.Errors {
				if strings.Contains(e.Error(), "panic") {
					t.Errorf("panic reached Run: %v", e)
				}
			}
		})
	}
}

func FuzzAudio(f *testing.F) {
	for _, pattern := range []string{"testdata/samples/tone*", "testdata/crashers/tag-*.bin"} {
		files, _ := filepath.Glob(pattern)
		for _, path := range files {
			b, err := os.ReadFile(path)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(fuzzSeed(b))
		}
	}
	f.Add(filetest.ID3v2(3, 0, filetest.ID3Frame(3, "TIT2", "\x00title"), filetest.ID3Frame(3, "APIC", "\x00image/png\x00\x03\x00\x89PNG")))
	f.Add(filetest.ID3v2(4, 0x40, []byte{0, 0, 0, 6, 1, 0}, filetest.ID3Frame(3, "TDRC", "\x032023-07-14T15:32")))
	f.Add(filetest.FLAC(filetest.VorbisBlock("TITLE=x", "METADATA_BLOCK_PICTURE=AAAAAw==")))
	f.Fuzz(func(t *testing.T, b []byte) {
		src := bytesSource("fuzz.bin", b)
		src.Kind = KindAudio // reach the audio reader whatever the sniffer says
		var res Result
		before := totalAlloc()
		Run(context.Background(), []Extractor{NewAudio(), NewRIFF()}, src, &res)
		if got := totalAlloc() - before; got > maxMediaAlloc {
			t.Fatalf("allocated %d MiB for a %d-byte input", got>>20, len(b))
		}
		for _, fl := range res.Fields {
			if len(fl.Value) > maxValueLen {
				t.Fatalf("field %s of %d bytes", fl.Name, len(fl.Value))
			}
		}
	})
}

// fuzzSeed keeps the first 16 KiB of a seed file: the tag regions of the
// samples and crashers are there, and the fuzzing engine spends most of
// its time minimizing each new input, which is slow for large ones (run
// with -fuzzminimizetime 1x to keep executing).
func fuzzSeed(b []byte) []byte { return b[:min(len(b), 16<<10)] }
