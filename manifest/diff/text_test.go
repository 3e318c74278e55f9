package diff

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/pipeline"
)

func TestWriteText(t *testing.T) {
	var many []pipeline.Record
	for i := range 7 {
		many = append(many, rec(fmt.Sprintf("n/%d.txt", i), 'a'+byte(i), 5))
	}
	kept := rec("kept.txt", '1', 3)
	kept2 := kept
	kept2.SHA256 = sum('2')
	kept2.Tags = map[string]string{"title": "Kept"}
	ignored := finding("ffff", "kept.txt", "ignored")
	ignored.Reason = "my own address"
	tests := []struct {
		name     string
		old, new fakeBundle
		limit    int
		want     []string
		not      []string
	}{
		{
			name: "no differences", old: fakeBundle{records: []pipeline.Record{kept}}, new: fakeBundle{records: []pipeline.Record{kept}},
			want: []string{"catalog: the same, " + catalogA, "files: 0 added, 0 removed", "licence offer: not compared (neither bundle has", "\nno differences\n"},
			not:  []string{"  added ("},
		},
		{
			name: "counts agree", old: fakeBundle{records: []pipeline.Record{kept}, findings: []detectors.Finding{finding("ffff", "kept.txt", "open")}},
			new:  fakeBundle{records: []pipeline.Record{kept, rec("one.txt", 'z', 1)}},
			want: []string{": 1 file (3 bytes), 1 finding, packed ", ": 2 files (4 bytes), 0 findings, packed ", "    + one.txt (1 byte, text)\n"},
		},
		{
			name: "capped lists", old: fakeBundle{records: []pipeline.Record{kept}, findings: []detectors.Finding{finding("ffff", "kept.txt", "open")}, licence: `{"uses":["training"]}`},
			new: fakeBundle{id: "urn:uuid:other", records: append([]pipeline.Record{kept2}, many...), findings: []detectors.Finding{ignored},
				licence: `{"uses":["training"],"compensation":{"one_time_fee":900}}`},
			limit: 3,
			want: []string{
				"catalog: DIFFERENT (old " + catalogA + ", new urn:uuid:other)",
				"files: 7 added, 0 removed, 1 changed",
				"  added (7)\n    + n/0.txt (5 bytes, text)\n    + n/1.txt (5 bytes, text)\n    + n/2.txt (5 bytes, text)\n    ... and 4 more\n",
				`~ kept.txt: sha256 111111111111… -> 222222222222…; tag title added "Kept"`,
				"findings: 0 added, 0 resolved, 0 moved with their file, 1 status changed",
				"~ ffff kept.txt pii/email email/high: open -> ignored (my own address)",
				"licence offer: CHANGED, 1 key\n    + compensation.one_time_fee: (none) -> 900\n",
				"\nthe bundles differ\n",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustCompare(t, writeBundle(t, tt.old), writeBundle(t, tt.new))
			var b strings.Builder
			if err := WriteText(&b, r, tt.limit); err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("missing %q in\n%s", w, b.String())
				}
			}
			for _, w := range tt.not {
				if strings.Contains(b.String(), w) {
					t.Errorf("unexpected %q in\n%s", w, b.String())
				}
			}
		})
	}
}

func TestReportJSONListsAreArrays(t *testing.T) {
	r := mustCompare(t, writeBundle(t, fakeBundle{}), writeBundle(t, fakeBundle{}))
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "null") {
		t.Errorf("a list is null: %s", b)
	}
	for _, key := range []string{`"added":[]`, `"metadata_changed":[]`, `"unredacted":[]`, `"status_changed":[]`, `"keys":[]`, `"identical":true`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("no %s in %s", key, b)
		}
	}
}
