package extract

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// extractFile runs the media extractors over one file the way the pipeline
// does: head, sniffed type, the open file as the reader.
func extractFile(t testing.TB, path string, exs ...Extractor) *Result {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	head := make([]byte, HeadSize)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		t.Fatal(err)
	}
	head = head[:n]
	mt, kind := Sniff(filepath.Base(path), head)
	src := &Source{Path: filepath.Base(path), Size: st.Size(), Head: head, R: f, MediaType: mt, Kind: kind}
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
