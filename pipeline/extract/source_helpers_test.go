package extract

import (
	"bytes"
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
