package extract

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits of the RIFF walk.
const (
	maxRIFFChunks = 4096
	maxRIFFInfo   = 64 << 10 // one INFO value
)

// RIFF reads WAV and AVI files: the LIST/INFO chunk (title, artist,
// copyright, creation date, comment...) and the duration, from the WAV fmt
// and data chunks or the AVI main header. No library reads INFO chunks
// well, and the format is a flat list of (id, length) chunks.
type RIFF struct{}

var _ Extractor = RIFF{}

// NewRIFF returns the WAV / AVI extractor.
func NewRIFF() Extractor { return RIFF{} }

// Name implements Extractor.
func (RIFF) Name() string { return "riff" }

// Applies implements Extractor.
func (RIFF) Applies(src *Source) bool {
	h := src.Head
	return len(h) >= 12 && string(h[:4]) == "RIFF" && (string(h[8:12]) == "WAVE" || string(h[8:12]) == "AVI ")
}

// riffInfo maps INFO chunk ids to curated tags.
var riffInfo = map[string]string{
	"INAM": "title", "IART": "artist", "ICOP": "copyright", "ICMT": "comment",
	"IGNR": "genre", "IPRD": "album", "ISFT": "software", "IKEY": "keywords",
	"ISBJ": "subject", "ITRK": "track", "IPRT": "track",
}

type riffChunk struct {
	id   string
	off  int64 // of the payload
	size int64 // of the payload, clamped to the parent
}

// riffChunks lists the chunks in [start, end). A chunk longer than what is
// left is clamped, not refused: WAV recorders that stop early leave the
// data length they meant to write.
func riffChunks(r io.ReaderAt, start, end int64, budget *int) ([]riffChunk, error) {
	return iffChunks(r, start, end, binary.LittleEndian, budget)
}

// iffChunks lists the chunks of an IFF-style container whose chunk sizes
// are in order: RIFF's little-endian, AIFF's big-endian.
func iffChunks(r io.ReaderAt, start, end int64, order binary.ByteOrder, budget *int) ([]riffChunk, error) {
	var out []riffChunk
	var h [8]byte
	for off := start; off+8 <= end; {
		if *budget--; *budget < 0 {
			return out, fmt.Errorf("riff: more than %d chunks", maxRIFFChunks)
		}
		if _, err := r.ReadAt(h[:], off); err != nil {
			return out, fmt.Errorf("read riff chunk header at offset %d: %w", off, err)
		}
		c := riffChunk{id: string(h[:4]), off: off + 8, size: int64(order.Uint32(h[4:]))}
		if c.size > end-c.off {
			c.size = end - c.off
		}
		out = append(out, c)
		off = c.off + c.size + c.size&1 // chunks are padded to even length
	}
	return out, nil
}

// Extract implements Extractor.
func (RIFF) Extract(ctx context.Context, src *Source, res *Result) error {
	budget := maxRIFFChunks
	top, err := riffChunks(src.R, 12, src.Size, &budget)
	if err != nil {
		if len(top) == 0 {
			return err
		}
		res.Errorf("%w", err)
	}
	var byteRate uint32
	var dataSize int64
	for _, c := range top {
		switch c.id {
		case "fmt ":
			if c.size >= 16 {
				var f [16]byte
				if _, err := src.R.ReadAt(f[:], c.off); err == nil {
					byteRate = binary.LittleEndian.Uint32(f[8:12])
				}
			}
		case "data":
			dataSize = c.size
		case "LIST":
			if err := riffList(src.R, c, &budget, res); err != nil {
				res.Errorf("%w", err)
			}
		}
	}
	if byteRate > 0 && dataSize > 0 {
		res.SetTag("duration", formatSeconds(float64(dataSize)/float64(byteRate)))
	}
	return nil
}

