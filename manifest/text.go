package manifest

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/consignhq/consign/manifest/internal/display"
	"github.com/consignhq/consign/pipeline"
)

// DisplayPath is path as a line of terminal output shows it: quoted, with
// Go's escapes, when it holds what would not print as itself (control
// characters, since a newline in a file name would otherwise print as a
// line of its own; invisible formatting such as a right-to-left override;
// bytes that are not UTF-8), or when it starts with a quote, which would
// pass for a quoted name. Every text output names files through it.
func DisplayPath(path string) string { return display.Path(path) }

// Count is n and noun, the noun agreeing with n: "1 file", "2 files",
// "3 entries", "0 matches". Every text output counts through it. noun is
// singular and may be several words, the last of which takes the plural.
func Count(n int, noun string) string {
	return strconv.Itoa(n) + " " + Plural(n, noun)
}

// Plural is noun as it agrees with n, without the number.
func Plural(n int, noun string) string {
	if n == 1 || n == -1 || noun == "" {
		return noun
	}
	last := noun[len(noun)-1]
	switch {
	case last == 'y' && len(noun) > 1 && !strings.ContainsRune("aeiou", rune(noun[len(noun)-2])):
		return noun[:len(noun)-1] + "ies"
	case last == 's' || last == 'x' || strings.HasSuffix(noun, "ch") || strings.HasSuffix(noun, "sh"):
		return noun + "es"
	}
	return noun + "s"
}

// Agree is one when n is 1 and many otherwise, for the verb that follows
// a Count: Count(n, "file") + " " + Agree(n, "was", "were").
func Agree(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// maxListedErrors bounds the files the text report names one by one.
const maxListedErrors = 20

// textReport writes the human summary of a scan: totals by kind, the span
// of content dates and where they came from, languages, and the files that
// could not be read. It keeps counters only, never the records.
type textReport struct {
	w          *bufio.Writer
	root       string
	dateSource map[string]int
	languages  map[string]int
	first      string
	last       string
	errors     []string
	warnings   int
	findings   *findingTally
}

func newText(w io.Writer, root string) *textReport {
	return &textReport{
		w: bufio.NewWriter(w), root: root,
		dateSource: map[string]int{}, languages: map[string]int{},
		findings: newFindingTally(),
	}
}

func (r *textReport) Record(rec *pipeline.Record) error {
	if d := rec.ContentDate; d != nil {
		r.dateSource[dateSourceClass(d.Source)]++
		day := d.Value
		if len(day) > 10 {
			day = day[:10]
		}
		if r.first == "" || day < r.first {
			r.first = day
		}
		if day > r.last {
			r.last = day
		}
	}
	if len(rec.Languages) > 0 {
		r.languages[rec.Languages[0].Code]++
	}
	if rec.Error != "" && len(r.errors) < maxListedErrors {
		r.errors = append(r.errors, fmt.Sprintf("%s: %s", DisplayPath(rec.Path), rec.Error))
	}
	r.warnings += len(rec.Warnings)
	r.findings.add(rec)
	return nil
}

func (r *textReport) Close(sum pipeline.Summary) error {
	w := r.w
	fmt.Fprintf(w, "consign scan of %s\n\n", r.root)
	fmt.Fprintf(w, "  files      %d (%s)\n", sum.Files, HumanBytes(sum.Bytes))
	if len(sum.ByKind) > 0 {
		fmt.Fprintf(w, "  by kind    %s\n", joinCounts(sum.ByKind))
	}
	if r.first != "" {
		fmt.Fprintf(w, "  dates      %s to %s\n", r.first, r.last)
		fmt.Fprintf(w, "  date from  %s\n", joinCounts(r.dateSource))
	}
	if len(r.languages) > 0 {
		fmt.Fprintf(w, "  languages  %s\n", joinCounts(r.languages))
	}
	if sum.Excluded > 0 {
		fmt.Fprintf(w, "  excluded   %d\n", sum.Excluded)
	}
	if len(sum.Skipped) > 0 {
		fmt.Fprintf(w, "  skipped    %s (never read)\n", joinCounts(sum.Skipped))
	}
	if r.warnings > 0 {
		fmt.Fprintf(w, "  warnings   %d (see --format jsonl)\n", r.warnings)
	}
	if sum.Errors > 0 {
		fmt.Fprintf(w, "\n%s could not be fully read:\n", Count(sum.Errors, "file"))
		for _, e := range r.errors {
			fmt.Fprintf(w, "  %s\n", e)
		}
		if sum.Errors > len(r.errors) {
			fmt.Fprintf(w, "  ... and %d more (see --format jsonl)\n", sum.Errors-len(r.errors))
		}
	}
	r.findings.write(w, r.root, sum.Files)
	return w.Flush()
}

// dateSourceClass groups date sources the way a reader thinks of them.
func dateSourceClass(source string) string {
	switch {
	case source == "mtime":
		return "file time"
	case source == "filename":
		return "file name"
	case strings.HasPrefix(source, "frontmatter:"), strings.HasPrefix(source, "yaml:"), strings.HasPrefix(source, "html:"):
		return "front matter"
	}
	return "embedded"
}

// joinCounts renders counts largest first, then by name: "image 78, text 59".
func joinCounts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

// HumanBytes renders a byte count in binary units: "1.5 MiB".
func HumanBytes(n int64) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for m := n / unit; m >= unit; m /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %ciB", float64(n)/float64(div), "KMGTPE"[exp])
}
