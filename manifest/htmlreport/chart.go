package htmlreport

import (
	"sort"

	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/pipeline/extract"
)

// Chart is a horizontal bar chart drawn as inline SVG, its geometry
// computed here so that the page needs no script.
type Chart struct {
	ID, Title string
	Bars      []Bar
	// Height is the SVG's height in user units; the width is ChartWidth.
	Height int
	// Note says what the chart leaves out or why it is empty.
	Note string
}

// Bar is one labelled bar.
type Bar struct {
	Label        string
	N            int
	Y, TextY     int
	Width, Value int // bar length; x of the value text
}

// Chart geometry, in SVG user units.
const (
	ChartWidth  = 640
	labelWidth  = 170
	barMax      = 400
	rowHeight   = 24
	barHeight   = 16
	maxBars     = 12
	maxYearBars = 30
)

// newChart lays out bars for counts in the order given.
func newChart(id, title string, cs []Count) Chart {
	c := Chart{ID: id, Title: title}
	most := 0
	for _, x := range cs {
		most = max(most, x.N)
	}
	for i, x := range cs {
		w := 0
		if most > 0 {
			w = max(1, x.N*barMax/most)
		}
		y := i * rowHeight
		c.Bars = append(c.Bars, Bar{
			Label: x.Name, N: x.N, Y: y + (rowHeight-barHeight)/2, TextY: y + rowHeight/2 + 5,
			Width: w, Value: labelWidth + w + 6,
		})
	}
	c.Height = max(1, len(cs)) * rowHeight
	if len(cs) == 0 {
		c.Note = "no files"
	}
	return c
}

// topN keeps the n largest counts and sums the rest under "other".
func topN(cs []Count, n int, other string) ([]Count, int) {
	if len(cs) <= n {
		return cs, 0
	}
	rest := 0
	for _, x := range cs[n-1:] {
		rest += x.N
	}
	out := append(cs[:n-1:n-1], Count{Name: other, N: rest})
	return out, len(cs) - (n - 1)
}

// kindChart is the catalog by kind of file.
func kindChart(m map[string]int) Chart {
	return newChart("by-kind", "Files by kind", counts(m))
}

// yearChart is the catalog by year of the content date, oldest first; the
// oldest years are merged when there are too many to draw.
func yearChart(m map[string]int, undated int) Chart {
	cs := counts(m)
	sort.Slice(cs, func(i, j int) bool { return cs[i].Name < cs[j].Name })
	merged := 0
	if len(cs) > maxYearBars {
		cut := len(cs) - (maxYearBars - 1)
		rest := 0
		for _, x := range cs[:cut] {
			rest += x.N
		}
		cs = append([]Count{{Name: "before " + cs[cut].Name, N: rest}}, cs[cut:]...)
		merged = cut
	}
	c := newChart("by-year", "Files by year of content", cs)
	switch {
	case merged > 0 && undated > 0:
		c.Note = itoa(merged) + " earlier years merged; " + files(undated) + " without a content date"
	case merged > 0:
		c.Note = itoa(merged) + " earlier years merged"
	case undated > 0:
		c.Note = files(undated) + " without a content date"
	}
	return c
}

// languageChart is the catalog by primary language, named in English.
func languageChart(m map[string]int, textual int) Chart {
	cs, merged := topN(counts(m), maxBars, "other languages")
	for i := range cs {
		cs[i].Name = languageName(cs[i].Name)
	}
	c := newChart("by-language", "Files by language", cs)
	without := textual
	for _, n := range m {
		without -= n
	}
	switch {
	case len(cs) == 0:
		c.Note = "no language detected"
	case merged > 0:
		c.Note = itoa(merged) + " languages merged into \"other languages\""
	case without > 0:
		c.Note = itoa(without) + " text or document " + manifest.Plural(without, "file") + " without a detected language"
	}
	return c
}

// languageName is "French (fr)" for a code the language detector knows.
func languageName(code string) string {
	if name := extract.LanguageName(code); name != "" {
		return name + " (" + code + ")"
	}
	return code
}

// files is "1 file" or "n files".
func files(n int) string { return manifest.Count(n, "file") }
