package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"unicode/utf8"
)

// Example is one labelled text of the evaluation set.
type Example struct {
	ID    string `json:"id"`
	Lang  string `json:"lang"` // ISO 639-1, the text's language
	Text  string `json:"text"`
	Spans []Span `json:"spans"`
}

// Span is a labelled (gold) or predicted value: byte offsets into the
// example's UTF-8 text, end exclusive, and the kind a detector reports
// for it ("email", "iban", "person_name").
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  string `json:"kind"`
}

// Load reads every *.jsonl file in dir, in name order, and checks that
// each span lies inside its text on character boundaries.
func Load(dir string) ([]Example, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return nil, fmt.Errorf("list evaluation files in %s: %w", dir, err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no evaluation files (*.jsonl) in %s", dir)
	}
	slices.Sort(files)
	var all []Example
	seen := make(map[string]bool)
	for _, f := range files {
		exs, err := loadFile(f)
		if err != nil {
			return nil, err
		}
		for _, ex := range exs {
			if seen[ex.ID] {
				return nil, fmt.Errorf("%s: duplicate example id %q", f, ex.ID)
			}
			seen[ex.ID] = true
		}
		all = append(all, exs...)
	}
	return all, nil
}

func loadFile(path string) ([]Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open evaluation file: %w", err)
	}
	defer f.Close()
	return readExamples(f, path)
}

// readExamples decodes and checks the JSONL in r; path names it in errors.
func readExamples(r io.Reader, path string) ([]Example, error) {
	var out []Example
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var ex Example
		if err := json.Unmarshal(sc.Bytes(), &ex); err != nil {
			return nil, fmt.Errorf("%s:%d: decode example: %w", path, line, err)
		}
		if err := ex.validate(); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		out = append(out, ex)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}

// validate checks what a mislabelled line would silently get wrong.
func (ex *Example) validate() error {
	if ex.ID == "" || ex.Lang == "" {
		return fmt.Errorf("example %q: id and lang are required", ex.ID)
	}
	if !utf8.ValidString(ex.Text) {
		return fmt.Errorf("example %s: text is not valid UTF-8", ex.ID)
	}
	for _, s := range ex.Spans {
		switch {
		case s.Kind == "":
			return fmt.Errorf("example %s: span %d-%d has no kind", ex.ID, s.Start, s.End)
		case s.Start < 0 || s.End > len(ex.Text) || s.Start >= s.End:
			return fmt.Errorf("example %s: span %d-%d outside the text (%d bytes)", ex.ID, s.Start, s.End, len(ex.Text))
		case !utf8.RuneStart(ex.Text[s.Start]) || s.End < len(ex.Text) && !utf8.RuneStart(ex.Text[s.End]):
			return fmt.Errorf("example %s: span %d-%d splits a character", ex.ID, s.Start, s.End)
		}
	}
	return nil
}

// runeOffsets converts a byte span of text into character offsets, which
// the overlap measure uses so that accented letters weigh like any other.
func runeOffsets(text string, s Span) (int, int) {
	start := utf8.RuneCountInString(text[:s.Start])
	return start, start + utf8.RuneCountInString(text[s.Start:s.End])
}
