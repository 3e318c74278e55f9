package manifest

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
)

// spotFinding is a finding of path at the metadata field with value hash vh.
func spotFinding(id, path, status, field, vh string) detectors.Finding {
	f := statusFinding(id, path, "high", status)
	f.Detector, f.Location, f.ValueHash = "pii/gps", detectors.Location{In: detectors.InMetadata, Field: field}, vh
	return f
}

func TestPairMoved(t *testing.T) {
	noValue := func(id, path, excerpt string) detectors.Finding {
		f := spotFinding(id, path, "open", "xmp:dc:rights", "")
		f.Excerpt = excerpt
		return f
	}
	tests := []struct {
		name     string
		old, now []detectors.Finding
		want     map[string]string // new id -> old id
	}{
		{"same field and value", []detectors.Finding{spotFinding("o1", "a", "open", "exif:GPSLatitude", "h")},
			[]detectors.Finding{spotFinding("n1", "b", "open", "exif:GPSLatitude", "h")}, map[string]string{"n1": "o1"}},
		{"another value", []detectors.Finding{spotFinding("o1", "a", "open", "exif:GPSLatitude", "h")},
			[]detectors.Finding{spotFinding("n1", "b", "open", "exif:GPSLatitude", "other")}, map[string]string{}},
		{"another field", []detectors.Finding{spotFinding("o1", "a", "open", "exif:GPSLatitude", "h")},
			[]detectors.Finding{spotFinding("n1", "b", "open", "xmp:exif:GPSLatitude", "h")}, map[string]string{}},
		{"a repeat pairs in order",
			[]detectors.Finding{spotFinding("o1", "a", "open", "f", "h"), spotFinding("o2", "a", "ignored", "f", "h")},
			[]detectors.Finding{spotFinding("n1", "b", "open", "f", "h"), spotFinding("n2", "b", "open", "f", "h"), spotFinding("n3", "b", "open", "f", "h")},
			map[string]string{"n1": "o1", "n2": "o2"}},
		{"without a value, by excerpt", []detectors.Finding{noValue("o1", "a", "C* B*"), noValue("o2", "a", "A** r*****")},
			[]detectors.Finding{noValue("n2", "b", "A** r*****")}, map[string]string{"n2": "o2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string]string{}
			for id, f := range PairMoved(tt.old, tt.now) {
				got[id] = f.ID
			}
			if len(got) != len(tt.want) {
				t.Fatalf("paired %v, want %v", got, tt.want)
			}
			for id, old := range tt.want {
				if got[id] != old {
					t.Errorf("paired %v, want %v", got, tt.want)
				}
			}
		})
	}
}

