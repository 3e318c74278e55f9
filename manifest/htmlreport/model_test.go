package htmlreport

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/pipeline"
)

func TestModelCounts(t *testing.T) {
	m := sampleModel(3)
	if m.Files != 6 || m.Unreadable != 1 {
		t.Fatalf("files %d unreadable %d, want 6 and 1", m.Files, m.Unreadable)
	}
	if m.Date != "2023-11-14 22:13 UTC" {
		t.Errorf("date %q, want SOURCE_DATE_EPOCH's", m.Date)
	}
	bars := map[string]string{}
	for _, c := range m.Charts {
		var parts []string
		for _, b := range c.Bars {
			parts = append(parts, b.Label+"="+itoa(b.N))
		}
		bars[c.ID] = strings.Join(parts, " ")
	}
	want := map[string]string{
		"by-kind":     "text=3 image=2 document=1",
		"by-year":     "2019=1 2021=1 2022=1 2023=1",
		"by-language": "English (en)=2 French (fr)=1",
	}
	for id, w := range want {
		if bars[id] != w {
			t.Errorf("%s: %q, want %q", id, bars[id], w)
		}
	}
	status := map[string]int{}
	for _, c := range m.ByStatus {
		status[c.Name] = c.N
	}
	// gps open (remove planned), the creator's own detail (self) and
	// person_name accepted (kept), 3 emails open.
	if status["open"] != 4 || status["accepted"] != 2 || status["ignored"] != 1 {
		t.Errorf("by status %v, want 4 open, 2 accepted and 1 ignored", status)
	}
	var excluded []string
	for _, x := range m.Excluded {
		excluded = append(excluded, x.Path)
	}
	if got := strings.Join(excluded, ","); got != "a/stock.jpg,b/broken.pdf" {
		t.Errorf("excluded %s, want the no-AI-training file and the unreadable one", got)
	}
}

func TestScore(t *testing.T) {
	tests := []struct {
		name  string
		parts partCounts
		total int
		pct   []int
	}{
		{"empty catalog", partCounts{}, 0, []int{0, 0, 0, 0, 0}},
		{"all clear", partCounts{files: 4, dated: 4, textual: 2, withLang: 2, piiClear: 4, rightsClear: 4, proven: 4}, 100, []int{100, 100, 100, 100, 100}},
		{"no text files", partCounts{files: 2, dated: 1, piiClear: 2, rightsClear: 2}, 75, []int{50, 100, 100, 100, 0}},
		{"half of each", partCounts{files: 10, dated: 5, textual: 4, withLang: 2, piiClear: 5, rightsClear: 5, proven: 5}, 50, []int{50, 50, 50, 50, 50}},
		{"sample", partCounts{files: 3, dated: 1, textual: 3, withLang: 1, piiClear: 2, rightsClear: 3, proven: 0}, 53, []int{33, 33, 67, 100, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.parts.score()
			if s.Total != tt.total {
				t.Errorf("total %d, want %d", s.Total, tt.total)
			}
			weights := 0
			for i, p := range s.Parts {
				weights += p.Weight
				if p.Percent != tt.pct[i] {
					t.Errorf("%s: %d%%, want %d%%", p.Name, p.Percent, tt.pct[i])
				}
			}
			if weights != 100 {
				t.Errorf("weights add up to %d", weights)
			}
		})
	}
}

func TestSampleScore(t *testing.T) {
	s := sampleModel(1).Score
	// 6 files: dated 3 (mtime and none do not count), text/document 4 with
	// language 3, PII clear 3 (beach gps, notes is accepted so clear, mail
	// open), rights clear 5, provenance 1 (beach names the creator).
	want := []string{"3/6", "3/4", "4/6", "5/6", "1/6"}
	for i, p := range s.Parts {
		if got := itoa(p.Have) + "/" + itoa(p.Of); got != want[i] {
			t.Errorf("%s: %s, want %s", p.Name, got, want[i])
		}
	}
}

func TestChecklistCap(t *testing.T) {
	m := sampleModel(MaxRows + 40)
	if len(m.Rows) != MaxRows {
		t.Fatalf("%d rows, want the cap %d", len(m.Rows), MaxRows)
	}
	total := 0
	for _, c := range m.ByStatus {
		total += c.N
	}
	if m.RowsMore != total-MaxRows || m.MoreOpen != m.RowsMore {
		t.Errorf("more %d (open %d), want %d", m.RowsMore, m.MoreOpen, total-MaxRows)
	}
	if page := renderString(t, m); !strings.Contains(page, "… and "+itoa(m.RowsMore)+" more findings") {
		t.Error("page lacks the note on the findings left out")
	}
}

