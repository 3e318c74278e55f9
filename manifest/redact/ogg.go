package redact

import (
	"encoding/binary"

	"github.com/consignhq/consign/pipeline/extract"
)

// oggTypes are the media types of Ogg streams, whose Vorbis or Opus
// comments Strip.Fields can name (vorbis:ARTIST).
var oggTypes = map[string]bool{"audio/ogg": true, "audio/opus": true, "application/ogg": true, "video/ogg": true}

// maxOggPage is the largest an Ogg page can be: a header of 27 bytes, 255
// lacing values and 255 segments of 255 bytes.
const maxOggPage = 27 + 255 + 255*255

// redactOgg makes the values of the Vorbis or Opus comments s.Fields
// names spaces, in the comment packet where the pages hold it, and makes
// each edited page's checksum again (a page whose checksum was wrong
// keeps it). Nothing moves. The edited file is read again by every
// extractor a scan runs: a field still found is reported kept.
func redactOgg(j *job) error {
	fields := j.strip.fieldsWhere(prefixed("vorbis:"))
	if len(fields) == 0 {
		return nil
	}
	values, pages, err := extract.LocateOggComments(j.r, j.size)
	if err != nil {
		for _, f := range fields {
			j.rep.kept(f + " kept: " + err.Error())
		}
		return nil
	}
	done := map[string]bool{}
	for _, p := range pages {
		page, err := readBlock(j.r, p.Off, p.N, maxOggPage, "ogg page")
		if err != nil {
			return err
		}
		right := binary.LittleEndian.Uint32(page[22:]) == extract.OggChecksum(page)
		edited := false
		for _, v := range values {
			lo, hi := max(v.Value.Off, p.Off), min(v.Value.Off+v.Value.N, p.Off+p.N)
			if !j.strip.field(v.Field) || lo >= hi {
				continue
			}
			for i := lo; i < hi; i++ {
				page[i-p.Off] = ' '
			}
			edited, done[v.Field] = true, true
		}
		if !edited {
			continue
		}
		if right {
			binary.LittleEndian.PutUint32(page[22:], extract.OggChecksum(page))
		}
		j.add(patch(p.Off, page))
	}
	return j.checkFields(fields, done)
}
