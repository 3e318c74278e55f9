package manifest

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
)

func statusFinding(id, path, sev, status string) detectors.Finding {
	return detectors.Finding{ID: id, Path: path, Kind: "email", Severity: sev, Status: status}
}

func TestComputeStatus(t *testing.T) {
	packed := []PackedFile{
		{Path: "a.txt", SHA256: "aa", Findings: []detectors.Finding{statusFinding("f1", "a.txt", "high", "open"), statusFinding("f2", "a.txt", "high", "open")}},
		{Path: "b.txt", SHA256: "bb", Findings: []detectors.Finding{statusFinding("f3", "b.txt", "medium", "open")}},
		{Path: "c.txt", SHA256: "cc"},
		{Path: "d.txt", SHA256: "dd", Findings: []detectors.Finding{statusFinding("f4", "d.txt", "high", "open")}},
	}
	current := []*pipeline.Record{
		// a.txt edited: f1 gone, f2 still there, f5 new.
		{Path: "a.txt", SHA256: "a2", Findings: []detectors.Finding{statusFinding("f2", "a.txt", "high", "open"), statusFinding("f5", "a.txt", "low", "open")}},
		// b.txt unchanged but its finding reviewed.
		{Path: "b.txt", SHA256: "bb", Findings: []detectors.Finding{statusFinding("f3", "b.txt", "medium", "ignored")}},
		// c.txt renamed.
		{Path: "e/c.txt", SHA256: "cc"},
		// d.txt deleted; f.txt new, with the creator's own address.
		{Path: "f.txt", SHA256: "ff", Findings: []detectors.Finding{{ID: "f6", Path: "f.txt", Kind: detectors.KindSelf, Severity: "info", Status: "open"}}},
	}
	st := ComputeStatus(&PackInfo{BundleID: "urn:uuid:x"}, packed, current, nil, nil)
	f := st.Files
	if len(f.New) != 1 || f.New[0] != "f.txt" || len(f.Modified) != 1 || f.Modified[0] != "a.txt" ||
		len(f.Deleted) != 1 || f.Deleted[0] != "d.txt" || len(f.Renamed) != 1 || f.Renamed[0] != (Renamed{From: "c.txt", To: "e/c.txt"}) || f.Same != 1 {
		t.Errorf("files %+v", f)
	}
	ids := func(fs []detectors.Finding) (out []string) {
		for _, x := range fs {
			out = append(out, x.ID)
		}
		return out
	}
	p := st.Findings
	if got := ids(p.Resolved); len(got) != 3 || got[0] != "f1" || got[1] != "f3" || got[2] != "f4" {
		t.Errorf("resolved %v, want f1 f3 f4", got)
	}
	if got := ids(p.Open); len(got) != 1 || got[0] != "f2" {
		t.Errorf("open %v, want f2", got)
	}
	if got := ids(p.New); len(got) != 1 || got[0] != "f5" {
		t.Errorf("new %v, want f5", got)
	}
	if got := st.Checklist["high"]; got != (ChecklistLine{Total: 3, Resolved: 2}) {
		t.Errorf("high checklist %+v, want 2 of 3", got)
	}
	if _, ok := st.Checklist["info"]; ok {
		t.Error("the creator's own details are on the checklist")
	}
}

func TestComputeStatusNeverPacked(t *testing.T) {
	current := []*pipeline.Record{{Path: "a.txt", SHA256: "aa", Findings: []detectors.Finding{statusFinding("f1", "a.txt", "high", "open")}}}
	st := ComputeStatus(nil, nil, current, nil, nil)
	if len(st.Files.New) != 1 || len(st.Findings.Open) != 1 || len(st.Findings.New) != 0 {
		t.Errorf("status %+v", st)
	}
}

