package filetest

import (
	"bytes"
	"encoding/binary"
	"time"
	"unicode/utf16"
)

var le = binary.LittleEndian

// OLEProp is one property of a property set: its id and typed value.
type OLEProp struct {
	ID  uint32
	Val []byte // the type, padding and value
}

// LPSTR is a VT_LPSTR property value.
func LPSTR(s string) []byte {
	b := le.AppendUint32([]byte{0x1E, 0, 0, 0}, uint32(len(s)+1))
	b = append(append(b, s...), 0)
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	return b
}

// FileTime is a VT_FILETIME property value.
func FileTime(t time.Time) []byte {
	ft := uint64(t.Unix()+11644473600) * 10000000
	return le.AppendUint64([]byte{0x40, 0, 0, 0}, ft)
}

// PropertySetStream is an MS-OLEPS stream of one property set, format
// fmtid, with a code page of 1252, padded to 4096 bytes so that the
// compound file keeps it in ordinary sectors.
func PropertySetStream(fmtid []byte, props ...OLEProp) []byte {
	props = append([]OLEProp{{1, []byte{2, 0, 0, 0, 0xE4, 0x04, 0, 0}}}, props...)
	var body []byte
	offs := make([]uint32, len(props))
	head := 8 + 8*len(props)
	for i, p := range props {
		offs[i] = uint32(head + len(body))
		body = append(body, p.Val...)
	}
	set := le.AppendUint32(nil, uint32(head+len(body)))
	set = le.AppendUint32(set, uint32(len(props)))
	for i, p := range props {
		set = le.AppendUint32(le.AppendUint32(set, p.ID), offs[i])
	}
	set = append(set, body...)
	s := []byte{0xFE, 0xFF, 0, 0, 2, 1, 0, 0}
	s = append(s, make([]byte, 16)...)
	s = le.AppendUint32(s, 1)
	s = append(s, fmtid...)
	s = le.AppendUint32(s, 48)
	s = append(s, set...)
	return append(s, make([]byte, 4096-len(s))...)
}

var (
	// FMTIDSummary and FMTIDDocSummary identify the two property sets.
	FMTIDSummary    = []byte{0xE0, 0x85, 0x9F, 0xF2, 0xF9, 0x4F, 0x68, 0x10, 0xAB, 0x91, 0x08, 0x00, 0x2B, 0x27, 0xB3, 0xD9}
	FMTIDDocSummary = []byte{0x02, 0xD5, 0xCD, 0xD5, 0x9C, 0x2E, 0x1B, 0x10, 0x93, 0x97, 0x08, 0x00, 0x2B, 0x2C, 0xF9, 0xAE}
)

// CompoundFile builds an OLE compound file (512-byte sectors, version 3)
// of streams of 4096 bytes each, named as given: sector 0 holds the FAT,
// sector 1 the directory, the streams follow.
func CompoundFile(names []string, streams [][]byte) []byte {
	const sector, endOfChain, fatSect, free = 512, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
	hdr := []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
	hdr = append(hdr, make([]byte, 16)...)                   // CLSID
	hdr = append(hdr, 0x3E, 0, 3, 0, 0xFE, 0xFF, 9, 0, 6, 0) // minor, major version, byte order, sector shift, mini shift
	hdr = append(hdr, make([]byte, 6)...)
	hdr = le.AppendUint32(hdr, 0)          // directory sectors (0 in version 3)
	hdr = le.AppendUint32(hdr, 1)          // FAT sectors
	hdr = le.AppendUint32(hdr, 1)          // first directory sector
	hdr = le.AppendUint32(hdr, 0)          // transaction
	hdr = le.AppendUint32(hdr, 4096)       // mini stream cutoff
	hdr = le.AppendUint32(hdr, endOfChain) // first mini FAT sector
	hdr = le.AppendUint32(hdr, 0)          // mini FAT sectors
	hdr = le.AppendUint32(hdr, endOfChain) // first DIFAT sector
	hdr = le.AppendUint32(hdr, 0)          // DIFAT sectors
	hdr = le.AppendUint32(hdr, 0)          // DIFAT[0]: the FAT is sector 0
	for len(hdr) < sector {
		hdr = le.AppendUint32(hdr, free)
	}
	fat := le.AppendUint32(nil, fatSect)
	fat = le.AppendUint32(fat, endOfChain) // the directory
	next := uint32(2)
	starts := make([]uint32, len(streams))
	for i, s := range streams {
		starts[i] = next
		n := uint32(len(s) / sector)
		for k := uint32(0); k < n; k++ {
			if k == n-1 {
				fat = le.AppendUint32(fat, endOfChain)
			} else {
				fat = le.AppendUint32(fat, next+k+1)
			}
		}
		next += n
	}
	for len(fat) < sector {
		fat = le.AppendUint32(fat, free)
	}
	entry := func(name string, typ byte, left, right, child, start uint32, size uint64) []byte {
		u := utf16.Encode([]rune(name))
		e := make([]byte, 128)
		for i, c := range u {
			le.PutUint16(e[2*i:], c)
		}
		le.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66], e[67] = typ, 1 // black
		le.PutUint32(e[68:], left)
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint64(e[120:], size)
		return e
	}
	const none = 0xFFFFFFFF
	dir := entry("Root Entry", 5, none, none, 1, endOfChain, 0)
	for i, name := range names {
		right := uint32(none)
		if i+1 < len(names) {
			right = uint32(i + 2)
		}
		dir = append(dir, entry(name, 2, none, right, none, starts[i], uint64(len(streams[i])))...)
	}
	for len(dir) < sector {
		dir = append(dir, entry("", 0, none, none, none, 0, 0)...)
	}
	return bytes.Join([][]byte{hdr, fat, dir, bytes.Join(streams, nil)}, nil)
}

// WordDoc is a Word document's compound file with its two property sets.
func WordDoc() []byte {
	created := time.Date(2003, 4, 5, 6, 7, 8, 0, time.UTC)
	summary := PropertySetStream(FMTIDSummary,
		OLEProp{2, LPSTR("Chapter One")}, OLEProp{4, LPSTR("Ann Writer")}, OLEProp{8, LPSTR("Bob Editor")},
		OLEProp{0x12, LPSTR("Microsoft Word 10.0")}, OLEProp{0x0C, FileTime(created)})
	docSummary := PropertySetStream(FMTIDDocSummary, OLEProp{0x0F, LPSTR("Small Press Ltd")}, OLEProp{0x0E, LPSTR("Carol Boss")})
	return CompoundFile([]string{"\x05SummaryInformation", "\x05DocumentSummaryInformation"}, [][]byte{summary, docSummary})
}
