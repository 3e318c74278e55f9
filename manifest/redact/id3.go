package redact

import (
	"context"
	"strings"

	"github.com/consignhq/consign/pipeline/extract"
)

// id3Formats are the audio files whose ID3v2 frames Strip.Fields can
// name: MP3 (and other streams an ID3v2 tag opens, such as Musepack),
// WAV and AIFF with an ID3 chunk, DSF.
var id3Formats = map[string]bool{
	"audio/mpeg": true, "audio/wav": true, "audio/x-wav": true, "audio/vnd.wave": true,
	"audio/aiff": true, "audio/x-aiff": true, "audio/x-dsf": true,
}

// redactID3 zeroes the body of every frame of the file's ID3v2 tag whose
// field s.Fields names ("id3:TPE1", "id3:COMM"): the frame keeps its
// header and length, so the tag and the audio after it do not move, and
// reads as empty (an ISO-8859-1 text of nothing). A frame that is
// compressed or encrypted, or a tag that is unsynchronised, is left as
// it is and its field reported kept. The edited file is read again by
// every extractor a scan runs: a field still found (in an ID3v1 tag, an
// APE tag) is reported kept.
func redactID3(j *job) error {
	var fields []string
	for _, f := range j.strip.Fields {
		if strings.HasPrefix(f, "id3:") {
			fields = append(fields, f)
		}
	}
	if len(fields) == 0 {
		return nil
	}
	frames, err := extract.LocateID3Frames(j.r, j.size)
	if err != nil {
		for _, f := range fields {
			j.rep.kept(f + " kept: " + err.Error())
		}
		return nil
	}
	zeroed := map[string]bool{}
	for _, fr := range frames {
		switch {
		case !j.strip.field(fr.Field) || fr.Body.N <= 0:
		case !fr.Plain:
			j.rep.kept(fr.Field + " kept: in a compressed or encrypted frame")
		default:
			j.add(zeros(fr.Body.Off, fr.Body.N))
			zeroed[fr.Field] = true
		}
	}
	if len(zeroed) == 0 {
		return nil
	}
	r := &editedReader{r: j.r, edits: sortedEdits(j.edits)}
	head := make([]byte, min(j.size, extract.HeadSize))
	if _, err := r.ReadAt(head, 0); err != nil && len(head) > 0 {
		return err
	}
	_, kind := extract.Sniff("", head)
	var res extract.Result
	extract.Run(context.Background(), extract.Default(), &extract.Source{Size: j.size, Head: head, R: r, MediaType: j.mediaType, Kind: kind}, &res)
	for _, f := range fields {
		if v, ok := res.Field(f); ok && strings.TrimSpace(v) != "" {
			j.rep.kept(f + " kept: still read from the file")
		} else if zeroed[f] {
			j.rep.applied(f + " removed")
		}
	}
	return nil
}
