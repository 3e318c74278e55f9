package extract

import (
	"encoding/binary"
	"sort"

	"github.com/rwcarlsen/goexif/exif"
)

// repackTIFF writes the entries of d that goexif is asked about
// (goexifTags) as a fresh, compact TIFF block in d's byte order: IFD0,
// then the EXIF and GPS directories, each followed by its out-of-line
// values.
//
// goexif trusts every count it reads (a LONG entry whose count overflows
// the 32-bit size product makes it allocate gigabytes) and follows IFD
// chains until they end (a two-IFD loop never does). Handing it only
// entries our walker has checked, with values in memory and no chain,
// keeps it to a block of at most about maxTIFFValueSum bytes. goexif
// reads each entry with reflection and copies each value of over four
// bytes through a buffer of at least 512: a camera's EXIF directory of
// a hundred entries cost more than the rest of the photo's extraction,
// for the thirty it is asked about.
// With the tables of goexifTags nil (as a test sets them), every entry
// is kept, the interoperability directory's too.
func repackTIFF(d *tiffDirs) []byte {
	main, gps := goexifTags.main, goexifTags.gps
	ifd0 := repackable(d.ifd0, main, tagExifIFD, tagGPSIFD)
	exifDir := repackable(d.exif, main, tagInteropIFD)
	gpsDir := repackable(d.gps, gps)
	var interop []ifdEntry
	if main == nil {
		interop = repackable(d.interop, nil)
	}

	// Pointer entries are rewritten with the new offsets, so each
	// directory's size is known before any offset is assigned.
	if len(exifDir) > 0 || len(interop) > 0 {
		ifd0 = append(ifd0, ifdEntry{Tag: tagExifIFD, Type: 4, Count: 1, ValLen: 4})
	}
	if len(gpsDir) > 0 {
		ifd0 = append(ifd0, ifdEntry{Tag: tagGPSIFD, Type: 4, Count: 1, ValLen: 4})
	}
	if len(interop) > 0 {
		exifDir = append(exifDir, ifdEntry{Tag: tagInteropIFD, Type: 4, Count: 1, ValLen: 4})
	}
	dirs := [][]ifdEntry{ifd0, exifDir, gpsDir, interop}
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

// repackable keeps the entries whose values are in memory and whose tags
// are in keep (every tag when keep is nil), and drops the pointer tags
// given, which repackTIFF writes itself.
func repackable(entries []ifdEntry, keep map[uint16]exif.FieldName, pointerTags ...uint16) []ifdEntry {
	var out []ifdEntry
	for _, e := range entries {
		if e.Val == nil || int64(len(e.Val)) != e.ValLen || isPointerTag(e.Tag, pointerTags) {
			continue
		}
		if _, ok := keep[e.Tag]; keep != nil && !ok {
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

// goexifTags are the entries goexif is handed, by directory, with the
// names goexif gives them: the fields recordEXIF and its helpers ask it
// for, and nothing else. main serves IFD0 and the EXIF directory, which
// goexif names from one table; the interoperability directory serves
// none. TestGoexifTagsNameTheirFields holds each tag to its name, and
// TestRepackedFieldsAsBefore the records of real photos to those of
// every entry repacked.
var goexifTags = struct {
	main, gps map[uint16]exif.FieldName
}{
	main: map[uint16]exif.FieldName{
		0x010F: exif.Make,
		0x0110: exif.Model,
		0xA433: exif.LensMake,
		0xA434: exif.LensModel,
		0x013B: exif.Artist,
		0x8298: exif.Copyright,
		0x0131: exif.Software,
		0x010E: exif.ImageDescription,
		0xA420: exif.ImageUniqueID,
		0x9286: exif.UserComment,
		0x9C9B: exif.XPTitle,
		0x9C9C: exif.XPComment,
		0x9C9D: exif.XPAuthor,
		0x9C9E: exif.XPKeywords,
		0x9C9F: exif.XPSubject,
		0xA002: exif.PixelXDimension,
		0xA003: exif.PixelYDimension,
		0x0100: exif.ImageWidth,
		0x0101: exif.ImageLength,
		0x9003: exif.DateTimeOriginal,
		0x9004: exif.DateTimeDigitized,
		0x0132: exif.DateTime,
	},
	gps: map[uint16]exif.FieldName{
		0x01: exif.GPSLatitudeRef,
		0x02: exif.GPSLatitude,
		0x03: exif.GPSLongitudeRef,
		0x04: exif.GPSLongitude,
		0x05: exif.GPSAltitudeRef,
		0x06: exif.GPSAltitude,
		0x07: exif.GPSTimeStamp,
		0x1D: exif.GPSDateStamp,
	},
}
