package diff

import (
	"sort"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
)

// oldFinding is an old bundle's finding waiting for its match in the new.
type oldFinding struct {
	Finding
	order   int // where the old bundle lists it, to pair repeats in order
	matched bool
}

// compareFindings matches the findings of the two bundles by id. Finding
// ids are stable while the file, detector and matched value are unchanged,
// so a finding in a changed file shows up as resolved and added. A file
// renamed with its bytes unchanged gets new ids too: its findings are
// paired with the old ones by what they found where, as moved (see
// pairMoved). A bundle without findings.jsonl has no findings.
func compareFindings(r *Report) error {
	movedTo := make(map[string]string, len(r.Files.Renamed)) // old path -> new path
	renamed := make(map[string]bool, len(r.Files.Renamed))
	for _, c := range r.Files.Renamed {
		movedTo[c.OldPath], renamed[c.Path] = c.Path, true
	}
	old := map[string]*oldFinding{}
	err := eachFinding(r.Old.Dir, func(f *detectors.Finding) {
		r.Old.Findings++
		if _, dup := old[f.ID]; !dup {
			o := &oldFinding{Finding: findingOf(f), order: len(old)}
			if _, ok := movedTo[f.Path]; ok {
				o.spot = manifest.SameSpot(*f)
			}
			old[f.ID] = o
		}
	})
	if err != nil {
		return err
	}
	d := &r.Findings
	err = eachFinding(r.New.Dir, func(f *detectors.Finding) {
		r.New.Findings++
		matchFinding(old[f.ID], f, d, renamed[f.Path])
	})
	if err != nil {
		return err
	}
	pairMoved(old, movedTo, d)
	for _, o := range old {
		if !o.matched {
			d.Resolved = append(d.Resolved, o.Finding)
		}
	}
	sortFindings(d.Added)
	sortFindings(d.Resolved)
	sort.Slice(d.Moved, func(i, j int) bool { return findingLess(d.Moved[i].Finding, d.Moved[j].Finding) })
	sortChanges(d.StatusChanged)
	sortChanges(d.RedactionChanged)
	return nil
}

// matchFinding files a new finding against its old self (nil when the old
// bundle did not have it). A repeated id is compared once. A finding of a
// renamed file (inRenamed) the old bundle did not have keeps its SameSpot,
// for pairMoved.
func matchFinding(o *oldFinding, f *detectors.Finding, d *FindingsDiff, inRenamed bool) {
	cur := findingOf(f)
	switch {
	case o == nil:
		if inRenamed {
			cur.spot = manifest.SameSpot(*f)
		}
		d.Added = append(d.Added, cur)
		return
	case o.matched:
		return
	}
	o.matched = true
	noteChanges(o.Finding, cur, d)
}

// noteChanges lists a finding whose status or redaction differs between
// its old self o and its new self cur.
func noteChanges(o, cur Finding, d *FindingsDiff) {
	if o.Status != cur.Status {
		d.StatusChanged = append(d.StatusChanged, FindingChange{Finding: cur, Old: o.Status, New: cur.Status, Reason: cur.reason})
	}
	if o.Redaction != cur.Redaction {
		d.RedactionChanged = append(d.RedactionChanged, FindingChange{Finding: cur, Old: o.Redaction, New: cur.Redaction})
	}
}

// pairMoved takes off the added and resolved lists the findings of each
// renamed file that are the findings it had at its old path (the same
// manifest.SameSpot), and lists them as moved. Findings with the same
// SameSpot in one file pair in the order the bundles list them.
func pairMoved(old map[string]*oldFinding, movedTo map[string]string, d *FindingsDiff) {
	if len(movedTo) == 0 {
		return
	}
	var waiting []*oldFinding
	for _, o := range old {
		if !o.matched && o.spot != "" {
			waiting = append(waiting, o)
		}
	}
	sort.Slice(waiting, func(i, j int) bool { return waiting[i].order < waiting[j].order })
	queue := map[string][]*oldFinding{}
	for _, o := range waiting {
		k := movedTo[o.Path] + "\x00" + o.spot
		queue[k] = append(queue[k], o)
	}
	added := d.Added[:0]
	for _, a := range d.Added {
		k := a.Path + "\x00" + a.spot
		if q := queue[k]; a.spot != "" && len(q) > 0 {
			o := q[0]
			queue[k], o.matched = q[1:], true
			d.Moved = append(d.Moved, FindingMove{Finding: a, OldID: o.ID, OldPath: o.Path})
			noteChanges(o.Finding, a, d)
			continue
		}
		added = append(added, a)
	}
	d.Added = added
}

func findingOf(f *detectors.Finding) Finding {
	return Finding{ID: f.ID, Path: f.Path, Detector: f.Detector, Kind: f.Kind, Severity: f.Severity, Status: f.Status, Redaction: f.Redaction, reason: f.Reason}
}

func findingLess(a, b Finding) bool {
	if a.Path != b.Path {
		return a.Path < b.Path
	}
	return a.ID < b.ID
}

func sortFindings(fs []Finding) {
	sort.Slice(fs, func(i, j int) bool { return findingLess(fs[i], fs[j]) })
}

func sortChanges(cs []FindingChange) {
	sort.Slice(cs, func(i, j int) bool { return findingLess(cs[i].Finding, cs[j].Finding) })
}
