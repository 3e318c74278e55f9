package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/pipeline"
	"github.com/consignhq/consign/pipeline/catalog"
)

// movedEntry is an ignore list entry whose finding moved with its file:
// the finding is open under the id its new path gives it.
type movedEntry struct {
	entry   detectors.IgnoreEntry
	finding detectors.Finding // the finding at the new path
}

// movedEntries pairs the ignore list's entries with the findings that
// moved with a file renamed since the last pack (same sha256, new path):
// a finding's id is keyed with its path, so a rename leaves the creator's
// review under an id nothing has any more. Only the last pack records
// where each finding was, so a folder never packed has none to pair.
// current are the scan's records; their findings carry the list applied.
func movedEntries(ctx context.Context, cat *catalog.Catalog, list *detectors.IgnoreList, current []*pipeline.Record) ([]movedEntry, error) {
	if list == nil || !anyStale(list, current) {
		return nil, nil // the common case, without reading the last pack's findings
	}
	last, packed, err := lastPack(ctx, cat)
	if err != nil || last == nil {
		return nil, err
	}
	st := manifest.ComputeStatus(last, packed, current, nil, nil)
	moves := manifest.MovedFindings(st.Files.Renamed, packed, current)
	listed := make(map[string]detectors.IgnoreEntry, len(list.Entries))
	for _, e := range list.Entries {
		listed[e.ID] = e
	}
	var out []movedEntry
	for _, rec := range current {
		for _, f := range rec.Findings {
			m, ok := moves[f.ID]
			if !ok || f.Status != detectors.StatusOpen {
				continue // not moved, or already reviewed at the new path
			}
			if e, ok := listed[m.FromID]; ok {
				out = append(out, movedEntry{entry: e, finding: f})
			}
		}
	}
	return out, nil
}

// anyStale reports whether an entry of list matches no finding of current.
// It ticks the entries off as it meets their findings: a set of every
// finding's id, 42,000 of them in a pack of 20,000 generated files, was
// built for every pack, most often to be compared with an empty list.
func anyStale(list *detectors.IgnoreList, current []*pipeline.Record) bool {
	if len(list.Entries) == 0 {
		return false
	}
	unmatched := make(map[string]bool, len(list.Entries))
	for _, e := range list.Entries {
		unmatched[e.ID] = true
	}
	for _, rec := range current {
		for i := range rec.Findings {
			if unmatched[rec.Findings[i].ID] {
				delete(unmatched, rec.Findings[i].ID)
				if len(unmatched) == 0 {
					return false
				}
			}
		}
	}
	return true
}

// carryMoved is ignore --moved: it rewrites every entry a rename left
// behind under the finding's new id, keeping its reason and the notes
// above it, so the review keeps applying.
func carryMoved(ctx context.Context, list *detectors.IgnoreList, path string, opts *ignoreOptions, g *globalOptions) error {
	scanOpts, _, done, err := newPipeline(ctx, opts.dir, &opts.selection, g)
	if err != nil {
		return err
	}
	defer done()
	if scanOpts.Catalog == nil {
		return usagef("ignore --moved pairs findings with the ones the last pack recorded in the catalog: it cannot run with --no-cache")
	}
	if scanOpts.Detection == nil {
		return usagef("--detectors none finds nothing to carry over")
	}
	current, partial, err := scanFindings(ctx, scanOpts, g, "pairing moved findings")
	if err != nil {
		return err
	}
	moved, err := movedEntries(ctx, scanOpts.Catalog, list, current)
	if err != nil {
		return err
	}
	if len(moved) == 0 {
		if !g.quiet {
			fmt.Fprintf(g.stdout, "no entry of %s names a finding by the id it had before its file was renamed: nothing to carry over\n", path)
		}
		return partial
	}
	for _, m := range moved {
		for i := range list.Entries {
			if e := &list.Entries[i]; e.ID == m.entry.ID {
				e.ID, e.Path, e.Detector = m.finding.ID, m.finding.Path, m.finding.Detector
			}
		}
	}
	if err := list.Save(path); err != nil {
		return err
	}
	if !g.quiet {
		for _, m := range moved {
			fmt.Fprintf(g.stdout, "carried over %s -> %s  %s -> %s  %s  %q\n",
				m.entry.ID, m.finding.ID, manifest.DisplayPath(m.entry.Path), manifest.DisplayPath(m.finding.Path), m.finding.Detector, m.entry.Reason)
		}
	}
	return partial
}

