package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/pipeline"
)

// status compares the last pack's findings with this run's: one this run
// finds no more is resolved. These leave out the findings this run could
// not have found whatever the folder holds, which status would otherwise
// call resolved while their values are still there.

// leaveOutUnrun drops from the last pack's findings those of detectors
// this run did not use (--detectors, or detectors: in consign.yaml), and
// says how many open ones it left out, and whose.
func leaveOutUnrun(packed []manifest.PackedFile, d *pipeline.Detection, dir string, g *globalOptions) []manifest.PackedFile {
	ran := map[string]bool{}
	if d != nil {
		for _, det := range d.Detectors {
			ran[det.Name()] = true
		}
	}
	open, names := leaveOut(packed, func(_ string, f detectors.Finding) (string, bool) {
		return f.Detector, !ran[f.Detector]
	})
	if open > 0 && !g.quiet {
		fmt.Fprintf(g.stderr, "consign: %s open at the last pack of %s %s left out: %s %s not run this time, so status cannot tell whether %s resolved\n",
			manifest.Count(open, "finding"), dir, manifest.Agree(open, "is", "are"), strings.Join(names, ", "),
			manifest.Agree(len(names), "was", "were"), manifest.Agree(open, "it was", "they were"))
	}
	return packed
}

// leaveOutUnread drops the last pack's findings of files this run could
// not fully read (their records carry an error) that it did not find
// again, and says how many open ones it left out, and in which files.
func leaveOutUnread(packed []manifest.PackedFile, current []*pipeline.Record, dir string, g *globalOptions) []manifest.PackedFile {
	unread := map[string]bool{}
	found := map[string]bool{}
	for _, rec := range current {
		if rec.Error == "" {
			continue
		}
		unread[rec.Path] = true
		for _, f := range rec.Findings {
			found[f.ID] = true
		}
	}
	if len(unread) == 0 {
		return packed
	}
	open, paths := leaveOut(packed, func(path string, f detectors.Finding) (string, bool) {
		return manifest.DisplayPath(path), unread[path] && !found[f.ID]
	})
	if open > 0 && !g.quiet {
		const shown = 3
		files := strings.Join(paths[:min(len(paths), shown)], ", ")
		if len(paths) > shown {
			files += " and " + manifest.Count(len(paths)-shown, "more file")
		}
		fmt.Fprintf(g.stderr, "consign: %s open at the last pack of %s %s left out: %s could not be fully read this time, so status cannot tell whether %s resolved\n",
			manifest.Count(open, "finding"), dir, manifest.Agree(open, "is", "are"), files, manifest.Agree(open, "it was", "they were"))
	}
	return packed
}

// leaveOut drops the findings drop picks from packed, and returns how many
// of them were open on the checklist (not the creator's own details nor
// information) and, sorted, what drop named each of those by.
func leaveOut(packed []manifest.PackedFile, drop func(path string, f detectors.Finding) (string, bool)) (int, []string) {
	var open int
	var names []string
	for i := range packed {
		packed[i].Findings = slices.DeleteFunc(packed[i].Findings, func(f detectors.Finding) bool {
			name, ok := drop(packed[i].Path, f)
			if !ok {
				return false
			}
			if f.Status == detectors.StatusOpen && f.Kind != detectors.KindSelf && f.Severity != detectors.SeverityInfo {
				open++
				if !slices.Contains(names, name) {
					names = append(names, name)
				}
			}
			return true
		})
	}
	slices.Sort(names)
	return open, names
}
