package extract

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Subtitles reads SubRip (.srt) and WebVTT (.vtt) files for their cue
// count, their running time and the WebVTT header (Kind, Language). The
// cue text needs no extractor: the pipeline scans a subtitle file's own
// bytes as its text.
type Subtitles struct{}

var _ Extractor = (*Subtitles)(nil)

// NewSubtitles returns the SubRip and WebVTT extractor.
func NewSubtitles() *Subtitles { return &Subtitles{} }

// Name implements Extractor.
func (*Subtitles) Name() string { return "subtitles" }

// Applies implements Extractor.
func (*Subtitles) Applies(src *Source) bool {
	return src.MediaType == "application/x-subrip" || src.MediaType == "text/vtt"
}

// Bounds on one subtitle file: a longer line is read in pieces, and only
// so many header lines are recorded.
const (
	maxSubtitleLine    = 16 << 10
	maxSubtitleHeaders = 16
)

// Extract implements Extractor.
func (*Subtitles) Extract(ctx context.Context, src *Source, res *Result) error {
	sc := bufio.NewScanner(io.NewSectionReader(src.R, 0, src.Size))
	sc.Buffer(make([]byte, 0, 4096), maxSubtitleLine)
	sc.Split(boundedLines(maxSubtitleLine))

	vtt := src.MediaType == "text/vtt"
	inHeader, headers := vtt, 0
	var cues int
	var end float64
	for lineNo := 0; sc.Scan(); lineNo++ {
		if lineNo&1023 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		line := strings.TrimSpace(string(bytes.TrimPrefix(sc.Bytes(), []byte("\xef\xbb\xbf"))))
		if inHeader {
			switch {
			case lineNo == 0 && strings.HasPrefix(line, "WEBVTT"):
				continue
			case line == "" || strings.Contains(line, "-->"):
				inHeader = false
			default:
				if k, v, ok := strings.Cut(line, ":"); ok && headers < maxSubtitleHeaders {
					headers++
					recordVTTHeader(res, strings.TrimSpace(k), strings.TrimSpace(v))
				}
				continue
			}
		}
		if from, to, ok := parseCueTiming(line); ok && to >= from {
			cues++
			end = max(end, to)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read subtitles of %s: %w", src.Path, err)
	}
	res.AddField("subtitles:cues", strconv.Itoa(cues))
	if cues > 0 {
		res.SetTag("duration", strconv.FormatFloat(end, 'f', 3, 64))
	}
	return nil
}

func recordVTTHeader(res *Result, key, value string) {
	if key == "" || len(key) > maxMetaKeyLen {
		return
	}
	res.AddField("vtt:"+key, value)
	if strings.EqualFold(key, "Language") {
		res.SetTag("language_tag", value)
	}
}

// boundedLines splits like bufio.ScanLines but hands over a line longer
// than limit in pieces instead of failing, so one hostile line neither
// stops the count nor grows the buffer.
func boundedLines(limit int) bufio.SplitFunc {
	return func(data []byte, atEOF bool) (int, []byte, error) {
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			return i + 1, bytes.TrimSuffix(data[:i], []byte("\r")), nil
		}
		if len(data) >= limit {
			return limit, data[:limit], nil
		}
		if atEOF && len(data) > 0 {
			return len(data), data, nil
		}
		return 0, nil, nil
	}
}

// parseCueTiming reads "00:01:02,500 --> 00:01:04,000" (SubRip) or
// "01:02.500 --> 01:04.000 align:start" (WebVTT) as seconds.
func parseCueTiming(line string) (from, to float64, ok bool) {
	a, b, found := strings.Cut(line, "-->")
	if !found {
		return 0, 0, false
	}
	b = strings.TrimSpace(b)
	if i := strings.IndexAny(b, " \t"); i >= 0 {
		b = b[:i]
	}
	from, okA := parseCueTime(strings.TrimSpace(a))
	to, okB := parseCueTime(b)
	return from, to, okA && okB
}

// parseCueTime reads [hh:]mm:ss[,.]mmm.
func parseCueTime(s string) (float64, bool) {
	if len(s) == 0 || len(s) > 16 {
		return 0, false
	}
	s = strings.Replace(s, ",", ".", 1)
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	var total float64
	for i, p := range parts {
		last := i == len(parts)-1
		if p == "" || (!last && strings.ContainsAny(p, ".+-eE")) || strings.ContainsAny(p, "+-eExXpP_") {
			return 0, false
		}
		v, err := strconv.ParseFloat(p, 64)
		if err != nil || v < 0 || (i > 0 && v >= 60) {
			return 0, false
		}
		total = total*60 + v
	}
	return total, true
}
