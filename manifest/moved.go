package manifest

import (
	"strconv"
	"strings"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
)

// MovedFinding is the finding a file had at its old path, for a finding
// of the same file at its new path. A finding's id is keyed with the
// file's path, so a rename gives every finding of the file a new id even
// though the value is still there, in the same bytes.
type MovedFinding struct {
	FromID   string `json:"from_id"`
	FromPath string `json:"from_path"`
	// FromStatus is the finding's status at the last pack: "ignored"
	// under its old id is not "ignored" under the new one.
	FromStatus string `json:"from_status"`
}

// MovedIgnore is an ignore list entry that names a finding by its id at
// the old path of a renamed file: the creator reviewed the finding, but
// the entry no longer matches it. consign ignore --moved carries it over.
type MovedIgnore struct {
	ID      string `json:"id"` // the entry's id: the finding at its old path
	Path    string `json:"path"`
	NewID   string `json:"new_id"`
	NewPath string `json:"new_path"`
	Reason  string `json:"reason"`
}

// SameSpot is what a finding of a renamed file shares with its old self:
// the detector, the kind, the place in the file and the value's keyed
// hash (or, for a finding without a value, its masked excerpt and
// detail). Two findings with the same SameSpot in files with the same
// bytes are one finding; the id, the path and the status are left out.
func SameSpot(f detectors.Finding) string {
	l := f.Location
	parts := []string{f.Detector, f.Kind, l.In, l.Part, l.Field,
		strconv.FormatInt(l.Start, 10), strconv.FormatInt(l.End, 10), f.ValueHash}
	if f.ValueHash == "" {
		parts = append(parts, f.Excerpt, f.Detail)
	}
	return strings.Join(parts, "\x00")
}

// PairMoved pairs the findings a file had at its old path (old) with the
// findings of the same bytes at its new path (now), by SameSpot, and
// returns the old finding of each paired new one, by new id. A SameSpot
// found twice (a value repeated in one metadata field) pairs in order. A
// finding left unpaired (a detector added or changed since) is not a move.
func PairMoved(old, now []detectors.Finding) map[string]detectors.Finding {
	waiting := map[string][]detectors.Finding{}
	for _, f := range old {
		k := SameSpot(f)
		waiting[k] = append(waiting[k], f)
	}
	out := map[string]detectors.Finding{}
	for _, f := range now {
		k := SameSpot(f)
		if q := waiting[k]; len(q) > 0 {
			out[f.ID], waiting[k] = q[0], q[1:]
		}
	}
	return out
}

// MovedFindings pairs the findings of every file renamed since the last
// pack (same sha256, new path) with the ones it had at its old path, by
// the new id. renamed is Status.Files.Renamed.
func MovedFindings(renamed []Renamed, packed []PackedFile, current []*pipeline.Record) map[string]MovedFinding {
	out := map[string]MovedFinding{}
	if len(renamed) == 0 {
		return out
	}
	from := make(map[string]string, len(renamed))
	for _, r := range renamed {
		from[r.To] = r.From
	}
	before := make(map[string][]detectors.Finding, len(renamed))
	for _, p := range packed {
		before[p.Path] = p.Findings
	}
	for _, rec := range current {
		old, ok := from[rec.Path]
		if !ok {
			continue
		}
		for id, f := range PairMoved(before[old], rec.Findings) {
			out[id] = MovedFinding{FromID: f.ID, FromPath: old, FromStatus: f.Status}
		}
	}
	return out
}
