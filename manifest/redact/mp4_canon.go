package redact

import (
	"errors"
	"fmt"
	"io"

	"github.com/consignhq/consign/pipeline/extract"
	"github.com/consignhq/consign/pipeline/extract/bmff"
)

// canon redacts a CR3's metadata boxes in place: CMT1 and CMT2 like any
// TIFF directory (serials and owner go), CMT4 becomes a free box when
// GPS goes, and CMT3, Canon's maker note, which raw decoders read, keeps
// all but the serial numbers and owner's name asked for.
func (m *mp4Redactor) canon(b bmff.Box) error {
	kids, err := m.w.Children(b.DataOff(), b.End())
	if err != nil {
		return fmt.Errorf("canon metadata box: %w", err)
	}
	for _, k := range kids {
		switch k.Type {
		case "CMT1", "CMT2":
			edits, err := redactTIFF(io.NewSectionReader(m.r, k.DataOff(), k.DataLen()), k.DataLen(), m.strip, true, &m.rep)
			if errors.Is(err, errNotTIFF) {
				continue
			}
			if err != nil {
				return fmt.Errorf("canon %s box at offset %d: %w", k.Type, k.Off, err)
			}
			for _, e := range edits {
				e.off += k.DataOff()
				m.add(e)
			}
		case "CMT3":
			if m.strip.Serials || m.strip.Owner || m.strip.makerNote() {
				found, err := extract.LocateCR3MakerNote(io.NewSectionReader(m.r, k.DataOff(), k.DataLen()), k.DataLen())
				for _, e := range makerNoteValues("CANON", found, err, m.strip, &m.rep) {
					e.off += k.DataOff()
					m.add(e)
				}
			}
		case "CMT4":
			if m.strip.GPS {
				m.free(k, "exif:GPS")
			}
		}
	}
	return nil
}

// isHEIF reports whether the ftyp box names a HEIF image brand.
func isHEIF(m *mp4Redactor, ftyp bmff.Box) bool {
	p, err := readBlock(m.r, ftyp.DataOff(), min(ftyp.DataLen(), 64), 64, "ftyp box")
	if err != nil {
		return false
	}
	for i := 0; i+4 <= len(p); i += 4 {
		if i == 4 {
			continue // the minor version
		}
		switch string(p[i : i+4]) {
		case "heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif", "avis":
			return true
		}
	}
	return false
}
