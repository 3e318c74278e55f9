package diff

import (
	"slices"
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
)

// spotFinding is a finding of path at [start, end) with value hash vh.
func spotFinding(id, path, status string, start int64, vh string) detectors.Finding {
	f := finding(id, path, status)
	f.Location.Start, f.Location.End, f.ValueHash = start, start+8, vh
	return f
}

// TestCompareFindingsMoved: a file renamed with its bytes unchanged gets
// new finding ids; its findings are moved, not resolved and added, and a
// review its entry no longer carries shows as a status change.
func TestCompareFindingsMoved(t *testing.T) {
	oldRecs := []pipeline.Record{rec("b.txt", 'b', 20), rec("keep.txt", 'k', 9)}
	newRecs := []pipeline.Record{rec("sub/b2.txt", 'b', 20), rec("keep.txt", 'k', 9)}
	tests := []struct {
		name                    string
		oldRecs, newRecs        []pipeline.Record
		old, new                []detectors.Finding
		moved, added, resolved  []string
		status                  []string
		wantText, wantNotInText string
		checkMoved              func(t *testing.T, m []FindingMove)
	}{
		{
			name: "renamed", oldRecs: oldRecs, newRecs: newRecs,
			old:   []detectors.Finding{spotFinding("o1", "b.txt", "open", 1, "h1"), spotFinding("o2", "b.txt", "open", 11, "h2")},
			new:   []detectors.Finding{spotFinding("n1", "sub/b2.txt", "open", 1, "h1"), spotFinding("n2", "sub/b2.txt", "open", 11, "h2")},
			moved: []string{"n1", "n2"},
			checkMoved: func(t *testing.T, m []FindingMove) {
				if m[0].OldID != "o1" || m[0].OldPath != "b.txt" || m[0].Path != "sub/b2.txt" || m[1].OldID != "o2" {
					t.Errorf("moved %+v", m)
				}
			},
			wantText: "> n1 sub/b2.txt pii/email email/high open (was o1 in b.txt)",
		},
		{
			name: "a review left behind", oldRecs: oldRecs, newRecs: newRecs,
			old:      []detectors.Finding{spotFinding("o1", "b.txt", "ignored", 1, "h1")},
			new:      []detectors.Finding{spotFinding("n1", "sub/b2.txt", "open", 1, "h1")},
			moved:    []string{"n1"},
			status:   []string{"n1"},
			wantText: "~ n1 sub/b2.txt pii/email email/high: ignored -> open",
		},
		{
			name: "another value at the same place is no move", oldRecs: oldRecs, newRecs: newRecs,
			old:      []detectors.Finding{spotFinding("o1", "b.txt", "open", 1, "h1")},
			new:      []detectors.Finding{spotFinding("n1", "sub/b2.txt", "open", 1, "other")},
			added:    []string{"n1"},
			resolved: []string{"o1"},
		},
		{
			name: "the same value in a file that is no rename", oldRecs: oldRecs,
			newRecs:       []pipeline.Record{rec("sub/b2.txt", 'c', 20), rec("keep.txt", 'k', 9)},
			old:           []detectors.Finding{spotFinding("o1", "b.txt", "open", 1, "h1")},
			new:           []detectors.Finding{spotFinding("n1", "sub/b2.txt", "open", 1, "h1")},
			added:         []string{"n1"},
			resolved:      []string{"o1"},
			wantNotInText: "moved with their file (",
		},
		{
			name: "a repeated value pairs in order", oldRecs: oldRecs, newRecs: newRecs,
			old:   []detectors.Finding{spotFinding("o1", "b.txt", "open", 1, "h1"), spotFinding("o2", "b.txt", "ignored", 1, "h1")},
			new:   []detectors.Finding{spotFinding("n1", "sub/b2.txt", "open", 1, "h1"), spotFinding("n2", "sub/b2.txt", "ignored", 1, "h1")},
			moved: []string{"n1", "n2"},
			checkMoved: func(t *testing.T, m []FindingMove) {
				if m[0].OldID != "o1" || m[1].OldID != "o2" {
					t.Errorf("paired %s-%s and %s-%s, want in order", m[0].OldID, m[0].ID, m[1].OldID, m[1].ID)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustCompare(t, writeBundle(t, fakeBundle{records: tt.oldRecs, findings: tt.old}),
				writeBundle(t, fakeBundle{records: tt.newRecs, findings: tt.new}))
			d := r.Findings
			moveID := func(m FindingMove) string { return m.ID }
			changeID := func(c FindingChange) string { return c.ID }
			for _, c := range []struct {
				name      string
				got, want []string
			}{
				{"moved", paths(d.Moved, moveID), tt.moved},
				{"added", paths(d.Added, findingID), tt.added},
				{"resolved", paths(d.Resolved, findingID), tt.resolved},
				{"status changed", paths(d.StatusChanged, changeID), tt.status},
			} {
				if !slices.Equal(c.got, c.want) && len(c.got)+len(c.want) > 0 {
					t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
				}
			}
			if tt.checkMoved != nil {
				tt.checkMoved(t, d.Moved)
			}
			var b strings.Builder
			if err := WriteText(&b, r, 0); err != nil {
				t.Fatal(err)
			}
			if tt.wantText != "" && !strings.Contains(b.String(), tt.wantText) {
				t.Errorf("missing %q in\n%s", tt.wantText, b.String())
			}
			if tt.wantNotInText != "" && strings.Contains(b.String(), tt.wantNotInText) {
				t.Errorf("%q in\n%s", tt.wantNotInText, b.String())
			}
		})
	}
}
