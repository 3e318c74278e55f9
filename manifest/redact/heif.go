package redact

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/consignhq/consign/pipeline/extract"
)

// redactHEIF redacts a HEIF, HEIC or AVIF image in place: its Exif items
// as TIFF blocks (GPS directory, serials and owner removed, the maker
// note cleared, as in a JPEG) and its XMP items as packets blanked to the
// same length. The item location box points at each item as a whole, so
// nothing moves and no offset changes. An item in pieces, or one that
// cannot be placed, refuses the file rather than leave it unseen.
func redactHEIF(j *job) error {
	exifs, xmps, err := extract.LocateHEIFMetadata(j.r, j.size)
	if errors.Is(err, extract.ErrHEIFItemInPieces) {
		return fmt.Errorf("heif: %v: %w", err, ErrUnsupported)
	}
	if err != nil {
		return fmt.Errorf("heif: %w", err)
	}
	blocks, err := checkHEIFItems(j, exifs, xmps)
	if err != nil {
		return fmt.Errorf("heif: %w", err)
	}
	for i, fr := range exifs {
		edits, err := redactTIFF(bytes.NewReader(blocks[i]), fr.N, j.strip, false, &j.rep)
		if err != nil {
			return fmt.Errorf("heif exif item at offset %d: %w", fr.Off, err)
		}
		j.addAt(fr.Off, edits)
	}
	return j.redactXMPRanges(xmps, "heif xmp item")
}

// addAt adds edits made on a block that starts at off in the file.
func (j *job) addAt(off int64, edits []edit) {
	for _, e := range edits {
		e.off += off
		j.edits = append(j.edits, e)
	}
}

// redactXMPRanges blanks what the redaction removes in the XMP packets
// held in ranges of the file (what names them in errors).
func (j *job) redactXMPRanges(ranges []extract.FileRange, what string) error {
	for _, fr := range ranges {
		p, err := readBlock(j.r, fr.Off, fr.N, maxXMPPacket, what)
		if err != nil {
			return err
		}
		out, err := redactXMP(p, j.strip, &j.rep)
		if err != nil {
			return fmt.Errorf("%s at offset %d: %w", what, fr.Off, err)
		}
		if out != nil {
			j.add(patch(fr.Off, out))
		}
	}
	return nil
}

// maxHEIFExif bounds an Exif item read whole for checkHEIFItems, as the
// extractor bounds every metadata item; a camera's is a few tens of
// kilobytes.
const maxHEIFExif = 1 << 20

// checkHEIFItems refuses items that share bytes, and Exif items that hold
// an XMP packet: in a file made that way, a value the TIFF redaction
// zeroes could fall inside a packet the XMP redaction blanks (or that the
// scan for stray packets finds), leaving a packet no reader can parse.
// Cameras and phones write each item on its own. It returns the Exif
// items' bytes, which it reads to look for packets and the TIFF
// redaction then reads from.
func checkHEIFItems(j *job, exifs, xmps []extract.FileRange) ([][]byte, error) {
	all := append(append([]extract.FileRange{}, exifs...), xmps...)
	for i, a := range all {
		for _, b := range all[i+1:] {
			if a.Off < b.Off+b.N && b.Off < a.Off+a.N {
				return nil, fmt.Errorf("metadata items at offsets %d and %d share bytes: %w", a.Off, b.Off, errOverlap)
			}
		}
	}
	blocks := make([][]byte, len(exifs))
	for i, fr := range exifs {
		b, err := readBlock(j.r, fr.Off, fr.N, maxHEIFExif, "heif exif item")
		if err != nil {
			return nil, err
		}
		for _, m := range xmpMarkers {
			if bytes.Contains(b, m[0]) {
				return nil, fmt.Errorf("exif item at offset %d holds an xmp packet, which its redaction could break", fr.Off)
			}
		}
		blocks[i] = b
	}
	return blocks, nil
}
