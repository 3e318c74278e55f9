package redact

import (
	"encoding/binary"
	"hash/crc32"
	"sort"

	"github.com/consignhq/consign/pipeline/extract"
)

// mkvTypes are the media types of Matroska and WebM files, whose title
// and simple tags Strip.Fields can name (mkv:Title, mkv:ARTIST).
var mkvTypes = map[string]bool{
	"video/matroska": true, "video/x-matroska": true, "audio/matroska": true, "audio/x-matroska": true,
	"video/webm": true, "audio/webm": true,
}

// maxEBMLCovered bounds the bytes a CRC-32 element covers that the
// redactor reads to make it again: the Info or Tags element around a
// value, a few KiB.
const maxEBMLCovered = 16 << 20

// redactMatroska zeroes the values of the title and the simple tags
// s.Fields names, where the extractor reads them (a string of NULs
// reads as none), and makes again each CRC-32 element of the elements
// around them that was right, innermost first. Nothing moves. The
// edited file is read again by every extractor a scan runs.
func redactMatroska(j *job) error {
	fields := j.strip.fieldsWhere(prefixed("mkv:", "mkv:DateUTC"))
	if len(fields) == 0 {
		return nil
	}
	found, sums, err := extract.LocateMatroskaFields(j.r, j.size)
	done := map[string]bool{}
	j.editFields(fields, found, err, zeroValue, done)
	if len(done) == 0 {
		return j.checkFields(fields, done)
	}
	// An inner element's checksum is covered by its parent's: make the
	// smaller ones first.
	sort.Slice(sums, func(a, b int) bool { return sums[a].Covered.N < sums[b].Covered.N })
	for _, c := range sums {
		if !j.editedWithin(c.Covered) {
			continue
		}
		old, err := readBlock(j.r, c.Covered.Off, c.Covered.N, maxEBMLCovered, "matroska element")
		if err != nil {
			return err
		}
		var stored [4]byte
		if err := readAt(j.r, stored[:], c.At.Off); err != nil {
			return err
		}
		if binary.LittleEndian.Uint32(stored[:]) != crc32.ChecksumIEEE(old) {
			continue // a wrong checksum stays as it was
		}
		now := make([]byte, c.Covered.N)
		if _, err := (&editedReader{r: j.r, edits: sortedEdits(j.edits)}).ReadAt(now, c.Covered.Off); err != nil {
			return err
		}
		j.add(patch(c.At.Off, binary.LittleEndian.AppendUint32(nil, crc32.ChecksumIEEE(now))))
	}
	return j.checkFields(fields, done)
}

// editedWithin reports whether an edit of the job touches r.
func (j *job) editedWithin(r extract.FileRange) bool {
	for _, e := range j.edits {
		if e.off < r.Off+r.N && r.Off < e.off+e.n {
			return true
		}
	}
	return false
}
