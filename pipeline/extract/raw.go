package extract

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"strings"

	"github.com/gabriel-vasile/mimetype"
	"github.com/rwcarlsen/goexif/exif"

	"github.com/consignhq/consign/pipeline/extract/bmff"
)

// Camera raw files that are not TIFF files to a TIFF reader. A
// photographer's catalogue holds them beside the JPEGs, and they carry
// the same EXIF (the capture time, the GPS position, the body's serial
// number and the owner's name) in containers of their own:
//
//   - Canon's CR3 is an ISO base media file whose moov box holds a uuid
//     box with the EXIF directories as four TIFF blocks: CMT1 is IFD0,
//     CMT2 the EXIF directory, CMT3 Canon's maker note, CMT4 the GPS
//     directory. Its XMP is the top-level XMP uuid box of any MP4.
//   - Fujifilm's RAF starts with "FUJIFILMCCD-RAW " and a header that
//     gives the offset and length of a full JPEG preview, whose EXIF is
//     the camera's.
//   - Panasonic's RW2 and Olympus's ORF are TIFF files under another
//     magic number ("IIU\0"; "IIRO", "IIRS", "MMOR"): readTIFFDirs takes
//     them as TIFF.
const (
	mediaCR3 = "image/x-canon-cr3"
	mediaRAF = "image/x-fuji-raf"
	mediaRW2 = "image/x-panasonic-rw2"
	mediaORF = "image/x-olympus-orf"

	formatCR3 = "cr3"
	formatRAF = "raf"
)

func init() {
	// The sniffer calls a CR3 an MP4 (its ftyp box) and knows no RAF,
	// RW2 or ORF.
	mimetype.Lookup("video/mp4").Extend(func(raw []byte, _ uint32) bool { return isCR3(raw) }, mediaCR3, ".cr3")
	root := mimetype.Lookup("application/octet-stream")
	root.Extend(func(raw []byte, _ uint32) bool { return isRAF(raw) }, mediaRAF, ".raf")
	root.Extend(func(raw []byte, _ uint32) bool { return bytes.HasPrefix(raw, []byte("IIU\x00")) }, mediaRW2, ".rw2")
	root.Extend(func(raw []byte, _ uint32) bool { return isORFHeader(raw) }, mediaORF, ".orf")
}

// isCR3 reports whether head is the ftyp box of a CR3 file.
func isCR3(head []byte) bool {
	return len(head) >= 12 && string(head[4:8]) == "ftyp" && string(head[8:12]) == "crx "
}

// rafMagic starts every RAF file.
const rafMagic = "FUJIFILMCCD-RAW "

func isRAF(head []byte) bool { return bytes.HasPrefix(head, []byte(rafMagic)) }

func isORFHeader(b []byte) bool {
	return bytes.HasPrefix(b, []byte("IIRO")) || bytes.HasPrefix(b, []byte("IIRS")) || bytes.HasPrefix(b, []byte("MMOR"))
}

// rawTIFFOrder gives the byte order of a raw file's TIFF header under a
// magic number of its own, or nil.
func rawTIFFOrder(hdr []byte) tiffByteOrder {
	switch {
	case bytes.HasPrefix(hdr, []byte("IIU\x00")), bytes.HasPrefix(hdr, []byte("IIRO")), bytes.HasPrefix(hdr, []byte("IIRS")):
		return binary.LittleEndian
	case bytes.HasPrefix(hdr, []byte("MMOR")):
		return binary.BigEndian
	}
	return nil
}

// cr3Blocks are a CR3's four TIFF blocks (a zero section where a box is
// missing).
type cr3Blocks struct {
	ifd0, exif, makerNote, gps section
}

