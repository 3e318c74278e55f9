package extract

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// TestReadXMLPart: a part within the limit is read whole; a longer one
// is its head and the rest of the reader, together the whole part; a
// read error reaches whoever reads on.
func TestReadXMLPart(t *testing.T) {
	data, rest, release := readXMLPart(strings.NewReader("<a>short</a>"), 64)
	if string(data) != "<a>short</a>" || rest != nil {
		t.Errorf("short part: %q, rest %v", data, rest)
	}
	release()

	long := strings.Repeat("<p>text</p>", 20)
	data, rest, release = readXMLPart(iotest.OneByteReader(strings.NewReader(long)), 64)
	if len(data) != 65 || rest == nil {
		t.Fatalf("long part: %d bytes read, rest %v", len(data), rest)
	}
	tail, err := io.ReadAll(rest)
	if err != nil || string(data)+string(tail) != long {
		t.Errorf("long part: head and rest make %q (%v)", string(data)+string(tail), err)
	}
	release()

	broken := errors.New("flate: corrupt input")
	data, rest, release = readXMLPart(io.MultiReader(strings.NewReader("<a>"), iotest.ErrReader(broken)), 64)
	defer release()
	if !bytes.Equal(data, []byte("<a>")) || rest == nil {
		t.Fatalf("failing part: %q, rest %v", data, rest)
	}
	if _, err := rest.Read(make([]byte, 8)); !errors.Is(err, broken) {
		t.Errorf("failing part: rest gave %v, want %v", err, broken)
	}
}
