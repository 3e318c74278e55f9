package redact

import (
	"github.com/consignhq/consign/pipeline/extract"
)

// asfTypes are the media types of Windows Media files, whose content
// description and extended content strings Strip.Fields can name
// (asf:Author, asf:WM/AlbumArtist).
var asfTypes = map[string]bool{
	"video/x-ms-asf": true, "video/x-ms-wmv": true, "audio/x-ms-wma": true, "application/vnd.ms-asf": true,
}

// redactASF zeroes the UTF-16 values of the strings s.Fields names in a
// Windows Media file's header object, where the extractor reads them (a
// string of NULs reads as none); the objects keep their sizes, and
// nothing has a checksum. The edited file is read again by every
// extractor a scan runs.
func redactASF(j *job) error {
	fields := j.strip.fieldsWhere(prefixed("asf:", "asf:CreationDate", "asf:WM/Picture"))
	if len(fields) == 0 {
		return nil
	}
	found, err := extract.LocateASFFields(j.r, j.size)
	done := map[string]bool{}
	j.editFields(fields, found, err, zeroValue, done)
	return j.checkFields(fields, done)
}
