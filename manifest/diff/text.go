package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/pipeline"
)

// WriteText writes r for people: the two bundles, then files, findings and
// the licence offer, each with its counts and its lists. A list longer than
// limit shows its first limit entries and "... and N more" (limit 0 shows
// all).
func WriteText(w io.Writer, r *Report, limit int) error {
	var b strings.Builder
	side(&b, "old", r.Old)
	side(&b, "new", r.New)
	switch {
	case r.SameCatalog:
		fmt.Fprintf(&b, "catalog: the same, %s\n", r.New.ExternalIdentifier)
	default:
		fmt.Fprintf(&b, "catalog: DIFFERENT (old %s, new %s): these are not two editions of one catalog; compared anyway\n",
			orNone(r.Old.ExternalIdentifier), orNone(r.New.ExternalIdentifier))
	}

	f := r.Files
	fmt.Fprintf(&b, "\nfiles: %d added, %d removed, %d changed, %d metadata changed, %d renamed, %d redacted, %d no longer redacted\n",
		len(f.Added), len(f.Removed), len(f.Changed), len(f.MetadataChanged), len(f.Renamed), len(f.Redacted), len(f.Unredacted))
	list(&b, "added", limit, f.Added, func(x File) string {
		return fmt.Sprintf("+ %s (%s%s)", manifest.DisplayPath(x.Path), byteCount(x.Size), prefixed(", ", x.Kind))
	})
	list(&b, "removed", limit, f.Removed, func(x File) string {
		return fmt.Sprintf("- %s (%s%s)", manifest.DisplayPath(x.Path), byteCount(x.Size), prefixed(", ", x.Kind))
	})
	list(&b, "changed", limit, f.Changed, func(c FileChange) string { return "~ " + manifest.DisplayPath(c.Path) + describeChange(c) })
	list(&b, "metadata changed", limit, f.MetadataChanged, func(c FileChange) string { return "~ " + manifest.DisplayPath(c.Path) + describeChange(c) })
	list(&b, "renamed", limit, f.Renamed, func(c FileChange) string {
		return "> " + manifest.DisplayPath(c.OldPath) + " -> " + manifest.DisplayPath(c.Path) + describeChange(c)
	})
	list(&b, "redacted", limit, f.Redacted, func(c FileChange) string { return "* " + manifest.DisplayPath(c.Path) + describeChange(c) })
	list(&b, "no longer redacted", limit, f.Unredacted, func(c FileChange) string { return "* " + manifest.DisplayPath(c.Path) + describeChange(c) })

	g := r.Findings
	fmt.Fprintf(&b, "\nfindings: %d added, %d resolved, %d moved with their file, %d status changed, %d redaction changed\n",
		len(g.Added), len(g.Resolved), len(g.Moved), len(g.StatusChanged), len(g.RedactionChanged))
	list(&b, "added", limit, g.Added, func(x Finding) string { return "+ " + describeFinding(x) + " " + x.Status })
	list(&b, "resolved", limit, g.Resolved, func(x Finding) string { return "- " + describeFinding(x) })
	list(&b, "moved with their file", limit, g.Moved, func(m FindingMove) string {
		return "> " + describeFinding(m.Finding) + " " + m.Status + " (was " + m.OldID + " in " + manifest.DisplayPath(m.OldPath) + ")"
	})
	list(&b, "status changed", limit, g.StatusChanged, func(c FindingChange) string {
		return fmt.Sprintf("~ %s: %s -> %s%s", describeFinding(c.Finding), c.Old, c.New, prefixed(" (", c.Reason, ")"))
	})
	list(&b, "redaction changed", limit, g.RedactionChanged, func(c FindingChange) string {
		return fmt.Sprintf("~ %s: %s -> %s", describeFinding(c.Finding), orNone(c.Old), orNone(c.New))
	})

	l := r.Licence
	switch {
	case !l.Compared:
		fmt.Fprintf(&b, "\nlicence offer: not compared (%s)\n", l.Unavailable)
	case !l.Changed:
		b.WriteString("\nlicence offer: unchanged\n")
	default:
		fmt.Fprintf(&b, "\nlicence offer: CHANGED, %s\n", manifest.Count(len(l.Keys), "key"))
		list(&b, "", limit, l.Keys, func(k KeyChange) string {
			return fmt.Sprintf("%s %s: %s -> %s", changeMark(k.Change), k.Key, jsonText(k.Old), jsonText(k.New))
		})
	}

	if r.Identical {
		b.WriteString("\nno differences\n")
	} else {
		b.WriteString("\nthe bundles differ\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func side(b *strings.Builder, label string, s Bundle) {
	fmt.Fprintf(b, "%s %s: %s (%s), %s, packed %s by %s\n",
		label, s.Dir, manifest.Count(s.Files, "file"), byteCount(s.Bytes), manifest.Count(s.Findings, "finding"),
		orNone(s.BaggingDate), orNone(s.SoftwareAgent))
}

// byteCount is n with "byte" agreeing with it; int64, as sizes are.
func byteCount(n int64) string {
	if n == 1 {
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}

// list writes a titled list of at most limit entries.
func list[T any](b *strings.Builder, title string, limit int, xs []T, line func(T) string) {
	if len(xs) == 0 {
		return
	}
	if title != "" {
		fmt.Fprintf(b, "  %s (%d)\n", title, len(xs))
	}
	for i, x := range xs {
		if limit > 0 && i == limit {
			fmt.Fprintf(b, "    ... and %d more\n", len(xs)-limit)
			break
		}
		fmt.Fprintf(b, "    %s\n", line(x))
	}
}

// describeChange says what differs in a file's record: its checksum, then
// each field, then each tag.
func describeChange(c FileChange) string {
	var parts []string
	if c.OldSHA256 != "" || c.NewSHA256 != "" {
		parts = append(parts, fmt.Sprintf("sha256 %s -> %s", short(c.OldSHA256), short(c.NewSHA256)))
	}
	for _, f := range c.Fields {
		if f.Field == "redaction" {
			parts = append(parts, describeRedaction(f))
			continue
		}
		parts = append(parts, fmt.Sprintf("%s %s -> %s", f.Field, jsonText(f.Old), jsonText(f.New)))
	}
	for _, t := range c.Tags {
		switch t.Change {
		case Added:
			parts = append(parts, fmt.Sprintf("tag %s added %q", t.Key, t.New))
		case Removed:
			parts = append(parts, fmt.Sprintf("tag %s removed (was %q)", t.Key, t.Old))
		default:
			parts = append(parts, fmt.Sprintf("tag %s %q -> %q", t.Key, t.Old, t.New))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return ": " + strings.Join(parts, "; ")
}

// describeRedaction says what the new copy has removed or masked rather
// than print both redaction objects, whose checksums the line already has.
func describeRedaction(f FieldChange) string {
	var red pipeline.Redaction
	if len(f.New) == 0 || json.Unmarshal(f.New, &red) != nil {
		return "no longer redacted"
	}
	applied := strings.Join(red.Applied, ", ")
	if len(f.Old) == 0 {
		return "redacted: " + orNone(applied)
	}
	return "redaction now: " + orNone(applied)
}

func describeFinding(f Finding) string {
	return fmt.Sprintf("%s %s %s %s/%s", f.ID, manifest.DisplayPath(f.Path), f.Detector, f.Kind, f.Severity)
}

func changeMark(change string) string {
	switch change {
	case Added:
		return "+"
	case Removed:
		return "-"
	}
	return "~"
}

// jsonText shows a JSON value as written, or "(none)" when absent.
func jsonText(v json.RawMessage) string {
	if len(v) == 0 {
		return "(none)"
	}
	return string(v)
}

// short abbreviates a sha256 to its first 12 hex digits.
func short(sum string) string {
	if len(sum) > 12 {
		return sum[:12] + "…"
	}
	return orNone(sum)
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// prefixed returns s between before and after, or "" when s is empty.
func prefixed(before, s string, after ...string) string {
	if s == "" {
		return ""
	}
	return before + s + strings.Join(after, "")
}