// TestComputeStatusRenamed: the findings of a file renamed since the last
// pack are still open, not resolved at the old path and new at the new;
// one reviewed under its old id is open again, and its entry is named.
func TestComputeStatusRenamed(t *testing.T) {
	packed := []PackedFile{{Path: "beach.jpg", SHA256: "aa", Findings: []detectors.Finding{
		spotFinding("o-gps", "beach.jpg", "open", "exif:GPSLatitude", "h1"),
		spotFinding("o-serial", "beach.jpg", "ignored", "exif:BodySerialNumber", "h2"),
		spotFinding("o-owner", "beach.jpg", "open", "exif:OwnerName", "h3"),
	}}}
	list := &detectors.IgnoreList{Entries: []detectors.IgnoreEntry{{ID: "o-serial", Reason: "a sold camera", Path: "beach.jpg"}}}
	tests := []struct {
		name                string
		current             []*pipeline.Record
		open, resolved, new []string
		moved               map[string]string
		movedIgnores        []MovedIgnore
		high                ChecklistLine
	}{
		{
			name: "renamed",
			current: []*pipeline.Record{{Path: "2023/paris.jpg", SHA256: "aa", Findings: []detectors.Finding{
				spotFinding("n-gps", "2023/paris.jpg", "open", "exif:GPSLatitude", "h1"),
				spotFinding("n-serial", "2023/paris.jpg", "open", "exif:BodySerialNumber", "h2"),
				spotFinding("n-owner", "2023/paris.jpg", "ignored", "exif:OwnerName", "h3"),
			}}},
			open: []string{"n-gps", "n-serial"}, resolved: []string{"n-owner"},
			moved:        map[string]string{"n-gps": "o-gps", "n-serial": "o-serial", "n-owner": "o-owner"},
			movedIgnores: []MovedIgnore{{ID: "o-serial", Path: "beach.jpg", NewID: "n-serial", NewPath: "2023/paris.jpg", Reason: "a sold camera"}},
			high:         ChecklistLine{Total: 3, Resolved: 1},
		},
		{
			name: "copied, not renamed",
			current: []*pipeline.Record{
				{Path: "beach.jpg", SHA256: "aa", Findings: packed[0].Findings},
				{Path: "copy.jpg", SHA256: "aa", Findings: []detectors.Finding{spotFinding("c-gps", "copy.jpg", "open", "exif:GPSLatitude", "h1")}},
			},
			open: []string{"o-gps", "o-owner"}, new: []string{"c-gps"}, moved: map[string]string{},
			high: ChecklistLine{Total: 3},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := ComputeStatus(&PackInfo{BundleID: "urn:uuid:x"}, packed, tt.current, nil, list)
			ids := func(fs []detectors.Finding) (out []string) {
				for _, f := range fs {
					out = append(out, f.ID)
				}
				slices.Sort(out)
				return out
			}
			p := st.Findings
			for _, c := range []struct {
				name      string
				got, want []string
			}{{"open", ids(p.Open), tt.open}, {"resolved", ids(p.Resolved), tt.resolved}, {"new", ids(p.New), tt.new}} {
				if !slices.Equal(c.got, c.want) {
					t.Errorf("%s %v, want %v", c.name, c.got, c.want)
				}
			}
			if len(p.Moved) != len(tt.moved) {
				t.Errorf("moved %v, want %v", p.Moved, tt.moved)
			}
			for id, from := range tt.moved {
				if m := p.Moved[id]; m.FromID != from || m.FromPath != "beach.jpg" {
					t.Errorf("moved[%s] = %+v, want from %s in beach.jpg", id, m, from)
				}
			}
			if !slices.Equal(p.MovedIgnores, tt.movedIgnores) && len(p.MovedIgnores)+len(tt.movedIgnores) > 0 {
				t.Errorf("moved ignores %+v, want %+v", p.MovedIgnores, tt.movedIgnores)
			}
			if got := st.Checklist["high"]; got != tt.high {
				t.Errorf("high checklist %+v, want %+v", got, tt.high)
			}
			b, err := json.Marshal(st)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(b), "null") {
				t.Errorf("null in %s", b)
			}
		})
	}
}

func TestStatusTextMoved(t *testing.T) {
	packed := []PackedFile{{Path: "a.jpg", SHA256: "aa", Findings: []detectors.Finding{spotFinding("0123456789abcdef0123", "a.jpg", "ignored", "f", "h")}}}
	current := []*pipeline.Record{{Path: "b.jpg", SHA256: "aa", Findings: []detectors.Finding{spotFinding("fedcba9876543210fedc", "b.jpg", "open", "f", "h")}}}
	list := &detectors.IgnoreList{Entries: []detectors.IgnoreEntry{{ID: "0123456789abcdef0123", Reason: "reviewed"}}}
	st := ComputeStatus(&PackInfo{BundleID: "urn:uuid:x"}, packed, current, nil, list)
	var b strings.Builder
	if err := WriteStatusText(&b, "dir", st, "consign ignore --moved -C dir"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"findings   0 resolved, 1 still open, 0 new\n",
		"1 of the open moved with a renamed file",
		"  open  high   email          fedcba9876543210fedc  b.jpg    (moved from a.jpg, was 0123456789abcdef0123)\n",
		"ignore     1 entry names a finding by the id it had before its file was renamed",
		`  0123456789abcdef0123  a.jpg -> b.jpg  now fedcba9876543210fedc  "reviewed"`,
		"consign ignore --moved -C dir\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("missing %q in\n%s", want, b.String())
		}
	}
}
