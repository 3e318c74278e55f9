package redact

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		ranges []Range
		want   string
	}{
		{"ascii", "mail jane@example.com now", []Range{{5, 21}}, "mail XXXXXXXXXXXXXXXX now"},
		{"multibyte keeps byte length", "név: Józsi Árpád.", []Range{{6, 20}}, "név: X×XXXX×XX×X."},
		{"three and four byte runes", "id 東京😀x end", []Range{{3, 14}}, "id ╳╳𝕏X end"},
		{"line breaks stay", "a\nJane\r\nDoe\nb", []Range{{2, 11}}, "a\nXXXX\r\nXXX\nb"},
		{"unsorted overlapping and adjacent", "0123456789", []Range{{6, 8}, {1, 3}, {2, 4}, {4, 5}, {9, 9}}, "0XXXX5XX89"},
		{"range cuts a rune", "aé b", []Range{{0, 2}}, "XX\xa9 b"},
		{"invalid utf-8 byte", "a\xffb c", []Range{{0, 3}}, "XXX c"},
		{"empty input, no ranges", "", nil, ""},
		{"range to the end", "secret", []Range{{0, 6}}, "XXXXXX"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			rep, err := Text(&out, strings.NewReader(tc.in), tc.ranges)
			if err != nil {
				t.Fatal(err)
			}
			if out.String() != tc.want {
				t.Errorf("got %q, want %q", out.String(), tc.want)
			}
			if out.Len() != len(tc.in) {
				t.Errorf("length %d, want %d", out.Len(), len(tc.in))
			}
			if utf8.ValidString(tc.in) && utf8.RuneCountInString(tc.in) != utf8.RuneCount(out.Bytes()) && !strings.Contains(tc.name, "cuts") {
				t.Errorf("rune count changed")
			}
			if len(tc.ranges) > 0 && len(rep.Applied) == 0 {
				t.Error("empty report")
			}
		})
	}
}

func TestTextBadRanges(t *testing.T) {
	for name, rs := range map[string][]Range{
		"negative start":   {{-1, 2}},
		"end before start": {{5, 2}},
		"past the end":     {{2, 40}},
		"starts past end":  {{30, 40}},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Text(io.Discard, strings.NewReader("short text here"), rs)
			if !errors.Is(err, ErrBadRange) {
				t.Errorf("err = %v, want ErrBadRange", err)
			}
		})
	}
}

// TestTextStreams masks a range near the end of a large input read
// through a reader that hands out small pieces.
func TestTextStreams(t *testing.T) {
	const size = 8 << 20
	src := io.MultiReader(io.LimitReader(repeatReader('a'), size-10), strings.NewReader("Jane Doe.\n"))
	var n countWriter
	if _, err := Text(&n, src, []Range{{size - 10, size - 2}}); err != nil {
		t.Fatal(err)
	}
	if n != size {
		t.Errorf("wrote %d bytes, want %d", n, size)
	}
}

type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	p = p[:min(len(p), 1000)]
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }
