package redact

import (
	"errors"
	"fmt"
)

// redactTIFFFile redacts a TIFF file or a TIFF-based raw (DNG, CR2, NEF,
// ARW, PEF, ORF) in place: directories are rewritten where they are and
// removed values are zeroed, so strips, tiles and every offset stay
// valid. Maker notes are kept: a raw file's vendor data is what raw
// decoders read to develop the image, and a plain TIFF cannot be told
// from a raw by its header alone.
func redactTIFFFile(j *job) error {
	edits, err := redactTIFF(j.r, j.size, j.strip, true, &j.rep)
	if errors.Is(err, errNotTIFF) {
		return fmt.Errorf("no tiff header: %w", ErrUnsupported)
	}
	if err != nil {
		return fmt.Errorf("tiff: %w", err)
	}
	j.edits = append(j.edits, edits...)
	return nil
}
