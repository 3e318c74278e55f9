package extract

import (
	"bytes"
	"encoding/binary"
	"slices"
	"testing"
)

// buildIFD lays out a little-endian IFD that will sit at offset base,
// with its values after it.
func buildIFD(base uint32, entries []rawEntry) []byte {
	le := binary.LittleEndian
	b := le.AppendUint16(nil, uint16(len(entries)))
	data := base + uint32(2+12*len(entries)+4)
	var values []byte
	for _, e := range entries {
		b = le.AppendUint16(b, e.tag)
		b = le.AppendUint16(b, e.typ)
		b = le.AppendUint32(b, e.count)
		if len(e.val) <= 4 {
			var v [4]byte
			copy(v[:], e.val)
			b = append(b, v[:]...)
			continue
		}
		b = le.AppendUint32(b, data+uint32(len(values)))
		values = append(values, e.val...)
	}
	b = le.AppendUint32(b, 0)
	return append(b, values...)
}

func str(tag uint16, s string) rawEntry {
	return rawEntry{tag: tag, typ: 2, count: uint32(len(s) + 1), val: append([]byte(s), 0)}
}

func undef(tag uint16, b []byte) rawEntry {
	return rawEntry{tag: tag, typ: 7, count: uint32(len(b)), val: b}
}

// makerBlock builds an EXIF block whose IFD0 names the maker and whose
// EXIF directory holds the maker note note(off), where off is the
// note's offset in the block.
func makerBlock(maker, model string, note func(off uint32) []byte) []byte {
	ifd0 := func(exifOff uint32) []byte {
		return buildIFD(8, []rawEntry{str(0x010F, maker), str(0x0110, model),
			{tag: tagExifIFD, typ: 4, count: 1, val: u32(exifOff)}})
	}
	exifOff := uint32(8 + len(ifd0(0)))
	exifLen := len(buildIFD(exifOff, []rawEntry{undef(tagMakerNote, make([]byte, 16))}))
	noteOff := exifOff + uint32(exifLen) - 16 // the note is the EXIF IFD's only out-of-line value
	b := append([]byte("II*\x00\x08\x00\x00\x00"), ifd0(exifOff)...)
	return append(b, buildIFD(exifOff, []rawEntry{undef(tagMakerNote, note(noteOff))})...)
}

// makerNoteCase is one maker-note layout sample.
type makerNoteCase struct {
	name, maker, model string
	note               func(off uint32) []byte
	want               []string
}

var makerNoteCases = []makerNoteCase{
	{"canon", "Canon", "Canon EOS 5D", func(off uint32) []byte {
		return buildIFD(off, []rawEntry{str(0x0009, "Ann Owner"), {tag: 0x000C, typ: 4, count: 1, val: u32(560018150)}, str(0x0096, "G002669")})
	}, []string{"makernote:OwnerName=Ann Owner", "makernote:SerialNumber=0560018150", "makernote:InternalSerialNumber=G002669"}},
	{"canon eos-1d", "Canon", "Canon EOS-1D Mark III", func(off uint32) []byte {
		return buildIFD(off, []rawEntry{{tag: 0x000C, typ: 4, count: 1, val: u32(500292)}})
	}, []string{"makernote:SerialNumber=500292"}},
	{"nikon own tiff header", "NIKON CORPORATION", "NIKON D70", func(uint32) []byte {
		return append([]byte("Nikon\x00\x02\x10\x00\x00II*\x00\x08\x00\x00\x00"), buildIFD(8, []rawEntry{str(0x001D, "3001006")})...)
	}, []string{"makernote:SerialNumber=3001006"}},
	{"panasonic padded", "Panasonic", "DMC-FZ30", func(off uint32) []byte {
		return append([]byte("Panasonic\x00\x00\x00"), buildIFD(off+12, []rawEntry{undef(0x0025, []byte("\x00\x00S010604030293\x00"))})...)
	}, []string{"makernote:InternalSerialNumber=S010604030293"}},
	{"fujifilm pointer", "FUJIFILM", "X-T3", func(uint32) []byte {
		return append(binary.LittleEndian.AppendUint32([]byte("FUJIFILM"), 12), buildIFD(12, []rawEntry{str(0x0010, "FPX20582698")})...)
	}, []string{"makernote:InternalSerialNumber=FPX20582698"}},
	{"olympus equipment", "OLYMPUS IMAGING CORP.", "E-3", func(uint32) []byte {
		equip := buildIFD(100, []rawEntry{str(0x0101, "C90500055"), str(0x0202, "050105886")})
		main := buildIFD(12, []rawEntry{{tag: 0x2010, typ: 13, count: 1, val: u32(100)}})
		b := append([]byte("OLYMPUS\x00II\x03\x00"), main...)
		b = append(b, make([]byte, 100-len(b))...)
		return append(b, equip...)
	}, []string{"makernote:SerialNumber=C90500055", "makernote:LensSerialNumber=050105886"}},
	{"signature mismatch", "Panasonic", "X", func(off uint32) []byte {
		return append([]byte("Something\x00\x00\x00"), buildIFD(off+12, []rawEntry{undef(0x0025, []byte("S01"))})...)
	}, nil},
	{"unknown maker", "Acme", "X", func(off uint32) []byte {
		return buildIFD(off, []rawEntry{str(0x000C, "123456")})
	}, nil},
	{"note points outside", "Canon", "X", func(uint32) []byte {
		return binary.LittleEndian.AppendUint16(make([]byte, 0, 16), 0xFFFF)
	}, nil},
}

func TestMakerNoteSerials(t *testing.T) {
	for _, tt := range makerNoteCases {
		t.Run(tt.name, func(t *testing.T) {
			b := makerBlock(tt.maker, tt.model, tt.note)
			var res Result
			if err := decodeEXIF(bytes.NewReader(b), int64(len(b)), &res); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range res.Fields {
				if len(f.Name) > 10 && f.Name[:10] == "makernote:" {
					got = append(got, f.Name+"="+f.Value)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("maker note fields = %q, want %q (errors %v)", got, tt.want, res.Errors)
			}
		})
	}
}

// FuzzMakerNote feeds EXIF blocks with maker notes of every known layout
// to the EXIF decoder: no panic, bounded allocation, sane values.
func FuzzMakerNote(f *testing.F) {
	for _, tt := range makerNoteCases {
		f.Add(makerBlock(tt.maker, tt.model, tt.note))
	}
	fuzzSeeds(f, 64<<10)
	f.Fuzz(func(t *testing.T, block []byte) {
		var res Result
		n := allocDuring(func() { _ = decodeEXIF(bytes.NewReader(block), int64(len(block)), &res) })
		if n > 64<<20 {
			t.Errorf("allocated %d bytes for a %d byte block", n, len(block))
		}
		checkValues(t, &res)
	})
}
