package manifest

import (
	"cmp"
	"slices"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
)

// PackedFile is one file as the last pack held it: its original digest
// and the findings it had then.
type PackedFile struct {
	Path     string
	SHA256   string
	Findings []detectors.Finding
}

// Status is where a folder stands since its last pack: which files
// changed, which findings were resolved and which are new, and how far
// the redaction checklist has come.
type Status struct {
	LastPack *PackInfo       `json:"last_pack,omitempty"` // nil when the folder was never packed
	Files    FileChanges     `json:"files"`
	Findings FindingProgress `json:"findings"`
	// Checklist counts, per severity, the findings known now or at the
	// last pack, and how many of them are resolved.
	Checklist map[string]ChecklistLine `json:"checklist"`
}

// PackInfo names the last pack.
type PackInfo struct {
	BundleID string `json:"bundle_id"`
	Created  string `json:"created"`
	Output   string `json:"output"`
}

// FileChanges lists paths by what happened to them since the last pack.
type FileChanges struct {
	New      []string  `json:"new"`
	Modified []string  `json:"modified"`
	Deleted  []string  `json:"deleted"`
	Renamed  []Renamed `json:"renamed"`
	Same     int       `json:"unchanged"`
	// Unreadable are files of the last pack that could not be read this
	// time, so whether they changed is not known.
	Unreadable []string `json:"unreadable"`
}

// Renamed is a file found under a new path with the same content.
type Renamed struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// FindingProgress sorts findings into resolved since the last pack (the
// value is gone, the file was deleted, or the finding was ignored), still
// open from before, and newly introduced.
type FindingProgress struct {
	Resolved []detectors.Finding `json:"resolved"`
	Open     []detectors.Finding `json:"open"`
	New      []detectors.Finding `json:"new"`
	// AtPack names, by finding id, what the next pack does to an open or
	// new finding by consign.yaml's redaction policy: "mask", "remove" or
	// "exclude" it in the bundle, or "keep" it as accepted. The value is
	// still in the folder, so the finding stays open here.
	AtPack map[string]string `json:"at_pack"`
	// Moved names, by the id it has now, each open or resolved finding
	// of a file renamed since the last pack that is a finding the file
	// had there: its id changed with the path, but the value is still in
	// the folder, so it is still open (or resolved by being ignored now),
	// not resolved at the old path and new at the new one.
	Moved map[string]MovedFinding `json:"moved"`
	// MovedIgnores are the ignore list's entries for findings that moved
	// with their file: they no longer match, and the finding is open.
	MovedIgnores []MovedIgnore `json:"moved_ignores"`
}

// ChecklistLine is one severity's progress. ByPolicy counts the findings
// not resolved that the redaction policy handles at pack.
type ChecklistLine struct {
	Total    int `json:"total"`
	Resolved int `json:"resolved"`
	ByPolicy int `json:"by_policy"`
}

