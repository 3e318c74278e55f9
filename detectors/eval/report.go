package eval

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// WriteReport prints the table of counts and scores per kind, per group
// and for any PII, the kinds no detector covers, and up to maxErrors
// misses and false positives of the kinds the run's detectors cover.
func WriteReport(w io.Writer, s *Score, run *Run, maxErrors int) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	row := func(name string, c Counts) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", name, c.Gold, c.TP, c.FP, c.FN, c.Precision(), c.Recall(), c.F2())
	}
	fmt.Fprintf(tw, "kind\tgold\tTP\tFP\tFN\tP\tR\tF2\t\n")
	for _, k := range s.Kinds() {
		row(k, s.ByKind[k])
	}
	fmt.Fprintf(tw, "\t\t\t\t\t\t\t\t\n")
	for _, g := range Groups {
		row("["+g.Name+"]", s.GroupCounts(g))
	}
	row("[any PII]", s.Any)
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write evaluation table: %w", err)
	}
	var notes []string
	for _, k := range s.Kinds() {
		switch cv := s.Cover(run, k); {
		case !cv.Registered:
			notes = append(notes, fmt.Sprintf("no detector registered for kind %s: its gold spans count as misses, it has no gate", k))
		case !cv.InPreset:
			notes = append(notes, fmt.Sprintf("detector %s for kind %s is not in preset %s: its gold spans count as misses", cv.Detector, k, run.Preset))
		}
	}
	if !s.AllCovered(run) {
		notes = append(notes, fmt.Sprintf("any-PII F2 gate (>= %.2f) waits for every labelled kind to have a detector", MinAnyF2))
	}
	if len(notes) > 0 {
		fmt.Fprintf(w, "\n%s\n", strings.Join(notes, "\n"))
	}
	if err := writeErrors(w, "misses", s.Misses, s, run, maxErrors); err != nil {
		return err
	}
	return writeErrors(w, "false positives", s.FPs, s, run, maxErrors)
}

// writeErrors lists up to max errors of kinds the preset covers; the rest
// are only counted.
func writeErrors(w io.Writer, title string, errs []Error, s *Score, run *Run, max int) error {
	var shown []string
	uncovered := 0
	for _, e := range errs {
		if !s.Cover(run, e.Kind).InPreset {
			uncovered++
			continue
		}
		shown = append(shown, fmt.Sprintf("  %-16s %-18s %s", e.Kind, e.Example, strconv.Quote(e.Value)))
	}
	total := len(shown)
	if len(shown) > max {
		shown = shown[:max]
	}
	_, err := fmt.Fprintf(w, "\n%s of covered kinds: %d (showing %d); of kinds without a detector in the run: %d\n%s",
		title, total, len(shown), uncovered, strings.Join(append(shown, ""), "\n"))
	if err != nil {
		return fmt.Errorf("write evaluation %s: %w", title, err)
	}
	return nil
}
