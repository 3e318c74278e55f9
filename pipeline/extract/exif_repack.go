package extract

import (
	"encoding/binary"
	"sort"
)

// repackTIFF writes the directories of d as a fresh, compact TIFF block
// in d's byte order: IFD0, then the EXIF, GPS and interoperability
// directories, each followed by its out-of-line values.
//
// goexif trusts every count it reads (a LONG entry whose count overflows
// the 32-bit size product makes it allocate gigabytes) and follows IFD
// chains until they end (a two-IFD loop never does). Handing it only
// entries our walker has checked, with values in memory and no chain,
// keeps it to a block of at most about maxTIFFValueSum bytes.
func repackTIFF(d *tiffDirs) []byte {
	ifd0 := repackable(d.ifd0, tagExifIFD, tagGPSIFD)
	exif := repackable(d.exif, tagInteropIFD)
	gps := repackable(d.gps)
	interop := repackable(d.interop)

	// Pointer entries are rewritten with the new offsets, so each
	// directory's size is known before any offset is assigned.
	if len(exif) > 0 || len(interop) > 0 {
		ifd0 = append(ifd0, ifdEntry{Tag: tagExifIFD, Type: 4, Count: 1, ValLen: 4})
	}
	if len(gps) > 0 {
		ifd0 = append(ifd0, ifdEntry{Tag: tagGPSIFD, Type: 4, Count: 1, ValLen: 4})
	}
	if len(interop) > 0 {
		exif = append(exif, ifdEntry{Tag: tagInteropIFD, Type: 4, Count: 1, ValLen: 4})
	}
	dirs := [][]ifdEntry{ifd0, exif, gps, interop}
	offs := make([]uint32, len(dirs))
	pos := uint32(8)
	for i, dir := range dirs {
		offs[i] = pos
		if len(dir) > 0 || i == 0 { // IFD0 is written even when empty
			pos += dirSize(dir)
		}
	}
	pointers := map[uint16]uint32{tagExifIFD: offs[1], tagGPSIFD: offs[2], tagInteropIFD: offs[3]}

	o := d.order
	out := make([]byte, 8, pos)
	if o == binary.LittleEndian {
		copy(out, "II*\x00")
	} else {
		copy(out, "MM\x00*")
	}
	o.PutUint32(out[4:], 8)
	for i, dir := range dirs {
		if len(dir) == 0 && i > 0 {
			continue
		}
		sort.SliceStable(dir, func(a, b int) bool { return dir[a].Tag < dir[b].Tag })
		out = appendDir(out, o, dir, offs[i], pointers)
	}
	return out
}

// repackable keeps the entries whose values are in memory and drops the
// pointer tags given, which repackTIFF writes itself.
func repackable(entries []ifdEntry, pointerTags ...uint16) []ifdEntry {
	var out []ifdEntry
	for _, e := range entries {
		if e.Val == nil || int64(len(e.Val)) != e.ValLen || isPointerTag(e.Tag, pointerTags) {
			continue
		}
		out = append(out, e)
	}
	return out
}

func isPointerTag(tag uint16, pointerTags []uint16) bool {
	for _, p := range pointerTags {
		if tag == p {
			return true
		}
	}
	return false
}

// dirSize is the directory's own bytes plus its out-of-line values, each
// padded to an even length as TIFF requires word alignment.
func dirSize(dir []ifdEntry) uint32 {
	n := uint32(2 + 12*len(dir) + 4)
	for _, e := range dir {
		if e.ValLen > 4 {
			n += uint32(e.ValLen+1) &^ 1
		}
	}
	return n
}

func appendDir(out []byte, o tiffByteOrder, dir []ifdEntry, off uint32, pointers map[uint16]uint32) []byte {
	data := off + uint32(2+12*len(dir)+4)
	out = o.AppendUint16(out, uint16(len(dir)))
	var values []byte
	for _, e := range dir {
		out = o.AppendUint16(out, e.Tag)
		out = o.AppendUint16(out, e.Type)
		out = o.AppendUint32(out, e.Count)
		if p, ok := pointers[e.Tag]; ok && e.Val == nil {
			out = o.AppendUint32(out, p)
			continue
		}
		if e.ValLen <= 4 {
			var inline [4]byte
			copy(inline[:], e.Val)
			out = append(out, inline[:]...)
			continue
		}
		out = o.AppendUint32(out, data+uint32(len(values)))
		values = append(values, e.Val...)
		if len(values)%2 == 1 {
			values = append(values, 0)
		}
	}
	out = o.AppendUint32(out, 0) // no next IFD: goexif must not follow a chain
	return append(out, values...)
}
