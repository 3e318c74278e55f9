package redact

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"testing"
	"time"

	"github.com/consignhq/consign/pipeline/extract"
	"github.com/consignhq/consign/pipeline/extract/filetest"
)

// TestMatroska: a Matroska file's title and simple tags named by field
// are zeroed in place, nested tags too; the CRC-32 elements of the
// elements around them are made again.
func TestMatroska(t *testing.T) {
	for _, crc := range []bool{false, true} {
		file := filetest.Matroska("Session with Ann Lee", time.Date(2022, 5, 6, 7, 8, 9, 0, time.UTC), crc,
			filetest.SimpleTag("ARTIST", "Ann Lee", filetest.SimpleTag("URL", "https://annlee.example")), filetest.SimpleTag("COPYRIGHT", "(c) 2022 Studio"))
		mt, _ := extract.Sniff("a.mkv", file[:min(len(file), extract.HeadSize)])
		fields := []string{"mkv:Title", "mkv:ARTIST", "mkv:URL"}
		out, rep := redactBytes(t, file, mt, Strip{Fields: fields})
		if len(out) != len(file) {
			t.Fatalf("length %d, want %d", len(out), len(file))
		}
		checkFields(t, scanFields(t, "a.mkv", mt, file), scanFields(t, "a.mkv", mt, out), rep, fields, []string{"mkv:COPYRIGHT", "mkv:WritingApp", "mkv:DateUTC"})
		if bytes.Contains(out, []byte("Ann Lee")) {
			t.Errorf("crc %v: the name is still in the file", crc)
		}
		_, sums, err := extract.LocateMatroskaFields(bytes.NewReader(out), int64(len(out)))
		if err != nil || crc != (len(sums) == 3) {
			t.Fatalf("crc %v: checksums %v (%v)", crc, sums, err)
		}
		for _, c := range sums {
			got := binary.LittleEndian.Uint32(out[c.At.Off:])
			if want := crc32.ChecksumIEEE(out[c.Covered.Off : c.Covered.Off+c.Covered.N]); got != want {
				t.Errorf("CRC-32 at offset %d is %08x, want %08x", c.At.Off, got, want)
			}
		}
		if !FieldSupported(mt, "mkv:ARTIST") || FieldSupported(mt, "mkv:DateUTC") || StripsKinds(mt) {
			t.Errorf("FieldSupported or StripsKinds is wrong for %s", mt)
		}
	}
}
