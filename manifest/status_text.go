package manifest

import (
	"fmt"
	"io"

	"github.com/consignhq/consign/detectors"
)

// maxStatusLines caps each list the text status prints.
const maxStatusLines = 10

// WriteStatusText prints st for people.
func WriteStatusText(w io.Writer, dir string, st *Status) error {
	if st.LastPack == nil {
		fmt.Fprintf(w, "%s has not been packed yet: every file counts as new and every finding not ignored as still open.\n", dir)
	} else {
		fmt.Fprintf(w, "since the last pack of %s (%s, %s):\n", dir, st.LastPack.Created, st.LastPack.Output)
	}
	f := st.Files
	fmt.Fprintf(w, "\nfiles      %d new, %d modified, %d deleted, %d renamed, %d unchanged\n",
		len(f.New), len(f.Modified), len(f.Deleted), len(f.Renamed), f.Same)
	if st.LastPack != nil {
		listPaths(w, "new", f.New)
		listPaths(w, "modified", f.Modified)
		listPaths(w, "deleted", f.Deleted)
		for i, r := range f.Renamed {
			if i == maxStatusLines {
				fmt.Fprintf(w, "  ... and %d more renamed\n", len(f.Renamed)-i)
				break
			}
			fmt.Fprintf(w, "  renamed   %s -> %s\n", r.From, r.To)
		}
	}
	p := st.Findings
	fmt.Fprintf(w, "\nfindings   %d resolved, %d still open, %d new\n", len(p.Resolved), len(p.Open), len(p.New))
	// One kind column for both lists, as wide as the longest kind shown
	// (third_party_artist is wider than most).
	width := kindWidth(kindWidth(14, p.New), p.Open)
	listFindings(w, "new", p.New, p.AtPack, width)
	listFindings(w, "open", p.Open, p.AtPack, width)
	fmt.Fprintln(w, "\nchecklist")
	for _, sev := range severityOrder {
		if l, ok := st.Checklist[sev]; ok {
			fmt.Fprintf(w, "  %d of %d %s-severity findings resolved", l.Resolved, l.Total, sev)
			if l.ByPolicy > 0 {
				fmt.Fprintf(w, "; %d more handled by the redaction policy at pack", l.ByPolicy)
			}
			fmt.Fprintln(w)
		}
	}
	if len(st.Checklist) == 0 {
		fmt.Fprintln(w, "  nothing to resolve")
	}
	return nil
}

func listPaths(w io.Writer, what string, paths []string) {
	for i, p := range paths {
		if i == maxStatusLines {
			fmt.Fprintf(w, "  ... and %d more %s\n", len(paths)-i, what)
			return
		}
		fmt.Fprintf(w, "  %-9s %s\n", what, p)
	}
}

// kindWidth widens width to the longest kind of the findings listed.
func kindWidth(width int, fs []detectors.Finding) int {
	for i, f := range fs {
		if i == maxStatusLines {
			break
		}
		width = max(width, len(f.Kind))
	}
	return width
}

func listFindings(w io.Writer, what string, fs []detectors.Finding, atPack map[string]string, width int) {
	for i, f := range fs {
		if i == maxStatusLines {
			fmt.Fprintf(w, "  ... and %d more %s (--format json lists them all)\n", len(fs)-i, what)
			return
		}
		fmt.Fprintf(w, "  %-5s %-6s %-*s %s  %s  %s", what, f.Severity, width, f.Kind, f.ID, f.Path, f.Excerpt)
		if a := atPack[f.ID]; a != "" {
			fmt.Fprintf(w, "  (pack: %s)", a)
		}
		fmt.Fprintln(w)
	}
}
