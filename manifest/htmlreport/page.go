package htmlreport

import (
	"bufio"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/consignhq/consign/manifest/internal/display"

	"github.com/consignhq/consign/manifest"
)

// Model is everything the page shows.
type Model struct {
	Title string
	// By is who offers the catalog: the creator's name or organisation.
	By      string
	Creator []Line
	Source  Source
	// Date is the page's date: SOURCE_DATE_EPOCH, the bundle's creation
	// time or the newest content date, never the clock, so that the same
	// input gives the same bytes.
	Date       string
	Files      int
	Size       string
	Unreadable int
	Offer      []Line
	Missing    []string

	Charts []Chart
	Score  Score

	Policy   []Line
	ByStatus []Count
	Rows     []Row
	RowsMore int
	MoreOpen int

	Terms    []Term
	TermsSet int

	Excluded     []Exclusion
	ExcludedMore int
}

// Line is a labelled value.
type Line struct{ Label, Value string }

// Model returns the page's model. date is SOURCE_DATE_EPOCH when set,
// else zero.
func (b *Builder) Model(date time.Time) *Model {
	p := b.profile
	m := &Model{
		Title: p.Catalog.Title, Source: b.src, Files: b.files, Size: formatBytes(b.bytes),
		Unreadable: b.unreadable, Missing: p.Missing(),
		Score:    b.parts.score(),
		ByStatus: counts(b.byStatus), Rows: b.rows, RowsMore: b.rowsMore, MoreOpen: b.moreOpen,
		Terms:    Terms(&p.Licence),
		Excluded: b.excluded, ExcludedMore: b.excludedMore,
	}
	if m.Title == "" {
		m.Title = "Untitled catalog"
	}
	switch {
	case !date.IsZero():
		m.Date = date.UTC().Format("2006-01-02 15:04 UTC")
	case !b.src.Created.IsZero():
		m.Date = b.src.Created.UTC().Format("2006-01-02 15:04 UTC")
	case b.newest != "":
		m.Date = b.newest + " (newest content date)"
	default:
		m.Date = "undated"
	}
	undated := b.files
	for _, n := range b.byYear {
		undated -= n
	}
	m.Charts = []Chart{kindChart(b.byKind), yearChart(b.byYear, undated), languageChart(b.byLang, b.parts.textual)}
	for _, t := range m.Terms {
		if t.Ticked() {
			m.TermsSet++
		}
	}
	m.By = p.Creator.Name
	if m.By == "" {
		m.By = p.Creator.Organisation
	}
	m.Creator = creatorLines(&p.Creator)
	m.Offer = offerLines(&p.Licence)
	for _, k := range sortedKeys(p.Redaction) {
		m.Policy = append(m.Policy, Line{Label: k, Value: p.Redaction[k]})
	}
	return m
}

// creatorLines are the creator's public details: the emails and phones of
// consign.yaml serve to recognise them in the content and are not shown.
func creatorLines(c *manifest.Creator) []Line {
	var out []Line
	add := func(label, v string) {
		if v != "" {
			out = append(out, Line{label, v})
		}
	}
	add("Name", c.Name)
	add("Organisation", c.Organisation)
	add("Also known as", strings.Join(c.Aliases, ", "))
	add("Handles", strings.Join(c.Handles, ", "))
	add("Domains", strings.Join(c.Domains, ", "))
	add("Licensing contact", join3(c.Contact.Email, c.Contact.URL, c.Contact.Address))
	if len(out) == 0 {
		out = append(out, Line{"Name", "not named in consign.yaml"})
	}
	return out
}

// offerLines summarise the offer; the terms checklist has the detail.
func offerLines(l *manifest.Licence) []Line {
	out := []Line{{"Licence", l.Identifier()}}
	if l.URL != "" {
		out = append(out, Line{"Agreement", l.URL})
	}
	uses := strings.Join(l.Uses, ", ")
	if uses == "" {
		uses = "no use offered yet (licence.uses)"
	}
	out = append(out, Line{"Permitted uses", uses})
	for _, t := range Terms(l) {
		if t.Name == "Commercial or research use" || t.Name == "Compensation" || t.Name == "Territory" {
			out = append(out, Line{t.Name, t.Value})
		}
	}
	return out
}

func join3(a, b, c string) string {
	var parts []string
	for _, v := range []string{a, b, c} {
		if v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, "; ")
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

//go:embed page.tmpl
var pageSource string

// page is the parsed page template, parsed on first use: parsing it
// when the package is initialised took about 3 ms of every consign
// command's start, verify's included, which never renders a page.
var page = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Funcs(template.FuncMap{
		"chartWidth": func() int { return ChartWidth },
		"labelX":     func() int { return labelWidth - 8 },
		"barX":       func() int { return labelWidth },
		"lower":      strings.ToLower,
		// A file name is shown as the text reports show it: quoted, with
		// escapes, when it holds a line break or another control
		// character, which a page would otherwise turn into a space or
		// nothing and so show another name.
		"path": display.Path,
	}).Parse(pageSource))
})

// Render writes the page for m. Every value is escaped by html/template:
// file names, excerpts and metadata are untrusted.
func Render(w io.Writer, m *Model) error {
	bw := bufio.NewWriter(w)
	if err := page().Execute(bw, m); err != nil {
		return fmt.Errorf("render html report: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	return nil
}

// formatBytes writes a size in SI units, "38.9 kB", as the dataset card does.
func formatBytes(n int64) string {
	if n < 1000 {
		return itoa(int(n)) + " B"
	}
	units := []string{"kB", "MB", "GB", "TB", "PB", "EB"}
	v, i := float64(n)/1000, 0
	for v >= 999.95 && i < len(units)-1 {
		v /= 1000
		i++
	}
	return strconv.FormatFloat(v, 'f', 1, 64) + " " + units[i]
}

// WriteFile renders m into path atomically: the page is written to a
// temporary file beside path and renamed over it, so an interrupted run
// leaves the old page, or none, never half of one.
func WriteFile(path string, m *Model) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".consign-report-*.html")
	if err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := Render(tmp, m); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write html report: %w", err)
	}
	return nil
}

// Generator marks a page consign report wrote, in its first bytes.
const Generator = `<meta name="generator" content="consign report">`

// IsReport reports whether the file at path is a page consign report
// wrote, which report may replace even inside the scanned folder.
func IsReport(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, _ := io.ReadFull(f, head)
	return strings.Contains(string(head[:n]), Generator)
}
