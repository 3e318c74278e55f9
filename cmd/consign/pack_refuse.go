package main

import (
	"fmt"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
)

// refuseOpen lists the open findings at or above failOn and returns
// errFindings, unless there are none or acceptOpen is set. dir is the
// content folder, which the command it suggests names.
func refuseOpen(all []detectors.Finding, p *manifest.Profile, failOn string, acceptOpen bool, dir string, g *globalOptions) error {
	open := openFindings(all, p, failOn)
	if len(open) == 0 || acceptOpen {
		return nil
	}
	listFindings(g, open)
	return gatef([]error{errFindings}, "pack refused, nothing written: %s at or above %s (review them and record each with consign ignore ID --reason TEXT -C %s%s, or pass --accept-open)", manifest.Count(len(open), "open finding"), failOn, shellPath(dir), stateArg(g))
}

// openFindings returns the findings at or above threshold that are open
// and that the redaction policy p does not take care of. A kind the
// policy keeps is taken care of: the creator accepted it, and the
// bundle's redaction checklist says so.
func openFindings(all []detectors.Finding, p *manifest.Profile, threshold string) []detectors.Finding {
	if p == nil {
		p = &manifest.Profile{}
	}
	var open []detectors.Finding
	for _, f := range all {
		if gates(f, threshold) && f.Redaction == "" &&
			p.RedactionAction(f.Kind, f.Action) != manifest.RedactKeep {
			open = append(open, f)
		}
	}
	return open
}

func listFindings(g *globalOptions, open []detectors.Finding) {
	for _, f := range open {
		where := f.Location.Field
		if where == "" && f.Location.Line > 0 {
			where = fmt.Sprintf("line %d", f.Location.Line)
		}
		fmt.Fprintf(g.stderr, "open %s %s (%s) %s %s %s  id %s\n", f.Severity, f.Kind, f.Detector, manifest.DisplayPath(f.Path), where, f.Excerpt, f.ID)
	}
}
