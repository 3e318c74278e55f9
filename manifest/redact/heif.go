package redact

import (
	"errors"
	"fmt"
	"io"

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
	for _, fr := range exifs {
		edits, err := redactTIFF(io.NewSectionReader(j.r, fr.Off, fr.N), fr.N, j.strip, false, &j.rep)
		if err != nil {
			return fmt.Errorf("heif exif item at offset %d: %w", fr.Off, err)
		}
		for _, e := range edits {
			e.off += fr.Off
			j.edits = append(j.edits, e)
		}
	}
	for _, fr := range xmps {
		p, err := readBlock(j.r, fr.Off, fr.N, maxXMPPacket, "heif xmp item")
		if err != nil {
			return err
		}
		out, err := redactXMP(p, j.strip, &j.rep)
		if err != nil {
			return fmt.Errorf("heif xmp item at offset %d: %w", fr.Off, err)
		}
		if out != nil {
			j.edits = append(j.edits, patch(fr.Off, out))
		}
	}
	return nil
}
