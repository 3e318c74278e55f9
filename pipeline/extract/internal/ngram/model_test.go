package ngram

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

func TestTableWellFormed(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range tab.orders {
		if o.n == 0 {
			t.Fatalf("order %d is empty", i+1)
		}
		for k := range o.n {
			if k > 0 && o.key(k-1) >= o.key(k) {
				t.Fatalf("order %d: keys %d and %d out of order", i+1, k-1, k)
			}
			from, to := o.offset(k), o.offset(k+1)
			if from >= to {
				t.Fatalf("order %d: n-gram %d has no postings", i+1, k)
			}
			p := Postings{langs: o.langs[from:to], logps: o.logps[8*from : 8*to]}
			prev := -1
			for j := range p.Len() {
				l, v := p.At(j)
				if l <= prev || l >= len(Languages) {
					t.Fatalf("order %d: n-gram %d: language %d after %d", i+1, k, l, prev)
				}
				if v > 0 || math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("order %d: n-gram %d: log-probability %g", i+1, k, v)
				}
				prev = l
			}
		}
	}
}

func TestLookup(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	index := map[string]int{}
	for i, l := range Languages {
		index[l.Code] = i
	}
	holds := func(p Postings, code string) bool {
		for j := range p.Len() {
			if l, _ := p.At(j); l == index[code] {
				return true
			}
		}
		return false
	}
	tests := []struct {
		name  string
		runes []rune
		code  string
		want  bool
	}{
		{"english trigram", []rune("the"), "en", true},
		{"german trigram", []rune("sch"), "de", true},
		{"polish bigram", []rune("rz"), "pl", true},
		{"russian unigram", []rune("ы"), "ru", true},
		{"no english cyrillic", []rune("ыва"), "en", false},
		{"beyond the models", []rune("\U0001F600ab"), "en", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := tab.Lookup(len(tt.runes), Key(tt.runes...))
			if got := holds(p, tt.code); got != tt.want {
				t.Fatalf("%s model holds %q: %v, want %v", tt.code, string(tt.runes), got, tt.want)
			}
		})
	}
	if p := tab.Lookup(4, Key([]rune("abcd")...)); p.Len() != 0 {
		t.Fatal("found a 4-gram")
	}
}

// TestTableMatchesLingua regenerates the table from the lingua-go module
// go.mod requires and compares it with the one compiled in: a lingua
// upgrade without `go generate` fails here.
func TestTableMatchesLingua(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping: regenerating the table takes a few seconds")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("skipping: the go command is not installed")
	}
	dir := t.TempDir()
	cmd := exec.Command("go", "run", "./gen", "-o", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run ./gen: %v\n%s", err, out)
	}
	for _, name := range []string{"models.bin", "languages.go"} {
		fresh, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		have, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(fresh, have) {
			t.Errorf("%s differs from what gen makes from lingua: run go generate ./pipeline/extract/internal/ngram", name)
		}
	}
}

func TestParseRejectsDamage(t *testing.T) {
	tests := map[string]string{
		"empty":         "",
		"bad magic":     "not-the-magic-v1" + models[len(magic):],
		"truncated":     models[:len(models)/2],
		"trailing data": models + "x",
	}
	for name, data := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := parse(data); err == nil {
				t.Fatal("want an error")
			}
		})
	}
}

// TestKey3 holds Key3 to Key for trigrams of runes from every range
// (ASCII, two to four UTF-8 bytes, the largest rune, the replacement
// character an invalid byte reads as).
func TestKey3(t *testing.T) {
	runes := []rune{0, 'a', 'z', 0x7f, 0xe9, 0x3b1, 0x4e2d, 0xfffd, 0x1f600, 0x10ffff}
	for _, a := range runes {
		for _, b := range runes {
			for _, c := range runes {
				if got, want := Key3(a, b, c), Key(a, b, c); got != want {
					t.Fatalf("Key3(%U, %U, %U) = %x, want %x", a, b, c, got, want)
				}
			}
		}
	}
}
