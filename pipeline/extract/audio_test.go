package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
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
	f.Add(id3v2Tag(3, 0, frame3("TIT2", "\x00title"), frame3("APIC", "\x00image/png\x00\x03\x00\x89PNG")))
	f.Add(id3v2Tag(4, 0x40, []byte{0, 0, 0, 6, 1, 0}, frame3("TDRC", "\x032023-07-14T15:32")))
	f.Add(flacFile(vorbisBlock("TITLE=x", "METADATA_BLOCK_PICTURE=AAAAAw==")))
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

// id3v2Tag builds an ID3v2 tag of the given version around frames.
func id3v2Tag(ver, flags byte, frames ...[]byte) []byte {
	body := bytes.Join(frames, nil)
	n := len(body)
	h := []byte{'I', 'D', '3', ver, 0, flags, byte(n >> 21 & 0x7f), byte(n >> 14 & 0x7f), byte(n >> 7 & 0x7f), byte(n & 0x7f)}
	return append(h, body...)
}

// frame3 builds an ID3v2.3 frame (a plain 32-bit size).
func frame3(id, payload string) []byte {
	b := []byte(id)
	b = binary.BigEndian.AppendUint32(b, uint32(len(payload)))
	return append(append(b, 0, 0), payload...)
}

// flacFile builds a FLAC stream: a STREAMINFO for 2 s at 8 kHz, then blocks.
func flacFile(blocks ...[]byte) []byte {
	si := make([]byte, 34)
	// sample rate 8000 (20 bits), 1 channel, 16 bits, 16000 samples
	si[10], si[11], si[12] = 8000>>12, 8000>>4&0xff, (8000&0xf)<<4|0<<1|(15>>4)
	si[13] = 15 << 4
	binary.BigEndian.PutUint32(si[14:18], 16000)
	out := []byte("fLaC")
	all := append([][]byte{flacBlock(0, si)}, blocks...)
	for i, b := range all {
		if i == len(all)-1 {
			b[0] |= 0x80
		}
		out = append(out, b...)
	}
	return out
}

func flacBlock(typ byte, body []byte) []byte {
	n := len(body)
	return append([]byte{typ, byte(n >> 16), byte(n >> 8), byte(n)}, body...)
}

// vorbisBlock builds a FLAC Vorbis comment block.
func vorbisBlock(comments ...string) []byte {
	b := binary.LittleEndian.AppendUint32(nil, 4)
	b = append(b, "test"...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(comments)))
	for _, c := range comments {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(c)))
		b = append(b, c...)
	}
	return flacBlock(4, b)
}

// fuzzSeed keeps the first 16 KiB of a seed file: the tag regions of the
// samples and crashers are there, and the fuzzing engine spends most of
// its time minimizing each new input, which is slow for large ones (run
// with -fuzzminimizetime 1x to keep executing).
func fuzzSeed(b []byte) []byte { return b[:min(len(b), 16<<10)] }
