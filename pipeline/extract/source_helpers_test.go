package extract

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// openSource opens name the way the pipeline does: head, stat size,
// random access, sniffed type. The file is closed when the test ends.
func openSource(t testing.TB, name string) *Source {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	head := make([]byte, min(st.Size(), HeadSize))
	if _, err := f.ReadAt(head, 0); err != nil {
		t.Fatal(err)
	}
	mt, kind := Sniff(filepath.Base(name), head)
	return &Source{Path: filepath.Base(name), Size: st.Size(), Head: head, R: f, MediaType: mt, Kind: kind}
}

// bytesSource wraps data built by a test as a Source.
func bytesSource(name string, data []byte) *Source {
	head := data[:min(len(data), HeadSize)]
	mt, kind := Sniff(name, head)
	return &Source{Path: name, Size: int64(len(data)), Head: head, R: bytes.NewReader(data), MediaType: mt, Kind: kind}
}

// corpusSample runs the default extractors over one of the exiftool
// samples of the shared corpus, beside the project in development and
// CI; the test is skipped when the corpus is not there.
func corpusSample(t *testing.T, name string) (*Source, *Result) {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "corpus", "misc", "exiftool-samples", name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("the shared corpus is not beside the project (%v): skipping %s", err, name)
	}
	src := openSource(t, p)
	var res Result
	Run(context.Background(), Default(), src, &res)
	return src, &res
}

// wantFields fails t for each field of res that is not as want gives it.
func wantFields(t *testing.T, res *Result, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if got, _ := res.Field(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
}
