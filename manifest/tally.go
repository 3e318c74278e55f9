package manifest

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
)

// topFiles is how many most-affected files the summary names per kind.
const topFiles = 3

// Verdicts: what a file needs before it can be sold.
const (
	verdictClear   = "clear"
	verdictRedact  = "redact"
	verdictReview  = "review"
	verdictExclude = "exclude"
)

// findingTally counts findings by category, kind and severity, remembers
// the few files with the most findings of each kind, and gives every file
// a verdict. It keeps counters and short lists only, never the findings.
type findingTally struct {
	kinds    map[string]*kindTally // "category/kind"
	verdicts map[string]int
	unread   int // files to review only because they could not be fully read
	// badNames counts the files to review because pack refuses their
	// names: not UTF-8, or holding a backslash (see consign pack).
	badNames int
	// unreached counts the files to review because the policy has pack
	// mask or remove a value that it cannot there (RedactionInFile).
	unreached int
	open      int
	ignored   int
	self      int
	// policy is consign.yaml's redaction action for a kind (see
	// ReportConfig.Policy); nil takes each finding's own action.
	policy func(kind, suggested string) string
}

type kindTally struct {
	category, kind string
	total, open    int
	bySeverity     map[string]int
	top            []fileCount
}

type fileCount struct {
	path string
	n    int
}

func newFindingTally() *findingTally {
	return &findingTally{kinds: map[string]*kindTally{}, verdicts: map[string]int{}}
}

// verdict decides what one file of mediaType needs from its open
// findings, by the action the redaction policy (nil: each finding's own)
// gives each, as pack reads it: any finding to exclude leaves the file
// out; one to keep needs nothing; one to mask or remove is redacted by
// pack where pack can do it in this file (RedactionInFile), and otherwise
// stays in the bundle as it is, so a person has to review it; any other
// action needs a person's judgement. Information only, such as the
// creator's own details, needs no review. unreached says a finding pack
// cannot mask or strip here made the file one to review.
func verdict(findings []detectors.Finding, policy func(kind, suggested string) string, mediaType string) (v string, unreached bool) {
	v = verdictClear
	for i := range findings {
		f := &findings[i]
		if f.Status != detectors.StatusOpen || f.Kind == detectors.KindSelf {
			continue
		}
		// The policy decides for every kind, as pack reads it: a kind
		// the detectors would leave out may be one the creator keeps, and
		// "default: review" holds back what they would mask.
		action := f.Action
		if policy != nil {
			action = policy(f.Kind, f.Action)
		}
		info := f.Severity == detectors.SeverityInfo
		switch action {
		case detectors.ActionExclude:
			return verdictExclude, false
		case RedactKeep:
		case detectors.ActionMask, detectors.ActionRemove:
			if _, ok := RedactionInFile(f, mediaType); ok {
				if v == verdictClear {
					v = verdictRedact
				}
			} else if !info {
				v, unreached = verdictReview, true
			}
		default:
			if !info {
				v = verdictReview
			}
		}
	}
	return v, unreached
}

func (t *findingTally) add(rec *pipeline.Record) {
	v, unreached := verdict(rec.Findings, t.policy, rec.MediaType)
	if unreached {
		t.unreached++
	}
	if v == verdictClear && rec.Error != "" {
		// A file consign could not fully read may hold what the audit
		// missed (the GPS in an EXIF block past the damage): a person
		// has to look at it before it is sold.
		v = verdictReview
		t.unread++
	}
	if v == verdictClear && (rec.RawPath != "" || strings.ContainsRune(rec.Path, '\\')) {
		v = verdictReview
		t.badNames++
	}
	t.verdicts[v]++
	perKind := map[string]int{}
	for _, f := range rec.Findings {
		if f.Kind == detectors.KindSelf {
			t.self++
			continue
		}
		key := f.Category + "/" + f.Kind
		k := t.kinds[key]
		if k == nil {
			k = &kindTally{category: f.Category, kind: f.Kind, bySeverity: map[string]int{}}
			t.kinds[key] = k
		}
		k.total++
		if f.Status == detectors.StatusIgnored {
			t.ignored++
			continue
		}
		k.open++
		t.open++
		k.bySeverity[f.Severity]++
		perKind[key]++
	}
	for key, n := range perKind {
		k := t.kinds[key]
		k.top = append(k.top, fileCount{rec.Path, n})
		slices.SortStableFunc(k.top, func(a, b fileCount) int { return cmp.Compare(b.n, a.n) })
		if len(k.top) > topFiles {
			k.top = k.top[:topFiles]
		}
	}
}

var severityOrder = []string{detectors.SeverityHigh, detectors.SeverityMedium, detectors.SeverityLow, detectors.SeverityInfo}