func TestRenderEscapes(t *testing.T) {
	page := renderString(t, sampleModel(2))
	for _, bad := range []string{hostileName, `<img src=x`, "<b>Doe</b>", "content/<dir>", "<i>my shop"} {
		if strings.Contains(page, bad) {
			t.Errorf("page holds %q unescaped", bad)
		}
	}
	for _, good := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;.txt", "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;", "Jane &lt;b&gt;Doe&lt;/b&gt;"} {
		if !strings.Contains(page, good) {
			t.Errorf("page lacks the escaped text %q", good)
		}
	}
	if strings.Contains(page, "jane@example.com") {
		t.Error("page shows the creator's private email, which serves only to recognise them")
	}
}

// TestRenderQuotesControlCharacters: a line break or an escape in a file
// name is shown quoted, as the text reports show it, not as a space or
// nothing, which would show another name.
func TestRenderQuotesControlCharacters(t *testing.T) {
	const name = "evil\nname\x1b[31m.txt"
	b := NewBuilder(sampleProfile(), Source{Name: "content"})
	b.Add(&pipeline.Record{Path: name, Size: 10, Kind: "text", Findings: []detectors.Finding{{ID: "e1", Path: name, Detector: "pii/email",
		Category: "pii", Kind: "email", Severity: "medium", Location: detectors.Location{In: "content", Line: 1, Column: 1}, Excerpt: "j***@e******.com", Status: "open"}}})
	b.Exclude(name, "no AI training")
	page := renderString(t, b.Model(time.Unix(1700000000, 0)))
	if strings.ContainsAny(page, "\x1b") || strings.Contains(page, "evil\nname") {
		t.Error("page shows the file name's control characters raw")
	}
	if n := strings.Count(page, `<td class="mono">&#34;evil\nname\x1b[31m.txt&#34;</td>`); n != 2 {
		t.Errorf("the quoted name is in %d table cells, want 2 (checklist and exclusions)", n)
	}
}

func TestRenderDeterministic(t *testing.T) {
	first := renderString(t, sampleModel(20))
	for range 5 {
		if renderString(t, sampleModel(20)) != first {
			t.Fatal("two renders of the same input differ")
		}
	}
	undated := NewBuilder(sampleProfile(), Source{Name: "x"}).Model(time.Time{})
	if undated.Date != "undated" {
		t.Errorf("date %q for a catalog without dates, want undated (never the clock)", undated.Date)
	}
}

func TestRenderSelfContained(t *testing.T) {
	page := renderString(t, sampleModel(2))
	for _, want := range []string{"@page { size: A4;", "@media print", Generator, "Content-Security-Policy", "<svg viewBox="} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	forbidden := map[string]*regexp.Regexp{
		"remote src or href": regexp.MustCompile(`(?i)\b(src|href|xlink:href|action)\s*=\s*["']?\s*(https?:)?//`),
		"script element":     regexp.MustCompile(`(?i)<script`),
		"css import":         regexp.MustCompile(`(?i)@import`),
		"css url()":          regexp.MustCompile(`(?i)url\(`),
		"link element":       regexp.MustCompile(`(?i)<link\b`),
	}
	for name, re := range forbidden {
		if loc := re.FindStringIndex(page); loc != nil {
			t.Errorf("page has a %s: %q", name, page[loc[0]:min(loc[1]+40, len(page))])
		}
	}
	// The licence URL the creator configured is shown as text, not linked.
	if !strings.Contains(page, "https://janedoe.photo/licence") {
		t.Error("page lacks the licence URL as text")
	}
}

func TestBuilderNilProfile(t *testing.T) {
	m := NewBuilder(nil, Source{Name: "x"}).Model(time.Time{})
	if m.Title != "Untitled catalog" || len(m.Missing) == 0 || m.Score.Total != 0 {
		t.Errorf("empty model: title %q missing %v score %d", m.Title, m.Missing, m.Score.Total)
	}
	if got := len(m.Terms); got != len(Terms(&manifest.Licence{})) {
		t.Errorf("%d terms", got)
	}
	renderString(t, m)
}