// TestStatusJSONListsAreArrays: a list with nothing in it is [], never
// null, so that tools can take its length without a check.
func TestStatusJSONListsAreArrays(t *testing.T) {
	tests := []struct {
		name string
		last *PackInfo
	}{
		{"never packed", nil},
		{"nothing changed", &PackInfo{BundleID: "urn:uuid:x", Created: "2023-11-14T22:13:20Z", Output: "/b"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(ComputeStatus(tt.last, nil, nil, nil, nil))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(b), "null") {
				t.Errorf("null in %s", b)
			}
		})
	}
}

// TestComputeStatusAtPack: an open finding the redaction policy handles
// stays open and is counted apart on the checklist; a reviewed one is
// resolved whatever the policy says.
func TestComputeStatusAtPack(t *testing.T) {
	current := []*pipeline.Record{{Path: "a.txt", SHA256: "aa", Findings: []detectors.Finding{
		statusFinding("f1", "a.txt", "high", "open"),
		statusFinding("f2", "a.txt", "high", "open"),
		statusFinding("f3", "a.txt", "high", "ignored"),
	}}}
	packed := []PackedFile{{Path: "a.txt", SHA256: "aa", Findings: []detectors.Finding{
		statusFinding("f1", "a.txt", "high", "open"),
		statusFinding("f2", "a.txt", "high", "open"),
		statusFinding("f3", "a.txt", "high", "open"),
	}}}
	st := ComputeStatus(&PackInfo{BundleID: "urn:uuid:x"}, packed, current, map[string]string{"f1": "mask", "f3": "exclude"}, nil)
	if got := st.Checklist["high"]; got != (ChecklistLine{Total: 3, Resolved: 1, ByPolicy: 1}) {
		t.Errorf("high checklist %+v, want 1 resolved and 1 by the policy of 3", got)
	}
	if len(st.Findings.Open) != 2 || len(st.Findings.AtPack) != 1 || st.Findings.AtPack["f1"] != "mask" {
		t.Errorf("open %v, at pack %v", st.Findings.Open, st.Findings.AtPack)
	}
}

// A kind longer than the column (third_party_artist) widens it for every
// line, so ids and paths stay aligned.
func TestStatusTextAlignsKinds(t *testing.T) {
	short := statusFinding("0123456789abcdef0123", "a.txt", "high", "open")
	short.Kind = "card"
	long := statusFinding("fedcba9876543210fedc", "b.mp3", "medium", "open")
	long.Kind = "third_party_artist"
	current := []*pipeline.Record{{Path: "a.txt", SHA256: "aa", Findings: []detectors.Finding{short}}, {Path: "b.mp3", SHA256: "bb", Findings: []detectors.Finding{long}}}
	st := ComputeStatus(nil, nil, current, nil, nil)
	var b strings.Builder
	if err := WriteStatusText(&b, "dir", st, ""); err != nil {
		t.Fatal(err)
	}
	col := -1
	for _, line := range strings.Split(b.String(), "\n") {
		if i := strings.Index(line, "0123456789abcdef0123"); i >= 0 {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("no finding line in:\n%s", b.String())
	}
	for _, line := range strings.Split(b.String(), "\n") {
		if i := strings.Index(line, "fedcba9876543210fedc"); i >= 0 && i != col {
			t.Errorf("ids at columns %d and %d:\n%s", col, i, b.String())
		}
	}
}

// TestStatusTextChecklistAgrees: a checklist line's noun agrees with the
// total, "0 of 1 low-severity finding", "0 of 2 high-severity findings".
func TestStatusTextChecklistAgrees(t *testing.T) {
	current := []*pipeline.Record{{Path: "a.txt", SHA256: "aa", Findings: []detectors.Finding{
		statusFinding("f1", "a.txt", "high", "open"),
		statusFinding("f2", "a.txt", "high", "open"),
		statusFinding("f3", "a.txt", "low", "open"),
	}}}
	var b strings.Builder
	if err := WriteStatusText(&b, "dir", ComputeStatus(nil, nil, current, nil, nil), ""); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\n  0 of 2 high-severity findings resolved\n", "\n  0 of 1 low-severity finding resolved\n"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("status lacks %q:\n%s", want, b.String())
		}
	}
}
