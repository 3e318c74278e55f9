package extract

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rawEntry is one IFD entry for tiffBlock; val is written inline when it
// fits in 4 bytes, else after the directory, unless off overrides it.
type rawEntry struct {
	tag, typ uint16
	count    uint32
	val      []byte
	off      uint32 // when non-zero, the value offset written as is
}

// tiffBlock builds a little-endian TIFF block with one directory at
// offset 8 and the given entries.
func tiffBlock(entries []rawEntry) []byte {
	le := binary.LittleEndian
	b := []byte("II*\x00\x08\x00\x00\x00")
	b = le.AppendUint16(b, uint16(len(entries)))
	data := uint32(8 + 2 + 12*len(entries) + 4)
	var values []byte
	for _, e := range entries {
		b = le.AppendUint16(b, e.tag)
		b = le.AppendUint16(b, e.typ)
		b = le.AppendUint32(b, e.count)
		switch {
		case e.off != 0:
			b = le.AppendUint32(b, e.off)
		case len(e.val) <= 4:
			var v [4]byte
			copy(v[:], e.val)
			b = append(b, v[:]...)
		default:
			b = le.AppendUint32(b, data+uint32(len(values)))
			values = append(values, e.val...)
		}
	}
	b = le.AppendUint32(b, 0)
	return append(b, values...)
}

func ascii(s string) rawEntry {
	return rawEntry{tag: 0x010F, typ: 2, count: uint32(len(s) + 1), val: append([]byte(s), 0)}
}

func u32(v uint32) []byte { return binary.LittleEndian.AppendUint32(nil, v) }

func TestEXIFHostileTIFF(t *testing.T) {
	mk := ascii("Canon")
	tests := []struct {
		name     string
		block    []byte
		wantMake string
	}{
		{"long count overflowing 32-bit size", tiffBlock([]rawEntry{mk, {tag: 0x0100, typ: 4, count: 0x40000001, val: u32(7)}}), "Canon"},
		{"rational count overflowing", tiffBlock([]rawEntry{mk, {tag: 0x011A, typ: 5, count: 0x20000001, val: u32(7)}}), "Canon"},
		{"value offset past end", tiffBlock([]rawEntry{mk, {tag: 0x013B, typ: 2, count: 100, off: 0xFFFFFF00}}), "Canon"},
		{"exif pointer to ifd0", tiffBlock([]rawEntry{mk, {tag: tagExifIFD, typ: 4, count: 1, val: u32(8)}}), "Canon"},
		{"exif pointer past end", tiffBlock([]rawEntry{mk, {tag: tagExifIFD, typ: 4, count: 1, val: u32(1 << 30)}}), "Canon"},
		{"unknown type", tiffBlock([]rawEntry{mk, {tag: 0x0110, typ: 99, count: 1}}), "Canon"},
		{"zero count", tiffBlock([]rawEntry{mk, {tag: 0x0110, typ: 2, count: 0}}), "Canon"},
		{"ifd0 past end", []byte("II*\x00\xff\xff\xff\x7f"), ""},
		{"ifd0 entry count past end", []byte("II*\x00\x08\x00\x00\x00\xff\xff"), ""},
		{"truncated header", []byte("II*"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var res Result
			var err error
			n := allocDuring(func() { err = decodeEXIF(bytes.NewReader(tt.block), int64(len(tt.block)), &res) })
			if n > 8<<20 {
				t.Errorf("allocated %d bytes", n)
			}
			if got := res.Tags["camera_make"]; got != tt.wantMake {
				t.Errorf("camera_make = %q, want %q (err %v)", got, tt.wantMake, err)
			}
			if tt.wantMake == "" && err == nil {
				t.Error("no error for a block without a readable ifd0")
			}
		})
	}
}

// TestEXIFSubIFDLoop points the EXIF and GPS directories at each other
// and the interoperability directory back at IFD0: each is read once.
func TestEXIFSubIFDLoop(t *testing.T) {
	le := binary.LittleEndian
	b := []byte("II*\x00\x08\x00\x00\x00")
	dir := func(entries ...[3]uint32) {
		b = le.AppendUint16(b, uint16(len(entries)))
		for _, e := range entries {
			b = le.AppendUint16(b, uint16(e[0]))
			b = le.AppendUint16(b, 4)
			b = le.AppendUint32(b, 1)
			b = le.AppendUint32(b, e[2])
		}
		b = le.AppendUint32(b, 8) // next IFD: back to IFD0
	}
	// IFD0 at 8 (2 entries: 30 bytes), EXIF IFD at 38 (1 entry: 18 bytes).
	dir([3]uint32{tagExifIFD, 4, 38}, [3]uint32{tagGPSIFD, 4, 38})
	dir([3]uint32{tagInteropIFD, 4, 8})
	d, err := readTIFFDirs(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.exif) != 1 || d.gps != nil || d.interop != nil {
		t.Errorf("exif=%v gps=%v interop=%v: a directory was read twice", d.exif, d.gps, d.interop)
	}
	var res Result
	if err := decodeEXIF(bytes.NewReader(b), int64(len(b)), &res); err != nil {
		t.Errorf("decode: %v", err)
	}
}

