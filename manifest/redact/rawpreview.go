package redact

import (
	"encoding/binary"
	"fmt"
	"io"
)

// redactRAF redacts a Fujifilm RAF in place: its EXIF, XMP and IPTC are
// those of the JPEG preview its header points at (offset 84: the
// preview's offset and length, big-endian), which the scan reads as the
// file's; they are edited as a JPEG's, the maker note kept but for the
// values asked for, as in any raw file. The raw data is not touched.
func redactRAF(j *job) error {
	var hdr [8]byte
	if err := readAt(j.r, hdr[:], 84); err != nil {
		return fmt.Errorf("raf header: %w", ErrUnsupported)
	}
	off, n := int64(binary.BigEndian.Uint32(hdr[:4])), int64(binary.BigEndian.Uint32(hdr[4:]))
	if off < 92 || n < 4 || off+n > j.size {
		return fmt.Errorf("raf jpeg preview of %d bytes at offset %d lies outside the %d byte file", n, off, j.size)
	}
	return j.redactPreview(off, n, "raf jpeg preview")
}

// tagJpgFromRaw is the IFD0 tag of a Panasonic RW2 that holds a full JPEG
// with an EXIF block of its own (the maker note the RW2's directory
// lacks, a copy of the position).
const tagJpgFromRaw = 0x002E

// redactRW2 redacts a Panasonic RW2 in place: its own directories as a
// TIFF-based raw file's, then the JPEG its IFD0 holds (JpgFromRaw) as a
// raw file's preview.
func redactRW2(j *job) error {
	if err := redactTIFFFile(j); err != nil {
		return err
	}
	t := &tiffRedactor{r: j.r, size: j.size, order: binary.LittleEndian, visited: map[int64]bool{}}
	var hdr [8]byte
	if err := readAt(j.r, hdr[:], 0); err != nil {
		return err
	}
	entries, _, err := t.readIFD(int64(t.order.Uint32(hdr[4:])))
	if err != nil {
		return fmt.Errorf("rw2: %w", err)
	}
	for _, e := range entries {
		if e.tag == tagJpgFromRaw && e.valOff >= 0 && e.valLen >= 4 {
			return j.redactPreview(e.valOff, e.valLen, "rw2 JpgFromRaw")
		}
	}
	return nil
}

// redactPreview redacts the JPEG of n bytes at off, a raw file's
// preview: its segments are edited as a JPEG's, with the maker note kept
// but for the values asked for, and the edits and report join the job's.
func (j *job) redactPreview(off, n int64, what string) error {
	sub := &job{r: io.NewSectionReader(j.r, off, n), size: n, mediaType: "image/jpeg", strip: j.strip, rawNote: true}
	var soi [3]byte
	if err := readAt(sub.r, soi[:], 0); err != nil || soi != [3]byte{0xFF, 0xD8, 0xFF} {
		return fmt.Errorf("%s at offset %d is not a jpeg", what, off)
	}
	if _, err := sub.jpegHeader(0); err != nil {
		return fmt.Errorf("%s at offset %d: %w", what, off, err)
	}
	for _, e := range sub.edits {
		e.off += off
		j.add(e)
	}
	for _, a := range sub.rep.Applied {
		j.rep.applied(a)
	}
	for _, k := range sub.rep.Kept {
		j.rep.kept(k)
	}
	return nil
}
