package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeSet(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoad(t *testing.T) {
	good := `{"id":"a-1","lang":"de","text":"Grüße an jo@web.de","spans":[{"start":11,"end":20,"kind":"email"}]}` + "\n"
	tests := []struct {
		name    string
		files   map[string]string
		wantErr string
	}{
		{"good", map[string]string{"a.jsonl": good + "\n"}, ""},
		{"no files", map[string]string{"README.md": "x"}, "no evaluation files"},
		{"bad json", map[string]string{"a.jsonl": "{"}, "decode example"},
		{"no id", map[string]string{"a.jsonl": `{"lang":"en","text":"x","spans":[]}`}, "id and lang are required"},
		{"span past the end", map[string]string{"a.jsonl": `{"id":"b","lang":"en","text":"abc","spans":[{"start":1,"end":9,"kind":"email"}]}`}, "outside the text"},
		{"empty span", map[string]string{"a.jsonl": `{"id":"b","lang":"en","text":"abc","spans":[{"start":1,"end":1,"kind":"email"}]}`}, "outside the text"},
		{"no kind", map[string]string{"a.jsonl": `{"id":"b","lang":"en","text":"abc","spans":[{"start":0,"end":1}]}`}, "has no kind"},
		{"split character", map[string]string{"a.jsonl": `{"id":"b","lang":"de","text":"Grüße","spans":[{"start":0,"end":3,"kind":"person_name"}]}`}, "splits a character"},
		{"duplicate id", map[string]string{"a.jsonl": good, "b.jsonl": good}, "duplicate example id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exs, err := Load(writeSet(t, tt.files))
			if tt.wantErr == "" {
				if err != nil || len(exs) != 1 || exs[0].Text[exs[0].Spans[0].Start:exs[0].Spans[0].End] != "jo@web.de" {
					t.Fatalf("Load = %+v, %v", exs, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Load error %v, want one saying %q", err, tt.wantErr)
			}
		})
	}
}

// FuzzExample: whatever a line holds, decoding and validating it does not
// panic, and a span that passes validation can be measured.
func FuzzExample(f *testing.F) {
	f.Add(`{"id":"a","lang":"en","text":"mail jo@web.de","spans":[{"start":5,"end":14,"kind":"email"}]}`)
	f.Add(`{"id":"a","lang":"de","text":"Grüße","spans":[{"start":0,"end":3,"kind":"x"}]}`)
	f.Add(`{"id":"a","lang":"en","text":"x","spans":[{"start":-1,"end":99,"kind":"x"}]}`)
	f.Fuzz(func(t *testing.T, line string) {
		exs, err := readExamples(strings.NewReader(line), "f.jsonl")
		if err != nil {
			return
		}
		for _, ex := range exs {
			for _, s := range ex.Spans {
				if v := IoU(ex.Text, s, s); v != 1 {
					t.Fatalf("span %+v of %q: self IoU %v", s, ex.Text, v)
				}
			}
		}
	})
}
