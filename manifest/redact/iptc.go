package redact

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/consignhq/consign/pipeline/extract"
)

// iptcFormats are the media types whose IPTC IIM datasets Strip.Fields
// can name: a JPEG's Photoshop APP13 resources, a TIFF's tag 33723 and
// a Photoshop document's IPTC resource, which lie in the file as they
// are read, and a PNG's raw profiles.
var iptcFormats = map[string]bool{
	"image/jpeg": true, "image/pjpeg": true,
	"image/tiff": true, "image/x-adobe-dng": true, "image/x-canon-cr2": true, "image/x-nikon-nef": true,
	"image/x-sony-arw": true, "image/x-pentax-pef": true, "image/x-olympus-orf": true,
	"image/vnd.adobe.photoshop": true,
	// A PNG's, in the Photoshop resources or IPTC stream ImageMagick
	// keeps as a raw profile in a text chunk.
	"image/png": true, "image/apng": true, "image/vnd.mozilla.apng": true,
}

// redactIPTC overwrites with spaces the value of every IPTC dataset that
// s.Fields names ("iptc:By-line", "iptc:Credit"), where the IPTC
// extractor reads it: a dataset keeps its length, so the resource and the
// segment around it need no change, and a reader finds the field empty.
func (j *job) redactIPTC() error {
	if !slices.ContainsFunc(j.strip.Fields, func(f string) bool { return strings.HasPrefix(f, "iptc:") }) {
		return nil
	}
	sets, err := extract.LocateIPTC(j.r, j.size)
	if err != nil {
		return fmt.Errorf("iptc: %w", err)
	}
	for _, d := range sets {
		switch {
		case !j.strip.field(d.Field):
		case d.Held && isPNG(j.mediaType):
			// A PNG's profiles are redacted with its text chunks
			// (redactIPTCProfile).
		case d.Held:
			j.rep.kept(d.Field + " kept: in a profile held in compressed text")
		default:
			j.add(patch(d.Value.Off, bytes.Repeat([]byte{' '}, int(d.Value.N))))
			j.rep.applied(d.Field + " removed")
		}
	}
	return nil
}
