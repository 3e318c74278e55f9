package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
)

// field is one front-matter line; a slice of them keeps the order stable,
// which a map would not.
type field struct{ key, value string }

// markdown renders body behind YAML front matter; with no fields the file
// is plain Markdown.
func markdown(front []field, body string) []byte {
	var b strings.Builder
	if len(front) > 0 {
		b.WriteString("---\n")
		for _, f := range front {
			fmt.Fprintf(&b, "%s: %s\n", f.key, f.value)
		}
		b.WriteString("---\n\n")
	}
	b.WriteString(body)
	return []byte(b.String())
}

// htmlPage describes a small article page and the metadata in its head.
type htmlPage struct {
	Lang        string
	Title       string
	Author      string
	Description string
	Published   string // article:published_time, RFC 3339
	Paragraphs  []string
}

// render produces the page as HTML5.
func (p htmlPage) render() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n", esc(p.Lang))
	b.WriteString("<meta charset=\"utf-8\">\n")
	fmt.Fprintf(&b, "<title>%s</title>\n", esc(p.Title))
	fmt.Fprintf(&b, "<meta name=\"author\" content=\"%s\">\n", esc(p.Author))
	fmt.Fprintf(&b, "<meta name=\"description\" content=\"%s\">\n", esc(p.Description))
	fmt.Fprintf(&b, "<meta property=\"article:published_time\" content=\"%s\">\n", esc(p.Published))
	b.WriteString("<style>body { max-width: 40em; margin: auto; }</style>\n")
	b.WriteString("<script>document.documentElement.className = 'js';</script>\n")
	fmt.Fprintf(&b, "</head>\n<body>\n<h1>%s</h1>\n", esc(p.Title))
	for _, para := range p.Paragraphs {
		fmt.Fprintf(&b, "<p>%s</p>\n", esc(para))
	}
	b.WriteString("</body>\n</html>\n")
	return []byte(b.String())
}

// srt renders subtitle cues in SubRip format, numbered from 1.
func srt(cues []struct{ start, end, text string }) []byte {
	var b strings.Builder
	for i, c := range cues {
		fmt.Fprintf(&b, "%d\n%s --> %s\n%s\n\n", i+1, c.start, c.end, c.text)
	}
	return []byte(b.String())
}

// csvBytes renders rows with encoding/csv (comma, LF line ends).
func csvBytes(rows [][]string) ([]byte, error) {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.WriteAll(rows); err != nil {
		return nil, fmt.Errorf("write csv: %w", err)
	}
	return buf.Bytes(), nil
}

// jsonBytes renders v indented with a trailing newline; struct field order
// makes the output stable.
func jsonBytes(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("marshal json: %w", err)
	}
	return append(b, '\n'), nil
}

// salesRows is the content of data/sales.csv.
var salesRows = [][]string{
	{"date", "item", "licence", "buyer", "amount_gbp"},
	{"2022-01-14", "beach.jpg", "editorial", "Coastline Magazine", "120.00"},
	{"2022-02-03", "contract.docx", "commercial", "Harbourside Bakery Ltd", "800.00"},
	{"2022-03-22", "song.mp3", "sync", "Little Films Co", "250.00"},
	{"2022-05-09", "street.jpg", "editorial", "The Evening Post", "95.50"},
	{"2022-06-30", "take2.flac", "personal", "private buyer", "15.00"},
}

// notes is the content of misc/notes.json.
type notes struct {
	Project  string   `json:"project"`
	Owner    string   `json:"owner"`
	Updated  string   `json:"updated"`
	Folders  []string `json:"folders"`
	Reviewed bool     `json:"reviewed"`
	Items    int      `json:"items"`
}

// fixtureNotes is the value written to misc/notes.json.
var fixtureNotes = notes{
	Project:  "coast portfolio",
	Owner:    "Jane Doe",
	Updated:  "2022-08-01",
	Folders:  []string{"photos", "audio", "documents", "blog"},
	Reviewed: false,
	Items:    21,
}
