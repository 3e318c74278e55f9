package redact

import (
	"fmt"
	"io"

	"github.com/consignhq/consign/pipeline/extract"
)

// redactPSD redacts a Photoshop document in place: its EXIF resource as a
// TIFF block (GPS directory, serials and owner removed, the maker note
// cleared, as in a JPEG: a PSD is developed already) and its XMP
// resource blanked to the same length; IPTC goes with Strip.Fields, as
// in every format. The resources keep their sizes, so the layers and the
// image data after them do not move.
func redactPSD(j *job) error {
	exifs, xmps, err := extract.LocatePSDMetadata(j.r, j.size)
	if err != nil {
		return fmt.Errorf("psd: %w", err)
	}
	for _, fr := range exifs {
		edits, err := redactTIFF(io.NewSectionReader(j.r, fr.Off, fr.N), fr.N, j.strip, false, &j.rep)
		if err != nil {
			return fmt.Errorf("psd exif resource at offset %d: %w", fr.Off, err)
		}
		j.addAt(fr.Off, edits)
	}
	return j.redactXMPRanges(xmps, "psd xmp resource")
}
