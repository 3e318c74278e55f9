package bagit

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReadCapped(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		limit   int64
		size    int64 // the length the file had when opened
		wantErr bool
	}{
		{"size known", "abcdef", 10, 6, false}, // read into one buffer of 7 bytes
		{"file grew since", strings.Repeat("x", 3000), 10000, 6, false},
		{"file shrank since", "abc", 10, 6, false},
		{"no size", "abcdef", 10, 0, false},
		{"at the limit", "abcdef", 6, 6, false},
		{"past the limit", "abcdefg", 6, 6, true},
		{"past the limit, size unknown", strings.Repeat("x", 5000), 4096, 0, true},
		{"empty", "", 10, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// One byte per read, as a slow reader gives them.
			got, err := readCapped(iotest.OneByteReader(strings.NewReader(tt.text)), tt.limit, tt.size)
			switch {
			case tt.wantErr && err == nil:
				t.Fatalf("read %d bytes, want an error past %d", len(got), tt.limit)
			case !tt.wantErr && err != nil:
				t.Fatal(err)
			case !tt.wantErr && string(got) != tt.text:
				t.Fatalf("read %q, want %q", got, tt.text)
			}
			if tt.name == "size known" && cap(got) != 7 {
				t.Errorf("read into a buffer of %d bytes, want one of the file's size and one more", cap(got))
			}
		})
	}
}

func TestBagRelativeAsFilepathRel(t *testing.T) {
	for _, dir := range []string{"/tmp/bag", "/tmp/bag/", "bag", "./bag", "../x/bag", ".", "/", "/tmp//bag/."} {
		root := filepath.Join(dir, "data")
		for _, p := range []string{root, filepath.Join(root, "a.txt"), filepath.Join(root, "x", "y z.md")} {
			want, _ := filepath.Rel(dir, p)
			if got := bagRelative(dir)(p); got != filepath.ToSlash(want) {
				t.Errorf("bagRelative(%q)(%q) = %q, filepath.Rel gives %q", dir, p, got, want)
			}
		}
	}
}