// scanCR3 finds the CMT boxes in moov's Canon uuid box and the XMP uuid
// box at the top level.
func scanCR3(src *Source, b *imageBlocks) error {
	w := &bmff.Walker{R: src.R}
	top, err := w.Children(0, src.Size)
	for _, box := range top {
		switch {
		case box.Type == "uuid" && box.UUID == bmff.XMPUUID:
			b.xmp = append(b.xmp, fileSection(box.DataOff(), box.DataLen()))
		case box.Type == "moov":
			kids, kerr := w.Children(box.DataOff(), box.End())
			for _, k := range kids {
				if k.Type == "uuid" && k.UUID == bmff.CanonUUID {
					if cerr := noteCMTBoxes(w, k, b); cerr != nil && kerr == nil {
						kerr = cerr
					}
				}
			}
			if kerr != nil && err == nil {
				err = kerr
			}
		}
	}
	if b.cr3 == nil && err == nil {
		err = fmt.Errorf("cr3 has no canon metadata box")
	}
	return err
}

// noteCMTBoxes records the CMT boxes inside Canon's uuid box.
func noteCMTBoxes(w *bmff.Walker, canon bmff.Box, b *imageBlocks) error {
	kids, err := w.Children(canon.DataOff(), canon.End())
	c := &cr3Blocks{}
	for _, k := range kids {
		s := fileSection(k.DataOff(), k.DataLen())
		switch k.Type {
		case "CMT1":
			c.ifd0 = s
		case "CMT2":
			c.exif = s
		case "CMT3":
			c.makerNote = s
		case "CMT4":
			c.gps = s
		}
	}
	b.cr3 = c
	return err
}

// decodeCR3 reads the CMT blocks as one EXIF block would be read: IFD0,
// the EXIF and GPS directories together, then Canon's maker note.
func decodeCR3(src *Source, c *cr3Blocks, res *Result) error {
	ifd0, err := readCMT(src, c.ifd0, "CMT1", res)
	if err != nil {
		return err
	}
	if ifd0 == nil {
		return fmt.Errorf("cr3 has no CMT1 box, where its EXIF starts")
	}
	d := &tiffDirs{order: ifd0.order, ifd0: ifd0.ifd0}
	for _, part := range []struct {
		s    section
		name string
		dir  *[]ifdEntry
	}{{c.exif, "CMT2", &d.exif}, {c.gps, "CMT4", &d.gps}} {
		sub, err := readCMT(src, part.s, part.name, res)
		switch {
		case err != nil:
			res.Errorf("exif: %w", err)
		case sub != nil && sub.order != d.order:
			res.Errorf("exif: cr3 box %s is in another byte order than CMT1", part.name)
		case sub != nil:
			*part.dir = sub.ifd0
		}
	}
	x, err := exif.Decode(bytes.NewReader(repackTIFF(d)))
	if err != nil && (x == nil || exif.IsCriticalError(err)) {
		return fmt.Errorf("decode exif: %w", err)
	}
	recordEXIF(x, d, res)
	if c.makerNote.n > 0 {
		recordCR3MakerNote(src, c.makerNote, d, res)
	}
	return nil
}

// readCMT reads the TIFF block of one CMT box; nil when the box is
// missing.
func readCMT(src *Source, s section, name string, res *Result) (*tiffDirs, error) {
	if s.n == 0 {
		return nil, nil
	}
	d, err := readTIFFDirs(s.readerAt(src), s.n)
	if err != nil {
		return nil, fmt.Errorf("cr3 box %s at offset %d: %w", name, s.off, err)
	}
	for _, p := range d.problems {
		res.Errorf("exif: cr3 box %s: %w", name, p)
	}
	if d.dropped > 0 {
		res.Errorf("exif: cr3 box %s: %d directory entries point outside the %d byte block", name, d.dropped, s.n)
	}
	return d, nil
}

// recordCR3MakerNote reads Canon's identifying tags from CMT3, whose IFD0
// is the maker note's directory, as a CR2's maker note is read.
func recordCR3MakerNote(src *Source, s section, d *tiffDirs, res *Result) {
	note, err := readTIFFDirs(s.readerAt(src), s.n)
	if err != nil {
		return // the vendor's private data: see recordMakerNote
	}
	maker := strings.ToUpper(asciiValue(d.ifd0, 0x010F))
	model := asciiValue(d.ifd0, 0x0110)
	walkCR3MakerNote(s.readerAt(src), s.n, note, maker, model, func(t makerTag, v string, _ FileRange) { recordMakerTag(t.name, v, res) })
}

