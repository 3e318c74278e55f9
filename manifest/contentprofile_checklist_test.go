package manifest

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
)

// TestContentProfileChecklistLaidOutAsOneDocument checks that the items
// written one at a time read as the document encoding/json would indent
// whole: the same values, and the same bytes once compacted and indented
// again.
func TestContentProfileChecklistLaidOutAsOneDocument(t *testing.T) {
	odd := finding("f-odd", "notes/\"items\": -0.0e-0000\n.txt", "pii/email", "pii", "email", "high",
		detectors.Location{In: "text", Part: "word/document.xml", Start: 1, End: 9, Line: 1, Column: 2})
	odd.Status, odd.Reason = "ignored", "a reason\nover two lines, with <html> & \"quotes\""
	tests := []struct {
		name  string
		title string
		recs  func() []*pipeline.Record
		items int
	}{
		{"no findings", "plain", func() []*pipeline.Record { return fixtureRecords()[1:2] }, 0},
		{"fixture", "plain", fixtureRecords, 4},
		{"placeholder in the title and a path", `"items": -0.0e-0000`, func() []*pipeline.Record {
			recs := fixtureRecords()
			recs[1].Findings = []detectors.Finding{odd}
			return recs
		}, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := fixtureProfile(t)
			p.Catalog.Title = tt.title
			facts := fixtureFacts()
			facts.Excluded = nil
			var buf bytes.Buffer
			if err := WriteContentProfile(&buf, p, tt.recs(), facts); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			var compact, again bytes.Buffer
			if err := json.Compact(&compact, got); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, got)
			}
			if err := json.Indent(&again, compact.Bytes(), "", "  "); err != nil {
				t.Fatal(err)
			}
			again.WriteByte('\n')
			if !bytes.Equal(got, again.Bytes()) {
				t.Errorf("layout differs from encoding/json's:\n%s\nwant\n%s", got, again.Bytes())
			}
			var doc struct {
				Catalog   struct{ Title string }
				Checklist struct {
					Items []checklistItem `json:"items"`
				} `json:"redaction_checklist"`
			}
			if err := json.Unmarshal(got, &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Catalog.Title != tt.title || len(doc.Checklist.Items) != tt.items {
				t.Errorf("title %q and %d items, want %q and %d", doc.Catalog.Title, len(doc.Checklist.Items), tt.title, tt.items)
			}
			if tt.items == 0 && !bytes.Contains(got, []byte(`"items": []`)) {
				t.Errorf("an empty checklist is not written as []:\n%s", got)
			}
		})
	}
}