// riffList reads a LIST chunk: INFO metadata, or an AVI header list.
func riffList(r io.ReaderAt, list riffChunk, budget *int, res *Result) error {
	if list.size < 4 {
		return nil
	}
	var typ [4]byte
	if _, err := r.ReadAt(typ[:], list.off); err != nil {
		return fmt.Errorf("read riff list type at offset %d: %w", list.off, err)
	}
	kids, err := riffChunks(r, list.off+4, list.off+list.size, budget)
	switch string(typ[:]) {
	case "INFO":
		for _, c := range kids {
			if e := riffInfoChunk(r, c, res); e != nil {
				err = errors.Join(err, e)
			}
		}
	case "hdrl":
		for _, c := range kids {
			switch {
			case c.id == "avih" && c.size >= 40:
				aviHeader(r, c, res)
			case c.id == "IDIT" && c.size <= 64:
				aviDate(r, c, res)
			}
		}
	}
	return err
}

func riffInfoChunk(r io.ReaderAt, c riffChunk, res *Result) error {
	if c.size > maxRIFFInfo {
		return fmt.Errorf("riff info %q at offset %d: %d bytes is over the %d byte limit", c.id, c.off, c.size, maxRIFFInfo)
	}
	b := make([]byte, c.size)
	if _, err := r.ReadAt(b, c.off); err != nil {
		return fmt.Errorf("read riff info %q at offset %d: %w", c.id, c.off, err)
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		b = b[:i]
	}
	v := decodeLatin1IfNeeded(b)
	res.AddField("riff:"+c.id, v)
	if c.id == "ICRD" {
		if d, ok := parseTagDate(v, "riff:ICRD", RankEmbedded); ok {
			res.SetTag("year", strconv.Itoa(d.Time.Year()))
			res.AddDate(d)
		}
		return nil
	}
	if t, ok := riffInfo[c.id]; ok {
		res.SetTag(t, v)
	}
	return nil
}

// aviHeader reads frame size and duration from the AVI main header.
func aviHeader(r io.ReaderAt, c riffChunk, res *Result) {
	var h [40]byte
	if _, err := r.ReadAt(h[:], c.off); err != nil {
		return
	}
	usPerFrame := binary.LittleEndian.Uint32(h[0:4])
	frames := binary.LittleEndian.Uint32(h[16:20])
	if usPerFrame > 0 && frames > 0 {
		res.SetTag("duration", formatSeconds(float64(usPerFrame)*float64(frames)/1e6))
	}
	if w, ht := binary.LittleEndian.Uint32(h[32:36]), binary.LittleEndian.Uint32(h[36:40]); w > 0 && ht > 0 {
		res.SetTag("width", strconv.FormatUint(uint64(w), 10))
		res.SetTag("height", strconv.FormatUint(uint64(ht), 10))
	}
}

// decodeLatin1IfNeeded keeps UTF-8 text and reads anything else as
// Latin-1, the encoding most INFO writers used.
func decodeLatin1IfNeeded(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = rune(c)
	}
	return string(rs)
}

// aviDateLayouts are how cameras write an AVI's IDIT chunk: C's ctime
// ("Mon Mar 10 15:04:43 2003"), or a date and a time.
var aviDateLayouts = []string{"Mon Jan _2 15:04:05 2006", "Mon Jan 2 15:04:05 2006", "2006/01/02 15:04:05", "2006:01:02 15:04:05", "2006-01-02 15:04:05"}

// aviDate reads the recording time an AVI keeps in its IDIT chunk, the
// camera's clock without an offset.
func aviDate(r io.ReaderAt, c riffChunk, res *Result) {
	b := make([]byte, c.size)
	if _, err := r.ReadAt(b, c.off); err != nil {
		return
	}
	s := strings.TrimRight(string(b), "\x00\r\n ")
	for _, layout := range aviDateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			v := t.Format("2006-01-02T15:04:05")
			res.AddField("riff:IDIT", v)
			if d, ok := parseTagDate(v, "riff:IDIT", RankEmbedded); ok {
				res.AddDate(d)
			}
			return
		}
	}
}