// write prints the findings section and the verdict of the text summary.
func (t *findingTally) write(w io.Writer, root string, files int) {
	if len(t.kinds) == 0 && t.self == 0 {
		fmt.Fprintf(w, "\nfindings   none\n")
	} else {
		fmt.Fprintf(w, "\nfindings   %d open", t.open)
		if t.ignored > 0 {
			fmt.Fprintf(w, ", %d ignored", t.ignored)
		}
		if t.self > 0 {
			fmt.Fprintf(w, ", %d of your own details", t.self)
		}
		fmt.Fprintln(w)
		kinds := make([]*kindTally, 0, len(t.kinds))
		for _, k := range t.kinds {
			kinds = append(kinds, k)
		}
		slices.SortFunc(kinds, func(a, b *kindTally) int {
			return cmp.Or(cmp.Compare(a.category, b.category), cmp.Compare(b.open, a.open), cmp.Compare(a.kind, b.kind))
		})
		category := ""
		for _, k := range kinds {
			if k.category != category {
				category = k.category
				fmt.Fprintf(w, "  %s\n", categoryTitle(category))
			}
			var sev []string
			for _, s := range severityOrder {
				if n := k.bySeverity[s]; n > 0 {
					sev = append(sev, fmt.Sprintf("%s %d", s, n))
				}
			}
			line := fmt.Sprintf("    %-18s %5d", k.kind, k.open)
			if len(sev) > 0 {
				line += "  (" + strings.Join(sev, ", ") + ")"
			}
			if ign := k.total - k.open; ign > 0 {
				line += fmt.Sprintf("  +%d ignored", ign)
			}
			fmt.Fprintln(w, line)
			for _, fc := range k.top {
				fmt.Fprintf(w, "      %4d  %s\n", fc.n, DisplayPath(fc.path))
			}
		}
	}
	fmt.Fprintf(w, "\nverdict    %d of %d files clear to sell\n", t.verdicts[verdictClear], files)
	fmt.Fprintf(w, "           %d to redact (pack masks and strips what the policy says)\n", t.verdicts[verdictRedact])
	var why []string
	if t.unreached > 0 {
		why = append(why, fmt.Sprintf("%d with values pack cannot mask or strip in that format", t.unreached))
	}
	if t.unread > 0 {
		why = append(why, fmt.Sprintf("%d could not be fully read", t.unread))
	}
	if t.badNames > 0 {
		why = append(why, fmt.Sprintf("%d with a name pack refuses: not UTF-8, or with a backslash", t.badNames))
	}
	if len(why) > 0 {
		fmt.Fprintf(w, "           %d to review (%s)\n", t.verdicts[verdictReview], strings.Join(why, "; "))
	} else {
		fmt.Fprintf(w, "           %d to review\n", t.verdicts[verdictReview])
	}
	fmt.Fprintf(w, "           %d to exclude (no-AI marks, someone else's work)\n", t.verdicts[verdictExclude])
	for i, line := range t.next(shellQuote(root), files) {
		label := "next"
		if i > 0 {
			label = ""
		}
		fmt.Fprintf(w, "%-10s %s\n", label, line)
	}
}

// next says what to run now: while a file needs a person's decision,
// list the findings and record the decisions (or, for values pack cannot
// redact, settle them in consign.yaml); when what is left can be
// redacted, or nothing is, pack. A folder with no file to sell has
// nothing to pack: pack would refuse it.
func (t *findingTally) next(root string, files int) []string {
	switch {
	case files == 0:
		return []string{"nothing to pack: no file was found (is " + root + " the right folder, or is every file excluded?)"}
	case t.verdicts[verdictReview]+t.verdicts[verdictExclude] > 0:
		lines := []string{
			"consign scan " + root + " --format jsonl   lists every finding with its id;",
			"consign ignore ID --reason TEXT -C " + root + "   records one as reviewed",
		}
		if t.unreached > 0 {
			// What pack cannot redact can also be settled for a
			// whole kind or file, as pack's warning says.
			lines = append(lines, "or leave out what pack cannot redact with consign.yaml's exclude:, or keep its kind in redaction:")
		}
		if t.badNames > 0 {
			lines = append(lines, "and rename the files whose names pack refuses (consign pack names them)")
		}
		return lines
	case t.open > 0:
		return []string{
			"consign pack " + root + " -o OUT   packs the folder, masking or removing what the",
			"redaction policy of consign.yaml covers (consign ignore ID --reason TEXT keeps a value)",
		}
	}
	return []string{"consign pack " + root + " -o OUT   packs the folder into a signed bundle"}
}

// shellQuote quotes s for a POSIX shell when it holds anything but
// characters every shell takes literally, so a printed command can be
// pasted as it is.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+,:@%=", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func categoryTitle(c string) string {
	switch c {
	case detectors.CategoryPII:
		return "personal data"
	case detectors.CategorySecret:
		return "secrets"
	case detectors.CategoryThirdParty:
		return "third-party material"
	case detectors.CategoryRights:
		return "rights and no-AI marks"
	}
	return c
}