// walkCR3MakerNote calls fn with each identifying tag of a CMT3 block of
// n bytes in r, whose directories are note, made by maker.
func walkCR3MakerNote(r io.ReaderAt, n int64, note *tiffDirs, maker, model string, fn func(t makerTag, v string, at FileRange)) {
	for _, l := range makerLayouts {
		if l.signature == "" && strings.HasPrefix(maker, l.make) {
			w := &tiffWalker{r: r, size: n, order: note.order, budget: maxTIFFValueSum, visited: map[uint32]bool{}}
			makerTags(l, w, note.ifd0, maker, model, 0, fn)
			return
		}
	}
}

// scanRAF reads the JPEG preview a RAF's header points to as the file's
// metadata: its EXIF, XMP and IPTC blocks, at their offsets in the RAF.
func scanRAF(src *Source, b *imageBlocks) error {
	var hdr [8]byte
	if err := bmff.ReadFull(src.R, hdr[:], 84); err != nil {
		return fmt.Errorf("read raf header: %w", err)
	}
	off, n := int64(binary.BigEndian.Uint32(hdr[:4])), int64(binary.BigEndian.Uint32(hdr[4:]))
	if off < 92 || n < 4 || off+n > src.Size {
		return fmt.Errorf("raf jpeg preview of %d bytes at offset %d lies outside the %d byte file", n, off, src.Size)
	}
	head := make([]byte, min(n, int64(HeadSize)))
	if err := bmff.ReadFull(src.R, head, off); err != nil {
		return fmt.Errorf("read raf jpeg preview: %w", err)
	}
	if imageFormat(head) != formatJPEG {
		return fmt.Errorf("raf jpeg preview at offset %d is not a jpeg", off)
	}
	p, err := scanPreview(src, off, n, head)
	b.exif = append(b.exif, p.exif...)
	b.xmp = append(b.xmp, p.xmp...)
	b.iptc = append(b.iptc, p.iptc...)
	b.psir = append(b.psir, p.psir...)
	b.ext = p.ext
	b.problems = append(b.problems, p.problems...)
	if err != nil {
		return fmt.Errorf("raf jpeg preview: %w", err)
	}
	return nil
}

// scanPreview locates the blocks of the JPEG of n bytes at off in src,
// whose first bytes are head, at their offsets in src.
func scanPreview(src *Source, off, n int64, head []byte) (imageBlocks, error) {
	preview := &Source{Path: src.Path, Size: n, Head: head, R: io.NewSectionReader(src.R, off, n)}
	var p imageBlocks
	err := scanJPEG(preview, &p)
	p.ext.shift(off)
	for _, ss := range [][]section{p.exif, p.xmp, p.iptc, p.psir, p.gopro} {
		for i := range ss {
			if ss[i].data == nil {
				ss[i].off += off
			}
		}
	}
	return p, err
}

// tagJpgFromRaw is the IFD0 tag of a Panasonic RW2 that holds a full
// JPEG, whose EXIF has the maker note (and its serial number) that the
// RW2's own EXIF directory lacks.
const tagJpgFromRaw = 0x002E

// noteRW2Preview records the EXIF of an RW2's embedded JPEG in b.notes,
// when the file's own EXIF directory has no maker note.
func noteRW2Preview(src *Source, d *tiffDirs, b *imageBlocks) {
	e, ok := findEntry(d.ifd0, tagJpgFromRaw)
	if _, has := findEntry(d.exif, tagMakerNote); !ok || has || e.Type != 7 || e.ValLen < 4 {
		return
	}
	head := make([]byte, min(e.ValLen, int64(HeadSize)))
	if bmff.ReadFull(src.R, head, e.ValOff) != nil || imageFormat(head) != formatJPEG {
		return
	}
	p, _ := scanPreview(src, e.ValOff, e.ValLen, head) // the preview is the camera's copy: its faults are not the file's
	b.notes = append(b.notes, p.exif...)
}
