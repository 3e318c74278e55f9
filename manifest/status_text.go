package manifest

import (
	"fmt"
	"io"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// maxStatusLines caps each list the text status prints.
const maxStatusLines = 10

// WriteStatusText prints st for people. carry is the command that
// carries the ignore list's entries over to findings that moved with
// their file, shown when some were left behind.
func WriteStatusText(w io.Writer, dir string, st *Status, carry string) error {
	if st.LastPack == nil {
		// The catalog holds the packs: one cleared (consign cache clear)
		// or kept elsewhere (--state) remembers none, packed or not.
		fmt.Fprintf(w, "no pack of %s is recorded (none was made, or its catalog was cleared): every file counts as new and every finding not ignored as still open.\n", dir)
	} else {
		fmt.Fprintf(w, "since the last pack of %s (%s, %s):\n", dir, st.LastPack.Created, st.LastPack.Output)
	}
	f := st.Files
	unreadable := ""
	if len(f.Unreadable) > 0 {
		unreadable = fmt.Sprintf(", %d unreadable", len(f.Unreadable))
	}
	fmt.Fprintf(w, "\nfiles      %d new, %d modified, %d deleted, %d renamed%s, %d unchanged\n",
		len(f.New), len(f.Modified), len(f.Deleted), len(f.Renamed), unreadable, f.Same)
	if st.LastPack != nil {
		listPaths(w, "new", f.New)
		listPaths(w, "modified", f.Modified)
		listPaths(w, "deleted", f.Deleted)
		listPaths(w, "unreadable", f.Unreadable)
		for i, r := range f.Renamed {
			if i == maxStatusLines {
				fmt.Fprintf(w, "  ... and %d more renamed\n", len(f.Renamed)-i)
				break
			}
			fmt.Fprintf(w, "  renamed   %s -> %s\n", DisplayPath(r.From), DisplayPath(r.To))
		}
	}
	p := st.Findings
	fmt.Fprintf(w, "\nfindings   %d resolved, %d still open, %d new\n", len(p.Resolved), len(p.Open), len(p.New))
	if n := movedOpen(p); n > 0 {
		fmt.Fprintf(w, "           %d of the open moved with a renamed file: the same value at the new path, under a new id\n", n)
	}
	// One kind column for both lists, as wide as the longest kind shown
	// (third_party_artist is wider than most).
	width := kindWidth(kindWidth(14, p.New), p.Open)
	listFindings(w, "new", p.New, p, width)
	listFindings(w, "open", p.Open, p, width)
	writeMovedIgnores(w, p.MovedIgnores, carry)
	fmt.Fprintln(w, "\nchecklist")
	for _, sev := range severityOrder {
		if l, ok := st.Checklist[sev]; ok {
			fmt.Fprintf(w, "  %d of %s resolved", l.Resolved, Count(l.Total, sev+"-severity finding"))
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
		fmt.Fprintf(w, "  %-9s %s\n", what, DisplayPath(p))
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

func listFindings(w io.Writer, what string, fs []detectors.Finding, p FindingProgress, width int) {
	for i, f := range fs {
		if i == maxStatusLines {
			fmt.Fprintf(w, "  ... and %d more %s (--format json lists them all)\n", len(fs)-i, what)
			return
		}
		fmt.Fprintf(w, "  %-5s %-6s %-*s %s  %s  %s", what, f.Severity, width, f.Kind, f.ID, DisplayPath(f.Path), f.Excerpt)
		var notes []string
		if m, ok := p.Moved[f.ID]; ok {
			notes = append(notes, "moved from "+DisplayPath(m.FromPath)+", was "+m.FromID)
		}
		if a := p.AtPack[f.ID]; a != "" {
			notes = append(notes, "pack: "+a)
		}
		if len(notes) > 0 {
			fmt.Fprintf(w, "  (%s)", strings.Join(notes, "; "))
		}
		fmt.Fprintln(w)
	}
}

// movedOpen counts the open findings that moved with their file.
func movedOpen(p FindingProgress) int {
	n := 0
	for _, f := range p.Open {
		if _, ok := p.Moved[f.ID]; ok {
			n++
		}
	}
	return n
}

// writeMovedIgnores names the ignore list's entries a rename left behind:
// the creator reviewed those findings, and the list must say so under
// their new ids before pack and scan treat them as reviewed again.
func writeMovedIgnores(w io.Writer, entries []MovedIgnore, carry string) {
	if len(entries) == 0 {
		return
	}
	if len(entries) == 1 {
		fmt.Fprintln(w, "\nignore     1 entry names a finding by the id it had before its file was renamed:")
		fmt.Fprintln(w, "           the entry no longer matches, and the finding is open again")
	} else {
		fmt.Fprintf(w, "\nignore     %d entries name findings by the ids they had before their file was renamed:\n", len(entries))
		fmt.Fprintln(w, "           the entries no longer match, and the findings are open again")
	}
	for i, e := range entries {
		if i == maxStatusLines {
			fmt.Fprintf(w, "  ... and %d more (--format json lists them all)\n", len(entries)-i)
			break
		}
		fmt.Fprintf(w, "  %s  %s -> %s  now %s  %q\n", e.ID, DisplayPath(e.Path), DisplayPath(e.NewPath), e.NewID, e.Reason)
	}
	if carry != "" {
		fmt.Fprintf(w, "  to carry the reviews over to the new ids, with their reasons: %s\n", carry)
	}
}
