package redact

import (
	"bytes"
	"context"
	"strings"

	"github.com/consignhq/consign/pipeline/extract"
)

// id3Formats are the audio files whose ID3v2 frames Strip.Fields can
// name: MP3 (and other streams an ID3v2 tag opens, such as Musepack),
// WAV and AIFF with an ID3 chunk, DSF; and, in WAV and AIFF files, their
// own text chunks (iffText).
var id3Formats = map[string]bool{
	"audio/mpeg": true, "audio/wav": true, "audio/x-wav": true, "audio/vnd.wave": true,
	"audio/aiff": true, "audio/x-aiff": true, "audio/x-dsf": true,
	"audio/flac": true, "audio/x-flac": true, // Vorbis comments
}

func isFLAC(mediaType string) bool { return mediaType == "audio/flac" || mediaType == "audio/x-flac" }

// iffText reports whether field is an AIFF text chunk's or a RIFF INFO
// value's, as the AIFF and RIFF extractors name them.
func iffText(mediaType, field string) bool {
	if strings.HasPrefix(mediaType, "audio/aiff") || mediaType == "audio/x-aiff" {
		switch field {
		case "aiff:Name", "aiff:Author", "aiff:Copyright", "aiff:Annotation":
			return true
		}
		return false
	}
	id, ok := strings.CutPrefix(field, "riff:")
	return ok && len(id) == 4 && strings.Contains(mediaType, "wav")
}

// redactAudio empties the values of the fields s.Fields names in an
// audio file: the body of every frame of its ID3v2 tag whose field is
// named ("id3:TPE1", "id3:COMM") is zeroed, keeping its header and
// length, and reads as empty (an ISO-8859-1 text of nothing); so is the
// data of a WAV's INFO values and an AIFF's text chunks (riff:IART,
// aiff:Author); the values of a FLAC stream's Vorbis comments
// (vorbis:ARTIST) become spaces. Nothing moves. A frame that is
// compressed or encrypted, or a tag that is unsynchronised, is left as it
// is and its field reported kept. The edited file is read again by every
// extractor a scan runs: a field still found (in an ID3v1 tag, an APE
// tag) is reported kept.
func redactAudio(j *job) error {
	var id3, iff, vorbis []string
	for _, f := range j.strip.Fields {
		switch {
		case strings.HasPrefix(f, "id3:"):
			id3 = append(id3, f)
		case iffText(j.mediaType, f):
			iff = append(iff, f)
		case isFLAC(j.mediaType) && strings.HasPrefix(f, "vorbis:"):
			vorbis = append(vorbis, f)
		}
	}
	zeroed := map[string]bool{}
	if len(id3) > 0 {
		frames, err := extract.LocateID3Frames(j.r, j.size)
		var plain []extract.FieldRange
		for _, fr := range frames {
			if fr.Plain {
				plain = append(plain, extract.FieldRange{Field: fr.Field, Value: fr.Body})
			} else if j.strip.field(fr.Field) {
				j.rep.kept(fr.Field + " kept: in a compressed or encrypted frame")
			}
		}
		j.editFields(id3, plain, err, zeroValue, zeroed)
	}
	if len(iff) > 0 {
		chunks, err := extract.LocateIFFText(j.r, j.size)
		j.editFields(iff, chunks, err, zeroValue, zeroed)
	}
	if len(vorbis) > 0 {
		values, err := extract.LocateFLACComments(j.r, j.size)
		j.editFields(vorbis, values, err, blankValue, zeroed)
	}
	if len(zeroed) > 0 {
		return j.checkFields(append(append(id3, iff...), vorbis...), zeroed)
	}
	return nil
}

// checkFields reads the file as it will be with the edits made so far,
// through every extractor a scan runs, and reports each of fields it no
// longer finds removed (when the redactor edited it: edited) and each it
// still finds kept.
func (j *job) checkFields(fields []string, edited map[string]bool) error {
	res, err := j.read()
	if err != nil {
		return err
	}
	for _, f := range fields {
		if v, ok := res.Field(f); ok && strings.TrimSpace(v) != "" {
			j.rep.kept(f + " kept: still read from the file")
		} else if edited[f] {
			j.rep.applied(f + " removed")
		}
	}
	return nil
}

// read runs every extractor a scan runs over the file as it will be with
// the edits made so far.
func (j *job) read() (*extract.Result, error) {
	r := &editedReader{r: j.r, edits: sortedEdits(j.edits)}
	head := make([]byte, min(j.size, extract.HeadSize))
	if _, err := r.ReadAt(head, 0); err != nil && len(head) > 0 {
		return nil, err
	}
	_, kind := extract.Sniff(j.path, head)
	var res extract.Result
	extract.Run(context.Background(), extract.Default(), &extract.Source{Path: j.path, Size: j.size, Head: head, R: r, MediaType: j.mediaType, Kind: kind}, &res)
	return &res, nil
}

// editFields adds the edit mk makes of each value in found whose field
// j.strip.Fields names, and notes the field in done; fields whose values
// could not be located (err) are reported kept, with the reason.
func (j *job) editFields(fields []string, found []extract.FieldRange, err error, mk func(extract.FileRange) edit, done map[string]bool) {
	if err != nil {
		for _, f := range fields {
			j.rep.kept(f + " kept: " + err.Error())
		}
	}
	for _, v := range found {
		if j.strip.field(v.Field) && v.Value.N > 0 {
			j.add(mk(v.Value))
			done[v.Field] = true
		}
	}
}

// zeroValue zeroes a value's bytes; blankValue makes them spaces.
func zeroValue(r extract.FileRange) edit  { return zeros(r.Off, r.N) }
func blankValue(r extract.FileRange) edit { return patch(r.Off, bytes.Repeat([]byte{' '}, int(r.N))) }
