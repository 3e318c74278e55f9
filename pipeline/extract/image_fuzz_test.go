package extract

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consignhq/consign/pipeline/extract/filetest"

	"github.com/consignhq/consign/pipeline/extract/goprotest"
)

// fuzzSeeds adds the crash inputs and the photo samples of at most
// limit bytes to f.
func fuzzSeeds(f *testing.F, limit int) {
	for _, pat := range []string{"testdata/crashers/*.bin", "testdata/samples/photo.*"} {
		names, _ := filepath.Glob(pat)
		for _, n := range names {
			if b, err := os.ReadFile(n); err == nil && len(b) <= limit {
				f.Add(b)
			}
		}
	}
}

// FuzzEXIF feeds arbitrary TIFF blocks to the walker, the repacker and
// goexif.
func FuzzEXIF(f *testing.F) {
	f.Add(tiffBlock([]rawEntry{ascii("Canon"), {tag: tagExifIFD, typ: 4, count: 1, val: u32(8)}}))
	for _, n := range []string{"photo.jpg", "photo.png"} {
		if b, err := os.ReadFile(filepath.Join("testdata", "samples", n)); err == nil {
			for _, m := range [][]byte{[]byte("MM\x00*"), []byte("II*\x00")} {
				if i := bytes.Index(b, m); i >= 0 {
					f.Add(b[i:min(len(b), i+8192)])
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, block []byte) {
		var res Result
		n := allocDuring(func() { _ = decodeEXIF(bytes.NewReader(block), int64(len(block)), &res) })
		if n > 64<<20 {
			t.Errorf("allocated %d bytes for a %d byte block", n, len(block))
		}
		checkValues(t, &res)
	})
}

// FuzzImageContainers runs the image extractors over whole files: JPEG
// segments, PNG chunks, RIFF chunks and ISO BMFF boxes, the raw
// formats' containers (CR3, RAF, RW2) and Photoshop's resources.
func FuzzImageContainers(f *testing.F) {
	fuzzSeeds(f, 64<<10)
	f.Add(jpegFile(jpegJFIF, goproSegment(goprotest.Hero6.Settings()), jpegFrame, jpegDHT, jpegSOS, jpegData, jpegEOI))
	f.Add(jpegFile(append(extXMPSegments("04B9E48040A30A6308713BD1E4223B41", xmpPacket, 500), jpegEOI)...))
	f.Add(cr3Sample())
	f.Add(rafSample(exifJPEG(makerBlock("FUJIFILM", "X-T3", makerNoteCases[4].note))))
	f.Add(rw2Sample())
	f.Add(filetest.PSD(photoshopBlock(psdEXIF, tiffBlock([]rawEntry{ascii("Canon")})), photoshopBlock(psdIPTC, iimSet(2, 80, "A"))))
	f.Fuzz(func(t *testing.T, data []byte) {
		src := bytesSource("f.bin", data)
		src.Kind = KindImage
		var res Result
		n := allocDuring(func() {
			Run(context.Background(), []Extractor{NewEXIF(), NewIPTC(), NewXMP()}, src, &res)
		})
		for _, err := range res.Errors {
			if strings.Contains(err.Error(), "parser panic") {
				t.Fatal(err)
			}
		}
		if n > 64<<20 {
			t.Errorf("allocated %d bytes for a %d byte file", n, len(data))
		}
		checkValues(t, &res)
	})
}
