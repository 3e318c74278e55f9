package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommittedSetIsCurrent regenerates the evaluation set and compares it
// with the committed files, so that an edited source is never scored from
// stale JSONL.
func TestCommittedSetIsCurrent(t *testing.T) {
	root := filepath.Join("..")
	out := t.TempDir()
	if err := generate(filepath.Join(root, "src"), out); err != nil {
		t.Fatal(err)
	}
	fresh, _ := filepath.Glob(filepath.Join(out, "*.jsonl"))
	committed, _ := filepath.Glob(filepath.Join(root, "pii", "*.jsonl"))
	if len(fresh) != len(committed) {
		t.Fatalf("%d generated files, %d committed: run go run ./testdata/eval/gen", len(fresh), len(committed))
	}
	for _, f := range fresh {
		want, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(root, "pii", filepath.Base(f)))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is stale (%v): run go run ./testdata/eval/gen", filepath.Base(f), err)
		}
	}
}

func TestParseExample(t *testing.T) {
	tests := []struct {
		name    string
		line    string
		text    string
		spans   []string // kind=text of each span
		wantErr string
	}{
		{"plain", "en no labels here", "no labels here", nil, ""},
		{"label after accents", "de Grüße an [[email|jo@web.de]]!", "Grüße an jo@web.de!", []string{"email=jo@web.de"}, ""},
		{"escapes", `en a\nb [[private_key|x\ny]]`, "a\nb x\ny", []string{"private_key=x\ny"}, ""},
		{"literal bracket", "en [[[ip|2001:db8::1]]]:443", "[2001:db8::1]:443", []string{"ip=2001:db8::1"}, ""},
		{"generated card", "en card {{card:visa:space}} ok", "", []string{"card="}, ""},
		{"template text", "en token: {{ csrf_token() }}", "token: {{ csrf_token() }}", nil, ""},
		{"unknown kind", "en [[emial|a@b.de]]", "", nil, "unknown kind"},
		{"unknown generator", "en {{passport}}", "", nil, "unknown generator"},
		{"trailing punctuation", "en [[person_name|Jo.]]", "", nil, "punctuation"},
		{"no language", "x", "", nil, "language code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, err := parseExample("t-001", tt.line)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one saying %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tt.text != "" && ex.Text != tt.text {
				t.Errorf("text %q, want %q", ex.Text, tt.text)
			}
			if len(ex.Spans) != len(tt.spans) {
				t.Fatalf("spans %+v, want %q", ex.Spans, tt.spans)
			}
			for i, s := range ex.Spans {
				kind, text, _ := strings.Cut(tt.spans[i], "=")
				if s.Kind != kind || text != "" && ex.Text[s.Start:s.End] != text {
					t.Errorf("span %d = %s %q, want %s %q", i, s.Kind, ex.Text[s.Start:s.End], kind, text)
				}
			}
		})
	}
}

// TestGeneratedValuesPassTheirChecks validates generated values the way a
// reader of them would: the whole card number by Luhn, the rearranged
// IBAN by mod 97, the lengths by the registries.
func TestGeneratedValuesPassTheirChecks(t *testing.T) {
	for seed := range 200 {
		ex, err := parseExample(strings.Repeat("x", seed%7)+string(rune('a'+seed%26)), "en {{card:mastercard}} {{iban:IT}} {{iban:GB:space}} {{uk_nhs}} {{br_cpf:plain}}")
		if err != nil {
			t.Fatal(err)
		}
		v := func(i int) string { return strings.ReplaceAll(ex.Text[ex.Spans[i].Start:ex.Spans[i].End], " ", "") }
		if card := v(0); !luhn(card) || len(card) != 16 {
			t.Errorf("card %s fails Luhn", card)
		}
		for _, iban := range []string{v(1), v(2)} {
			if mod97(iban[4:]+iban[:4]) != 1 || (iban[:2] == "IT" && len(iban) != 27) || (iban[:2] == "GB" && len(iban) != 22) {
				t.Errorf("iban %s fails mod 97 or its length", iban)
			}
		}
		if nhs := v(3); len(nhs) != 10 {
			t.Errorf("nhs %s", nhs)
		}
	}
}

// luhn validates the whole number, doubling every second digit from the
// right, as a card reader does.
func luhn(d string) bool {
	sum := 0
	for i := range len(d) {
		x := int(d[len(d)-1-i] - '0')
		if i%2 == 1 {
			if x *= 2; x > 9 {
				x -= 9
			}
		}
		sum += x
	}
	return sum%10 == 0
}
