package redact

import (
	"bytes"
	"context"
	"slices"
	"strings"

	"github.com/consignhq/consign/pipeline/extract"
)

// id3Formats are the audio files whose tags Strip.Fields can name: the
// ID3v2 frames of MP3 (and other streams an ID3v2 tag opens, such as
// Musepack), of WAV and AIFF with an ID3 chunk and of DSF; in WAV and
// AIFF files, their own text chunks (iffText); a FLAC stream's Vorbis
// comments; the APE tag and the ID3v1 tag that end Monkey's Audio,
// Musepack, WavPack and MP3 files.
var id3Formats = map[string]bool{
	"audio/mpeg": true, "audio/wav": true, "audio/x-wav": true, "audio/vnd.wave": true,
	"audio/aiff": true, "audio/x-aiff": true, "audio/x-dsf": true,
	"audio/flac": true, "audio/x-flac": true, // Vorbis comments
	"audio/x-ape": true, "audio/x-musepack": true, "audio/x-wavpack": true, // APE tags
}

// userFrames are the user-defined ID3v2 frames, which a scan names by
// their description (id3:TXXX:comment).
var userFrames = map[string]bool{"TXXX": true, "WXXX": true, "TXX": true, "WXX": true}

// id3v1Of names the field of an ID3v1 tag that repeats an ID3v2 frame.
var id3v1Of = map[string]string{
	"id3:TPE1": "id3v1:artist", "id3:TP1": "id3v1:artist", "id3:TIT2": "id3v1:title", "id3:TT2": "id3v1:title",
	"id3:TALB": "id3v1:album", "id3:TAL": "id3v1:album", "id3:COMM": "id3v1:comment", "id3:COM": "id3v1:comment",
	"id3:TYER": "id3v1:year", "id3:TYE": "id3v1:year", "id3:TDRC": "id3v1:year",
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
	var id3, iff, vorbis, ape, v1 []string
	for _, f := range j.strip.Fields {
		switch {
		case strings.HasPrefix(f, "id3:"):
			id3 = append(id3, f)
		case iffText(j.mediaType, f):
			iff = append(iff, f)
		case isFLAC(j.mediaType) && strings.HasPrefix(f, "vorbis:"):
			vorbis = append(vorbis, f)
		case strings.HasPrefix(f, "ape:"):
			ape = append(ape, f)
		case strings.HasPrefix(f, "id3v1:"):
			v1 = append(v1, f)
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
	if len(ape) > 0 {
		items, err := extract.LocateAPEItems(j.r, j.size)
		j.editFields(ape, items, err, zeroValue, zeroed)
	}
	j.redactID3v1(id3, v1, zeroed)
	if fields := slices.Concat(id3, iff, vorbis, ape, v1); len(fields) > 0 {
		// A field not found where the redactor looks is read back too,
		// and reported kept when the scan still finds it.
		return j.checkFields(fields, zeroed)
	}
	return nil
}

// redactID3v1 zeroes the fields of the ID3v1 tag that ends the file which
// v1 names (id3v1:artist) or which repeat the ID3v2 frames id3 names: a
// file tagged both ways keeps its artist in the ID3v1 tag too, where the
// scan, reading the ID3v2 tag, does not look.
func (j *job) redactID3v1(id3, v1 []string, zeroed map[string]bool) {
	want := slices.Clone(v1)
	for _, f := range id3 {
		if o, ok := id3v1Of[f]; ok && !slices.Contains(want, o) {
			want = append(want, o)
		}
	}
	if len(want) == 0 {
		return
	}
	fields, err := extract.LocateID3v1(j.r, j.size)
	if len(v1) == 0 && err != nil {
		return // no ID3v1 tag behind the ID3v2 one
	}
	for _, f := range fields {
		if slices.Contains(want, f.Field) && !slices.Contains(v1, f.Field) {
			j.add(zeroValue(f.Value))
			j.rep.applied(f.Field + " removed")
		}
	}
	j.editFields(v1, fields, err, zeroValue, zeroed)
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
			if !slices.ContainsFunc(j.rep.Kept, func(k string) bool { return strings.HasPrefix(k, f+" kept") }) {
				j.rep.kept(f + " kept: still read from the file")
			}
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