// ComputeStatus compares the folder's current records (from a scan) with
// the last pack. last is nil when there was none: every file is then new
// and every open finding open. atPack says, by finding id, what the next
// pack does to an open finding by the redaction policy (nil for nothing).
// ignore is the folder's ignore list (nil for none), read to name the
// entries a rename left behind.
func ComputeStatus(last *PackInfo, packed []PackedFile, current []*pipeline.Record, atPack map[string]string, ignore *detectors.IgnoreList) *Status {
	st := &Status{
		LastPack: last,
		// Empty lists are [] in the JSON form, not null.
		Files: FileChanges{New: []string{}, Modified: []string{}, Deleted: []string{}, Renamed: []Renamed{}, Unreadable: []string{}},
		Findings: FindingProgress{Resolved: []detectors.Finding{}, Open: []detectors.Finding{}, New: []detectors.Finding{},
			AtPack: map[string]string{}, Moved: map[string]MovedFinding{}, MovedIgnores: []MovedIgnore{}},
		Checklist: map[string]ChecklistLine{},
	}
	before := make(map[string]PackedFile, len(packed))
	byDigest := map[string][]string{}
	for _, p := range packed {
		before[p.Path] = p
		byDigest[p.SHA256] = append(byDigest[p.SHA256], p.Path)
	}
	now := make(map[string]bool, len(current))
	for _, rec := range current {
		now[rec.Path] = true
	}
	renamedFrom := map[string]bool{}
	for _, rec := range current {
		old, known := before[rec.Path]
		switch {
		case known && rec.SHA256 == "" && rec.Error != "":
			st.Files.Unreadable = append(st.Files.Unreadable, rec.Path)
		case known && old.SHA256 == rec.SHA256:
			st.Files.Same++
		case known:
			st.Files.Modified = append(st.Files.Modified, rec.Path)
		default:
			if from := goneWithDigest(byDigest[rec.SHA256], now, renamedFrom); from != "" {
				renamedFrom[from] = true
				st.Files.Renamed = append(st.Files.Renamed, Renamed{From: from, To: rec.Path})
			} else {
				st.Files.New = append(st.Files.New, rec.Path)
			}
		}
	}
	for _, p := range packed {
		if !now[p.Path] && !renamedFrom[p.Path] {
			st.Files.Deleted = append(st.Files.Deleted, p.Path)
		}
	}

	wasOpen := map[string]detectors.Finding{}
	for _, p := range packed {
		for _, f := range p.Findings {
			if counts(f) && f.Status == detectors.StatusOpen {
				wasOpen[f.ID] = f
			}
		}
	}
	moves := MovedFindings(st.Files.Renamed, packed, current)
	reasons := map[string]string{}
	if ignore != nil {
		for _, e := range ignore.Entries {
			reasons[e.ID] = e.Reason
		}
	}
	seen := map[string]bool{}
	for _, rec := range current {
		for _, f := range rec.Findings {
			if !counts(f) {
				continue
			}
			// A finding that moved with its file is known by its old id.
			key := f.ID
			m, moved := moves[f.ID]
			if moved {
				key = m.FromID
			}
			seen[key] = true
			_, before := wasOpen[key]
			switch {
			case f.Status != detectors.StatusOpen && before:
				st.Findings.Resolved = append(st.Findings.Resolved, f)
			case f.Status != detectors.StatusOpen:
				// reviewed before it was ever packed: not on the checklist
				continue
			case before || last == nil || moved:
				st.Findings.Open = append(st.Findings.Open, f)
			default:
				st.Findings.New = append(st.Findings.New, f)
			}
			action := ""
			if f.Status == detectors.StatusOpen {
				action = atPack[f.ID]
			}
			if action != "" {
				st.Findings.AtPack[f.ID] = action
			}
			if moved {
				st.Findings.Moved[f.ID] = m
				if reason, ok := reasons[m.FromID]; ok && f.Status == detectors.StatusOpen {
					st.Findings.MovedIgnores = append(st.Findings.MovedIgnores,
						MovedIgnore{ID: m.FromID, Path: m.FromPath, NewID: f.ID, NewPath: f.Path, Reason: reason})
				}
			}
			st.tick(f.Severity, f.Status != detectors.StatusOpen, action != "")
		}
	}
	for id, f := range wasOpen {
		if !seen[id] {
			st.Findings.Resolved = append(st.Findings.Resolved, f)
			st.tick(f.Severity, true, false)
		}
	}
	for _, list := range []*[]detectors.Finding{&st.Findings.Resolved, &st.Findings.Open, &st.Findings.New} {
		slices.SortFunc(*list, func(a, b detectors.Finding) int {
			return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Location.Start, b.Location.Start), cmp.Compare(a.ID, b.ID))
		})
	}
	slices.SortFunc(st.Findings.MovedIgnores, func(a, b MovedIgnore) int {
		return cmp.Or(cmp.Compare(a.NewPath, b.NewPath), cmp.Compare(a.NewID, b.NewID))
	})
	for _, list := range []*[]string{&st.Files.New, &st.Files.Modified, &st.Files.Deleted, &st.Files.Unreadable} {
		slices.Sort(*list)
	}
	return st
}

// counts says whether a finding is on the redaction checklist: the
// creator's own details and other information-only findings are not.
func counts(f detectors.Finding) bool {
	return f.Kind != detectors.KindSelf && f.Severity != detectors.SeverityInfo
}

func (st *Status) tick(severity string, resolved, byPolicy bool) {
	l := st.Checklist[severity]
	l.Total++
	switch {
	case resolved:
		l.Resolved++
	case byPolicy:
		l.ByPolicy++
	}
	st.Checklist[severity] = l
}

// goneWithDigest returns a packed path with the same content that no
// longer exists and was not yet claimed by another rename.
func goneWithDigest(paths []string, now, claimed map[string]bool) string {
	for _, p := range paths {
		if !now[p] && !claimed[p] {
			return p
		}
	}
	return ""
}