func TestEXIFHostileContainers(t *testing.T) {
	sample, err := os.ReadFile(filepath.Join("testdata", "samples", "photo.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, file string
		data       []byte
	}{
		{"jpeg segment length past end", "a.jpg", []byte("\xFF\xD8\xFF\xE1\xFF\xF0Exif\x00\x00")},
		{"jpeg segment length under 2", "a.jpg", []byte("\xFF\xD8\xFF\xE1\x00\x01")},
		{"jpeg truncated", "a.jpg", sample[:200]},
		{"jpeg only fill bytes", "a.jpg", append([]byte("\xFF\xD8"), bytes.Repeat([]byte{0xFF}, 70000)...)},
		{"png chunk length huge", "a.png", []byte("\x89PNG\r\n\x1a\n\x7f\xff\xff\xffeXIf")},
		{"png ztxt bomb", "a.png", append([]byte("\x89PNG\r\n\x1a\n"), pngChunk("zTXt", append([]byte("Raw profile type exif\x00\x00"), zlibBomb(t)...))...)},
		{"webp chunk past end", "a.webp", []byte("RIFF\xff\xff\xff\x7fWEBPEXIF\xff\xff\xff\x7f")},
		{"heif meta past end", "a.heic", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic\x7f\xff\xff\xffmeta")},
		{"heif largesize", "a.heic", []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic\x00\x00\x00\x01meta\x7f\xff\xff\xff\xff\xff\xff\xff")},
		{"heif iloc huge extent", "a.heic", heifWithILOC()},
		{"heif iloc zero-width extents", "a.heic", heifZeroWidthExtents(300)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := bytesSource(tt.file, tt.data)
			var res *Result
			n := allocDuring(func() { res = runImage(t, src) })
			if n > 64<<20 {
				t.Errorf("allocated %d bytes", n)
			}
			if len(res.Tags["camera_make"]) > 0 {
				t.Errorf("found a camera in a hostile file: %v", res.Tags)
			}
		})
	}
}

// zlibBomb is a small zlib stream that inflates to far more than any
// text chunk limit.
func zlibBomb(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	zeros := make([]byte, 1<<20)
	for range 64 {
		w.Write(zeros)
	}
	w.Close()
	return b.Bytes()
}

// heifWithILOC builds a HEIF whose Exif item claims 2^40 bytes.
func heifWithILOC() []byte {
	box := func(typ string, body []byte) []byte {
		b := binary.BigEndian.AppendUint32(nil, uint32(8+len(body)))
		return append(append(b, typ...), body...)
	}
	infe := box("infe", append([]byte{2, 0, 0, 0, 0, 1, 0, 0}, "Exif\x00"...))
	iinf := box("iinf", append([]byte{0, 0, 0, 0, 0, 1}, infe...))
	// version 0, offset_size 8, length_size 8, base_offset_size 0; one item.
	iloc := box("iloc", []byte{0, 0, 0, 0, 0x88, 0x00, 0, 1, 0, 1, 0, 0, 0, 1,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0, 0, 0, 0, 0})
	meta := box("meta", append(append([]byte{0, 0, 0, 0}, iinf...), iloc...))
	ftyp := box("ftyp", []byte("heic\x00\x00\x00\x00mif1heic"))
	return append(ftyp, meta...)
}

// TestPNGTextChunksHeld: compressed text chunks cost memory up to
// maxHeldMeta (lowered here, with smaller chunks, to keep the test quick),
// however many the file has.
func TestPNGTextChunksHeld(t *testing.T) {
	defer func(was int64) { maxHeldMeta = was }(maxHeldMeta)
	maxHeldMeta = 1 << 20
	chunk := pngTextBomb(t, 256<<10)
	alloc := func(n int) (uint64, *Result) {
		src := bytesSource("a.png", append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat(chunk, n)...))
		var res *Result
		return allocDuring(func() { res = runImage(t, src) }), res
	}
	few, _ := alloc(8)
	many, res := alloc(maxHEIFMetaItems)
	if many > few+4<<20 {
		t.Errorf("64 chunks allocated %d MiB, 5 chunks %d MiB", many>>20, few>>20)
	}
	// The problems may come joined into one error.
	refused := strings.Count(fmt.Sprint(res.Errors), errHeldMeta.Error())
	if refused != 1 {
		t.Errorf("%d chunks refused, want the first past the limit: %v", refused, res.Errors)
	}
}

// TestHEIFManyExifItems: Exif items that all point at the same bytes, in
// pieces, cost memory and reads up to a bound, however many the meta box
// lists.
func TestHEIFManyExifItems(t *testing.T) {
	alloc := func(n int) (uint64, *Result) {
		src := bytesSource("a.heic", heifManyExifItems(n))
		var res *Result
		return allocDuring(func() { res = runImage(t, src) }), res
	}
	few, _ := alloc(maxHEIFMetaItems)
	many, res := alloc(2000)
	if many > few+16<<20 {
		t.Errorf("2000 items allocated %d MiB, %d items %d MiB", many>>20, maxHEIFMetaItems, few>>20)
	}
	if !strings.Contains(fmt.Sprint(res.Errors), "Exif and XMP items") {
		t.Errorf("no item refused: %v", res.Errors)
	}
}

// heifManyExifItems builds a HEIF whose n Exif items are each the same
// 32 KiB, in two extents.
func heifManyExifItems(n int) []byte {
	box := func(typ string, body []byte) []byte {
		b := binary.BigEndian.AppendUint32(nil, uint32(8+len(body)))
		return append(append(b, typ...), body...)
	}
	const half = 16 << 10
	iinf := []byte{0, 0, 0, 0, byte(n >> 8), byte(n)}
	// version 0; offset_size 4, length_size 4.
	iloc := []byte{0, 0, 0, 0, 0x44, 0x00, byte(n >> 8), byte(n)}
	var data []byte // after ftyp and meta: patched in below
	for i := range n {
		iinf = append(iinf, box("infe", []byte{2, 0, 0, 0, byte(i >> 8), byte(i), 0, 0, 'E', 'x', 'i', 'f', 0})...)
		iloc = append(iloc, byte(i>>8), byte(i), 0, 0, 0, 2)
		iloc = append(iloc, make([]byte, 16)...) // the two extents, set below
	}
	ftyp := box("ftyp", []byte("heic\x00\x00\x00\x00mif1heic"))
	meta := box("meta", append(append([]byte{0, 0, 0, 0}, box("iinf", iinf)...), box("iloc", iloc)...))
	start := uint32(len(ftyp) + len(meta))
	// The iloc box's items start after meta's header (12 bytes), iinf, and
	// the iloc box's header and fields (16 bytes).
	items := len(ftyp) + 12 + 8 + len(iinf) + 16
	file := append(ftyp, meta...)
	for i := range n {
		e := file[items+i*22+6:]
		binary.BigEndian.PutUint32(e[0:], start)
		binary.BigEndian.PutUint32(e[4:], half)
		binary.BigEndian.PutUint32(e[8:], start+half)
		binary.BigEndian.PutUint32(e[12:], half)
	}
	data = append([]byte{0, 0, 0, 0}, "II*\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00"...)
	return append(file, append(data, make([]byte, 2*half-len(data))...)...)
}

// pngTextBomb builds a compressed XMP chunk that inflates to n bytes.
func pngTextBomb(t *testing.T, n int) []byte {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	// Blank: what the chunks cost is their inflating and holding, not
	// the parse of their packets.
	w.Write(bytes.Repeat([]byte(" "), n))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return pngChunk("iTXt", append([]byte("XML:com.adobe.xmp\x00\x01\x00\x00\x00"), z.Bytes()...))
}

// heifZeroWidthExtents builds a HEIF whose iloc gives its extents fields
// of no width, so that items claims 65535 extents each that take no
// bytes of the box.
func heifZeroWidthExtents(items int) []byte {
	box := func(typ string, body []byte) []byte {
		b := binary.BigEndian.AppendUint32(nil, uint32(8+len(body)))
		return append(append(b, typ...), body...)
	}
	// version 0, every field size 0.
	body := []byte{0, 0, 0, 0, 0, 0, byte(items >> 8), byte(items)}
	for i := range items {
		// item_ID, data_reference_index, extent_count.
		body = append(body, byte(i>>8), byte(i), 0, 0, 0xFF, 0xFF)
	}
	meta := box("meta", append([]byte{0, 0, 0, 0}, box("iloc", body)...))
	ftyp := box("ftyp", []byte("heic\x00\x00\x00\x00mif1heic"))
	return append(ftyp, meta...)
}

func TestCameraDefaultText(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"OLYMPUS DIGITAL CAMERA", true},
		{"KONICA MINOLTA DIGITAL CAMERA", true},
		{"Sunset at the lake", false},
		{"My digital camera broke", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := isCameraDefaultText(tt.in); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestEXIFApplies(t *testing.T) {
	tests := []struct {
		name string
		src  Source
		want bool
	}{
		{"jpeg", Source{Kind: KindImage, MediaType: "image/jpeg"}, true},
		{"dng as octet-stream", Source{Kind: KindOther, Head: []byte("II*\x00\x08\x00\x00\x00")}, true},
		{"text", Source{Kind: KindText, Head: []byte("hello")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NewEXIF().Applies(&tt.src); got != tt.want {
				t.Errorf("Applies = %v, want %v", got, tt.want)
			}
		})
	}
}
