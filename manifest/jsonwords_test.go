package manifest

import (
	"strings"
	"testing"
)

// plainRunBytewise and spaceRunBytewise are what plainRun and spaceRun
// must return, a byte at a time.
func plainRunBytewise(data []byte, i int) int {
	for ; i < len(data); i++ {
		if c := data[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' {
			return i
		}
	}
	return i
}

func spaceRunBytewise(data []byte, i int) int {
	for ; i < len(data); i++ {
		if c := data[i]; c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return i
		}
	}
	return i
}

// runsAgree fails t unless the word-at-a-time runs agree with the
// bytewise ones from every start in data.
func runsAgree(t *testing.T, data []byte) {
	t.Helper()
	for i := 0; i <= len(data)+2; i++ {
		if got, want := plainRun(data, i), plainRunBytewise(data, i); got != want {
			t.Fatalf("plainRun(%q, %d) = %d, want %d", data, i, got, want)
		}
		if i > len(data) {
			continue
		}
		if got, want := spaceRun(data, i), spaceRunBytewise(data, i); got != want {
			t.Fatalf("spaceRun(%q, %d) = %d, want %d", data, i, got, want)
		}
	}
}

func TestWordRunsMatchBytewise(t *testing.T) {
	tests := []struct{ name, data string }{
		{"empty", ""},
		{"short plain", "abc"},
		{"long plain", strings.Repeat("abcdefgh", 5)},
		{"quote in every position", "0123456789abcdef\"0123456789abcdef\"x"},
		{"backslash", "abcdefghij\\\"klmnop"},
		{"control bytes", "abcdefgh\x00ijklmnop\x1fqrstuvw\x7f"},
		{"zero after a quote", "abcdefg\"\x00ijklmno"},
		{"quote after a zero", "abcdef\x00\"ijklmno"},
		{"space and 0x20 edge", "abcdefg ihijklm\x20\x21\x1f"},
		{"non-ASCII", "abcdefgé日本 語abcdefgh\xff\x80\x9f\xa0"},
		{"byte 0xa2 and 0xdc", "abcdefgh\xa2\xdcijklmnop"},
		{"indentation", "\n        \"a\": {\n                \"b\": 1\n            }\n"},
		{"tabs and returns", "\t\r\n \t\r\n \t\r\n \t\r\nx"},
		{"spaces to the end", strings.Repeat(" ", 19)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runsAgree(t, []byte(tt.data))
		})
	}
}

// Every byte value, alone among plain bytes at each place of a word.
func TestPlainRunEveryByte(t *testing.T) {
	for c := range 256 {
		for at := range 16 {
			data := []byte(strings.Repeat("x", 16))
			data[at] = byte(c)
			runsAgree(t, data)
		}
	}
}

// FuzzWordRuns: on any bytes, the word-at-a-time runs stop where the
// bytewise ones do.
func FuzzWordRuns(f *testing.F) {
	for _, seed := range []string{"", "abcdefgh\"", "a\\\"b", "   \n    x", "é\x00\x1f\x7f\xff"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		runsAgree(t, data)
	})
}
