package extract

import (
	"context"
	"testing"
)

// extractFile runs the media extractors over one file the way the pipeline
// does: head, sniffed type, the open file as the reader.
func extractFile(t testing.TB, path string, exs ...Extractor) *Result {
	t.Helper()
	src := openSource(t, path)
	if len(exs) == 0 {
		exs = mediaExtractors()
	}
	var res Result
	Run(context.Background(), exs, src, &res)
	return &res
}

// mediaExtractors is the order the pipeline uses: the tag library's reading
// of an M4A item list comes before the container walk.
func mediaExtractors() []Extractor {
	return []Extractor{NewAudio(), NewMP4(), NewRIFF()}
}
