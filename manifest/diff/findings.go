package diff

import (
	"sort"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/manifest"
)

// oldFinding is an old bundle's finding waiting for its match in the new.
type oldFinding struct {
	Finding
	matched bool
}

// compareFindings matches the findings of the two bundles by id. Finding
// ids are stable while the file, detector and matched value are unchanged,
// so a finding in a changed file shows up as resolved and added. A bundle
// without findings.jsonl has no findings.
func compareFindings(r *Report) error {
	old := map[string]*oldFinding{}
	of, name, err := openMetadata(r.Old.Dir, manifest.FindingsJSONL, true)
	if err != nil {
		return err
	}
	if of != nil {
		defer of.Close()
		fr := newFindingReader(name, of)
		for {
			f, err := fr.next()
			if err != nil {
				return err
			}
			if f == nil {
				break
			}
			r.Old.Findings++
			if _, dup := old[f.ID]; !dup {
				old[f.ID] = &oldFinding{Finding: findingOf(f)}
			}
		}
	}
	nf, name, err := openMetadata(r.New.Dir, manifest.FindingsJSONL, true)
	if err != nil {
		return err
	}
	d := &r.Findings
	if nf != nil {
		defer nf.Close()
		fr := newFindingReader(name, nf)
		for {
			f, err := fr.next()
			if err != nil {
				return err
			}
			if f == nil {
				break
			}
			r.New.Findings++
			matchFinding(old[f.ID], f, d)
		}
	}
	for _, o := range old {
		if !o.matched {
			d.Resolved = append(d.Resolved, o.Finding)
		}
	}
	sortFindings(d.Added)
	sortFindings(d.Resolved)
	sortChanges(d.StatusChanged)
	sortChanges(d.RedactionChanged)
	return nil
}

// matchFinding files a new finding against its old self (nil when the old
// bundle did not have it). A repeated id is compared once.
func matchFinding(o *oldFinding, f *detectors.Finding, d *FindingsDiff) {
	cur := findingOf(f)
	switch {
	case o == nil:
		d.Added = append(d.Added, cur)
		return
	case o.matched:
		return
	}
	o.matched = true
	if o.Status != cur.Status {
		d.StatusChanged = append(d.StatusChanged, FindingChange{Finding: cur, Old: o.Status, New: cur.Status, Reason: f.Reason})
	}
	if o.Redaction != cur.Redaction {
		d.RedactionChanged = append(d.RedactionChanged, FindingChange{Finding: cur, Old: o.Redaction, New: cur.Redaction})
	}
}

func findingOf(f *detectors.Finding) Finding {
	return Finding{ID: f.ID, Path: f.Path, Detector: f.Detector, Kind: f.Kind, Severity: f.Severity, Status: f.Status, Redaction: f.Redaction}
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
