package pii

import (
	"bytes"
	"testing"
)

func TestNextDigit(t *testing.T) {
	for n := range 40 {
		for pos := -1; pos < n; pos++ {
			b := bytes.Repeat([]byte{'/'}, n)
			for i := range b {
				b[i] = []byte{'/', ':', 'a', 0xff, 0xb0, ' '}[i%6]
			}
			want := n
			if pos >= 0 {
				b[pos] = '0' + byte(pos%10)
				want = pos
			}
			if got := nextDigit(b, 0); got != want {
				t.Fatalf("len %d digit at %d: got %d", n, pos, got)
			}
		}
	}
}

func FuzzNextDigit(f *testing.F) {
	f.Add([]byte("abc 123"), 0)
	f.Fuzz(func(t *testing.T, b []byte, from int) {
		if from < 0 || from > len(b) {
			return
		}
		want := len(b)
		if k := bytes.IndexAny(b[from:], "0123456789"); k >= 0 {
			want = from + k
		}
		if got := nextDigit(b, from); got != want {
			t.Fatalf("nextDigit(%q, %d) = %d, want %d", b, from, got, want)
		}
	})
}
