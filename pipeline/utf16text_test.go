package pipeline

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"github.com/consignhq/consign/detectors"
)

func TestContentText(t *testing.T) {
	const text = "write to bob@example.org, José\n"
	encode := func(e unicode.Endianness) []byte {
		b, err := unicode.UTF16(e, unicode.UseBOM).NewEncoder().Bytes([]byte(text))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name   string
		file   []byte
		wantIn string
	}{
		{"UTF-8 is read as it is", []byte(text), detectors.InContent},
		{"UTF-8 with a byte-order mark too", append([]byte("\ufeff"), text...), detectors.InContent},
		{"UTF-16 little-endian is decoded", encode(unicode.LittleEndian), detectors.InText},
		{"UTF-16 big-endian is decoded", encode(unicode.BigEndian), detectors.InText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, r := contentText(tt.file, bytes.NewReader(tt.file))
			got, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if in != tt.wantIn {
				t.Errorf("in = %q, want %q", in, tt.wantIn)
			}
			want := string(tt.file)
			if in == detectors.InText {
				want = text
			}
			if string(got) != want {
				t.Errorf("text = %q, want %q", got, want)
			}
			if !strings.Contains(string(got), "bob@example.org") {
				t.Errorf("the detectors would not see the address in %q", got)
			}
		})
	}
}