// scanFindings scans the folder for its findings, keeping of each record
// only what pairing moved findings needs. partial is pipeline.ErrPartial
// when some file could not be read.
func scanFindings(ctx context.Context, opts pipeline.Options, g *globalOptions, what string) (current []*pipeline.Record, partial, err error) {
	pr := startProgress(ctx, g, opts, what, false)
	if pr != nil {
		opts.Progress = pr.record
	}
	_, err = pipeline.Scan(ctx, opts, func(rec *pipeline.Record) error {
		sayUnread(g, rec)
		current = append(current, &pipeline.Record{Path: rec.Path, SHA256: rec.SHA256, Findings: rec.Findings})
		return nil
	})
	pr.finish()
	if err != nil && !errors.Is(err, pipeline.ErrPartial) {
		return nil, nil, err
	}
	return current, err, nil
}

// warnMoved tells pack's user which open findings the ignore list holds a
// review of under the id they had before their file was renamed, and the
// commands that carry the reviews over. They are spelt out by id: once
// this pack is recorded, the catalog no longer knows the old paths, and
// ignore --moved has nothing to pair them with.
func warnMoved(ctx context.Context, b *bundleInputs, g *globalOptions) {
	if g.quiet {
		return
	}
	moved, err := movedEntries(ctx, b.Catalog, b.ignore, b.Records)
	if err != nil || len(moved) == 0 {
		return // the catalog could not say: pack goes on without the hint
	}
	if len(moved) == 1 {
		fmt.Fprintln(g.stderr, "consign: 1 open finding was reviewed under the id it had before its file was renamed; its ignore list entry no longer matches:")
	} else {
		fmt.Fprintf(g.stderr, "consign: %d open findings were reviewed under the ids they had before their file was renamed; their ignore list entries no longer match:\n", len(moved))
	}
	var reasons []string
	byReason := map[string][]string{}
	old := make([]string, 0, len(moved))
	for i, m := range moved {
		if i < maxMovedLines {
			fmt.Fprintf(g.stderr, "consign:   %s %s -> %s %s  %s\n", m.entry.ID, manifest.DisplayPath(m.entry.Path), m.finding.ID, manifest.DisplayPath(m.finding.Path), m.finding.Detector)
		} else if i == maxMovedLines {
			fmt.Fprintf(g.stderr, "consign:   ... and %d more\n", len(moved)-i)
		}
		if _, ok := byReason[m.entry.Reason]; !ok {
			reasons = append(reasons, m.entry.Reason)
		}
		byReason[m.entry.Reason] = append(byReason[m.entry.Reason], m.finding.ID)
		old = append(old, m.entry.ID)
	}
	dir := shellPath(b.Root) + stateArg(g)
	fmt.Fprintln(g.stderr, "consign: to carry the reviews over to the new ids:")
	for _, r := range reasons {
		fmt.Fprintf(g.stderr, "consign:   consign ignore %s --reason %s -C %s\n", strings.Join(byReason[r], " "), shellWord(r), dir)
	}
	fmt.Fprintf(g.stderr, "consign:   consign ignore --remove %s -C %s\n", strings.Join(old, " "), dir)
}

// maxMovedLines caps the moved findings pack lists one by one.
const maxMovedLines = 10

// stateArg is the --state option of the command line that ran, for the
// commands consign suggests: without it they would read another ignore
// list.
func stateArg(g *globalOptions) string {
	if g.state == "" {
		return ""
	}
	return " --state " + shellPath(g.state)
}
