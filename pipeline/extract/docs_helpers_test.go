package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
)

// collectSink gathers extracted text by part, in emission order.
type collectSink struct {
	parts []string
	texts map[string]string
}

func (s *collectSink) Text(part string, r io.Reader) error {
	b, err := io.ReadAll(r)
	if s.texts == nil {
		s.texts = map[string]string{}
	}
	s.parts = append(s.parts, part)
	s.texts[part] += string(b)
	return err
}

func (s *collectSink) all() string {
	var b strings.Builder
	for _, p := range s.parts {
		b.WriteString(s.texts[p])
	}
	return b.String()
}

// docExtractors is every extractor of this file, in pipeline order.
func docExtractors() []Extractor {
	return []Extractor{NewOOXML(), NewODF(), NewEPUB(), NewRTF(), NewPDF()}
}

// runDoc sniffs and extracts an in-memory file the way the pipeline does.
func runDoc(t testing.TB, name string, data []byte) (*Result, *collectSink) {
	t.Helper()
	head := data[:min(len(data), HeadSize)]
	mt, kind := Sniff(name, head)
	src := &Source{Path: name, Size: int64(len(data)), Head: head, R: bytes.NewReader(data), MediaType: mt, Kind: kind}
	sink := &collectSink{}
	res := &Result{Sink: sink}
	Run(context.Background(), docExtractors(), src, res)
	return res, sink
}

// runDocFile opens a file and extracts it the way the pipeline does.
func runDocFile(t testing.TB, path string) (*Source, *Result, *collectSink) {
	t.Helper()
	src := openSource(t, path)
	sink := &collectSink{}
	res := &Result{Sink: sink}
	Run(context.Background(), docExtractors(), src, res)
	return src, res, sink
}

// zipEntry is one file of a test archive; Store writes it uncompressed.
type zipEntry struct {
	Name, Body string
	Store      bool
}

// buildZip writes a ZIP archive of the entries, in order.
func buildZip(t testing.TB, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		method := zip.Deflate
		if e.Store {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: e.Name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, e.Body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func wantField(t *testing.T, res *Result, name, want string) {
	t.Helper()
	got, ok := res.Field(name)
	if !ok || got != want {
		t.Errorf("field %s = %q (present %v), want %q; fields %v", name, got, ok, want, res.Fields)
	}
}

func wantTag(t *testing.T, res *Result, key, want string) {
	t.Helper()
	if got := res.Tags[key]; got != want {
		t.Errorf("tag %s = %q, want %q; tags %v", key, got, want, res.Tags)
	}
}

func wantDate(t *testing.T, res *Result, source, want string) {
	t.Helper()
	for _, d := range res.Dates {
		if d.Source == source {
			if d.String() != want {
				t.Errorf("date %s = %s, want %s", source, d.String(), want)
			}
			return
		}
	}
	t.Errorf("no date from %s in %v", source, res.Dates)
}

func wantNoErrors(t *testing.T, res *Result) {
	t.Helper()
	for _, err := range res.Errors {
		t.Errorf("unexpected error: %v", err)
	}
}
