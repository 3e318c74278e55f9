package extract

import (
	"bytes"
	"fmt"
	"io"
)

// section is one metadata block inside a file: a byte range of the file
// itself, or bytes already in memory when the container compressed or
// split them (a zTXt chunk, an HEIC item stored in idat).
type section struct {
	off, n int64
	data   []byte
}

func fileSection(off, n int64) section { return section{off: off, n: n} }

func memSection(b []byte) section { return section{n: int64(len(b)), data: b} }

// readerAt returns the section's bytes for random access, never reading
// more than the section holds.
func (s section) readerAt(src *Source) io.ReaderAt {
	if s.data != nil {
		return bytes.NewReader(s.data)
	}
	return io.NewSectionReader(src.R, s.off, s.n)
}

// bytes reads the whole section into memory when it is at most limit
// bytes long.
func (s section) bytes(src *Source, limit int64) ([]byte, error) {
	if s.n > limit {
		return nil, fmt.Errorf("block of %d bytes at offset %d is over the %d byte limit", s.n, s.off, limit)
	}
	if s.data != nil {
		return s.data, nil
	}
	b := make([]byte, s.n)
	if _, err := src.R.ReadAt(b, s.off); err != nil {
		return nil, fmt.Errorf("read block at offset %d: %w", s.off, err)
	}
	return b, nil
}

// imageBlocks says where an image file keeps its metadata.
type imageBlocks struct {
	format string
	exif   []section  // TIFF structures (from the "II*\0"/"MM\0*" header on)
	xmp    []section  // XMP packets
	iptc   []section  // IPTC IIM streams
	psir   []section  // Photoshop image resource blocks (8BIM ...)
	gopro  []section  // GPMF of GoPro's JPEG APP6 segments
	cr3    *cr3Blocks // a CR3's EXIF, in four blocks
	// ext gathers a JPEG's extended XMP pieces, which only the XMP
	// extractor puts together.
	ext extendedXMP
	// notes are the EXIF blocks of a raw file's embedded preview, read
	// only for the maker note the file's own EXIF lacks.
	notes  []section
	width  int
	height int
	// scan is the offset of a JPEG's first start-of-scan marker, where
	// checkJPEGData begins.
	scan int64

	// problems are blocks that could not be read; the walk went on.
	problems []error

	// held counts the bytes of the blocks above kept in memory (inflated
	// text, decoded profiles, items gathered from pieces): a few bytes of
	// a hostile file can each make megabytes, so past maxHeldMeta no more
	// are made.
	held     int64
	heldFull bool // a block was refused for maxHeldMeta: the later ones are skipped unreported
}

// maxHeldMeta bounds the metadata one image keeps in memory; a real file
// holds a few blocks far smaller than maxXMPSize. (A variable, so that
// tests can reach it with smaller blocks.)
var maxHeldMeta int64 = 4 * maxXMPSize

// errHeldMeta is wrapped by the problem of a block refused because the
// image's blocks in memory reached maxHeldMeta.
var errHeldMeta = fmt.Errorf("metadata blocks held in memory reached the %d byte limit", maxHeldMeta)

// heldLeft is how many more bytes of blocks the image may keep in memory.
func (b *imageBlocks) heldLeft() int64 { return max(0, maxHeldMeta-b.held) }

// Image container formats recognised by their leading bytes.
const (
	formatJPEG = "jpeg"
	formatTIFF = "tiff"
	formatPNG  = "png"
	formatWebP = "webp"
	formatBMFF = "heif"
)

// imageFormat names the container of head, or "" when it is none we read.
func imageFormat(head []byte) string {
	switch {
	case len(head) >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF:
		return formatJPEG
	case bytes.HasPrefix(head, []byte("II*\x00")), bytes.HasPrefix(head, []byte("MM\x00*")), rawTIFFOrder(head) != nil:
		return formatTIFF
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return formatPNG
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return formatWebP
	case len(head) >= 12 && string(head[4:8]) == "ftyp" && isHEIFBrand(head):
		return formatBMFF
	case isCR3(head):
		return formatCR3
	case isRAF(head):
		return formatRAF
	case len(head) >= 26 && string(head[:4]) == "8BPS" && (head[5] == 1 || head[5] == 2):
		return formatPSD
	}
	return ""
}

// locateImageBlocks finds the metadata blocks of src's container. It
// returns what it found before any structural error, with that error.
func locateImageBlocks(src *Source) (imageBlocks, error) {
	b := imageBlocks{format: imageFormat(src.Head)}
	var err error
	switch b.format {
	case formatJPEG:
		err = scanJPEG(src, &b)
	case formatTIFF:
		err = scanTIFF(src, &b)
	case formatPNG:
		err = scanPNG(src, &b)
	case formatWebP:
		err = scanWebP(src, &b)
	case formatBMFF:
		err = scanHEIF(src, &b)
	case formatCR3:
		err = scanCR3(src, &b)
	case formatRAF:
		err = scanRAF(src, &b)
	case formatPSD:
		err = scanPSD(src, &b)
	}
	return b, err
}

// scanTIFF reads a TIFF file (or a TIFF-based raw such as DNG) whose IFD0
// is the image's own: the file is the EXIF block, and tags 700 and 33723
// hold XMP and IPTC.
func scanTIFF(src *Source, b *imageBlocks) error {
	b.exif = append(b.exif, fileSection(0, src.Size))
	d, err := readTIFFDirs(src.R, src.Size)
	if err != nil {
		return fmt.Errorf("read tiff directories: %w", err)
	}
	if e, ok := findEntry(d.ifd0, tagXMP); ok && (e.Type == 1 || e.Type == 7 || e.Type == 2) {
		b.xmp = append(b.xmp, fileSection(e.ValOff, e.ValLen))
	}
	if e, ok := findEntry(d.ifd0, tagIPTC); ok && e.ValLen > 4 {
		b.iptc = append(b.iptc, fileSection(e.ValOff, e.ValLen))
	}
	if bytes.HasPrefix(src.Head, []byte("IIU\x00")) {
		noteRW2Preview(src, d, b)
	}
	return nil
}
