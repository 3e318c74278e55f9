package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/dhowden/tag"
)

// AIFF reads the text chunks of an AIFF or AIFF-C file (Apple's audio
// format, which music software records and exports): the name of the
// sound (NAME), its author (AUTH), its copyright ("(c) ") and
// annotations (ANNO). Its ID3 tag, in an "ID3 " chunk, is the audio
// extractor's, as a WAV file's "id3 " chunk is.
type AIFF struct{}

var _ Extractor = AIFF{}

// NewAIFF returns the AIFF text chunk extractor.
func NewAIFF() Extractor { return AIFF{} }

// Name implements Extractor.
func (AIFF) Name() string { return "aiff" }

// Applies implements Extractor.
func (AIFF) Applies(src *Source) bool { return isAIFF(src.Head) }

func isAIFF(h []byte) bool {
	return len(h) >= 12 && string(h[:4]) == "FORM" && (string(h[8:12]) == "AIFF" || string(h[8:12]) == "AIFC")
}

// aiffText maps the text chunks to their fields and curated tags.
var aiffText = map[string]struct{ field, tag string }{
	"NAME": {"aiff:Name", "title"},
	"AUTH": {"aiff:Author", "artist"},
	"(c) ": {"aiff:Copyright", "copyright"},
	"ANNO": {"aiff:Annotation", "comment"},
}

// Extract implements Extractor.
func (AIFF) Extract(_ context.Context, src *Source, res *Result) error {
	budget := maxRIFFChunks
	chunks, err := iffChunks(src.R, 12, src.Size, binary.BigEndian, &budget)
	for _, c := range chunks {
		t, ok := aiffText[c.id]
		if !ok {
			continue
		}
		if c.size > maxRIFFInfo {
			res.Errorf("aiff %q chunk at offset %d: %d bytes is over the %d byte limit", c.id, c.off, c.size, maxRIFFInfo)
			continue
		}
		b := make([]byte, c.size)
		if _, err := src.R.ReadAt(b, c.off); err != nil {
			res.Errorf("read aiff %q chunk at offset %d: %w", c.id, c.off, err)
			continue
		}
		if i := bytes.IndexByte(b, 0); i >= 0 {
			b = b[:i]
		}
		v := strings.TrimSpace(strings.ToValidUTF8(string(b), "\uFFFD"))
		if v == "" {
			continue
		}
		res.AddField(t.field, v)
		res.SetTag(t.tag, v)
	}
	return err
}

// locateChunkID3 finds the ID3v2 tag that a WAV file keeps in an "id3 "
// chunk, or an AIFF file in an "ID3 " chunk.
func locateChunkID3(src *Source) (tagRegion, error) {
	order := binary.ByteOrder(binary.LittleEndian)
	if isAIFF(src.Head) {
		order = binary.BigEndian
	}
	budget := maxRIFFChunks
	chunks, err := iffChunks(src.R, 12, src.Size, order, &budget)
	for _, c := range chunks {
		if !strings.EqualFold(c.id, "id3 ") || c.size < 10 {
			continue
		}
		n, err := checkID3v2(src.R, c.off, c.off+c.size)
		if err != nil {
			return tagRegion{}, fmt.Errorf("%s chunk at offset %d: %w", strings.TrimSpace(c.id), c.off, err)
		}
		return tagRegion{r: io.NewSectionReader(src.R, c.off, n), read: tag.ReadID3v2Tags}, nil
	}
	if err != nil {
		return tagRegion{}, err
	}
	return tagRegion{}, errNoTags
}

// LocateIFFText finds the text an AIFF file's NAME, AUTH, (c) and ANNO
// chunks hold (aiff:Name, aiff:Author, aiff:Copyright, aiff:Annotation)
// and the values of a WAV or AVI file's LIST/INFO chunk (riff:IART,
// riff:ICMT), where the AIFF and RIFF extractors read them: each chunk's
// data.
func LocateIFFText(r io.ReaderAt, size int64) ([]FieldRange, error) {
	var head [12]byte
	if _, err := r.ReadAt(head[:], 0); err != nil {
		return nil, fmt.Errorf("read head: %w", err)
	}
	budget := maxRIFFChunks
	var out []FieldRange
	if isAIFF(head[:]) {
		chunks, err := iffChunks(r, 12, size, binary.BigEndian, &budget)
		for _, c := range chunks {
			if t, ok := aiffText[c.id]; ok && c.size <= maxRIFFInfo {
				out = append(out, FieldRange{t.field, FileRange{c.off, c.size}})
			}
		}
		return out, err
	}
	if string(head[:4]) != "RIFF" {
		return nil, errors.New("neither an AIFF nor a RIFF file")
	}
	top, err := riffChunks(r, 12, size, &budget)
	for _, list := range top {
		var typ [4]byte
		if list.id != "LIST" || list.size < 4 {
			continue
		}
		if _, err := r.ReadAt(typ[:], list.off); err != nil || string(typ[:]) != "INFO" {
			continue
		}
		kids, kerr := riffChunks(r, list.off+4, list.off+list.size, &budget)
		for _, c := range kids {
			if c.size <= maxRIFFInfo {
				out = append(out, FieldRange{"riff:" + c.id, FileRange{c.off, c.size}})
			}
		}
		err = errors.Join(err, kerr)
	}
	return out, err
}
