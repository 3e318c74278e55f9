package extract

import (
	"encoding/binary"
	"fmt"
	"io"

	"github.com/consignhq/consign/pipeline/extract/bmff"
)

// formatPSD is a Photoshop document (.psd, and .psb, its large form).
const formatPSD = "psd"

// Photoshop image resources that hold metadata.
const (
	psdIPTC = 0x0404
	psdEXIF = 0x0422
	psdXMP  = 0x0424
	// maxPSDResources bounds the resource blocks walked; a document has
	// a few dozen.
	maxPSDResources = 4096
)

// scanPSD finds the EXIF, XMP and IPTC resources of a Photoshop
// document: after the 26-byte header and the colour mode data, the
// image resource section is a list of blocks ("8BIM", a 2-byte ID, a
// Pascal name padded to even length, a 4-byte size, the data padded to
// even length). A photographer's PSD keeps the camera's EXIF there,
// its GPS position and serial numbers with it.
func scanPSD(src *Source, b *imageBlocks) error {
	var u [4]byte
	if err := bmff.ReadFull(src.R, u[:], 26); err != nil {
		return fmt.Errorf("read psd colour mode length: %w", err)
	}
	at := 30 + int64(binary.BigEndian.Uint32(u[:]))
	if err := bmff.ReadFull(src.R, u[:], at); err != nil {
		return fmt.Errorf("read psd image resources length at offset %d: %w", at, err)
	}
	start := at + 4
	end := start + int64(binary.BigEndian.Uint32(u[:]))
	if end > src.Size {
		return fmt.Errorf("psd image resources run to offset %d, past the %d byte file", end, src.Size)
	}
	var h [7]byte // signature, ID and the name's length
	for pos, i := start, 0; pos+12 <= end; i++ {
		if i == maxPSDResources {
			return fmt.Errorf("psd has more than %d image resources", maxPSDResources)
		}
		if err := bmff.ReadFull(src.R, h[:], pos); err != nil {
			return fmt.Errorf("read psd image resource at offset %d: %w", pos, err)
		}
		if string(h[:4]) != "8BIM" {
			return fmt.Errorf("psd image resource at offset %d has no 8BIM signature", pos)
		}
		id := binary.BigEndian.Uint16(h[4:])
		nameLen := 1 + int64(h[6])
		nameLen += nameLen & 1
		if err := bmff.ReadFull(src.R, u[:], pos+6+nameLen); err != nil {
			return fmt.Errorf("read psd image resource size at offset %d: %w", pos+6+nameLen, err)
		}
		data := pos + 6 + nameLen + 4
		n := int64(binary.BigEndian.Uint32(u[:]))
		if n > end-data {
			return fmt.Errorf("psd image resource %#04x of %d bytes runs past its section", id, n)
		}
		s := fileSection(data, n)
		switch id {
		case psdIPTC:
			b.iptc = append(b.iptc, s)
		case psdEXIF:
			b.exif = append(b.exif, s)
		case psdXMP:
			b.xmp = append(b.xmp, s)
		}
		pos = data + n + n&1
	}
	return nil
}

// LocatePSDMetadata gives where a Photoshop document keeps its EXIF
// resource (a TIFF block) and its XMP resource, as stretches of the
// file, by the walk the extractors read it by, so that they can be
// edited in place: nothing in the document points inside a resource.
func LocatePSDMetadata(r io.ReaderAt, size int64) (exif, xmp []FileRange, err error) {
	var b imageBlocks
	if err := scanPSD(&Source{R: r, Size: size}, &b); err != nil {
		return nil, nil, err
	}
	for _, s := range b.exif {
		exif = append(exif, FileRange{Off: s.off, N: s.n})
	}
	for _, s := range b.xmp {
		xmp = append(xmp, FileRange{Off: s.off, N: s.n})
	}
	return exif, xmp, nil
}
