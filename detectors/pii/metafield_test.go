package pii

import (
	"context"
	"slices"
	"testing"

	"github.com/consignhq/consign/detectors"
)

// fieldCase is one metadata rule sample: the fields of a file, and the
// findings a detector must report as "field=value" (none for a
// false-positive sample).
type fieldCase struct {
	name   string
	fields []detectors.Field
	want   []string
}

// fields builds a field list from name, value pairs.
func fields(kv ...string) []detectors.Field {
	var out []detectors.Field
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, detectors.Field{Name: kv[i], Value: kv[i+1]})
	}
	return out
}

// runFieldCases runs a metadata detector over each case and checks the
// findings and the contract every finding keeps: located at one of the
// item's fields, with a masked excerpt that is not the value, and no id
// or hash (the Sealer gives those).
func runFieldCases(t *testing.T, d detectors.Detector, kind, severity, action string, cases []fieldCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			item := &detectors.Item{Path: "dir/file.jpg", Fields: tc.fields}
			var got []string
			if d.Applies(item) {
				fs, err := d.Detect(context.Background(), item)
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range fs {
					got = append(got, f.Location.Field+"="+f.Value)
					checkMetaFinding(t, d, item, f)
					if f.Kind != kind || f.Severity != severity || f.Action != action {
						t.Errorf("finding %+v: want kind %s, severity %s, action %s", f, kind, severity, action)
					}
				}
			} else if len(tc.want) > 0 {
				t.Fatalf("Applies = false, want findings %q", tc.want)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("findings = %q, want %q", got, tc.want)
			}
		})
	}
}

func checkMetaFinding(t *testing.T, d detectors.Detector, item *detectors.Item, f detectors.Finding) {
	t.Helper()
	if f.Path != item.Path || f.Detector != d.Name() || f.Category != detectors.CategoryPII {
		t.Errorf("finding %+v: wrong path, detector or category", f)
	}
	if f.Location.In != detectors.InMetadata || f.Value == "" || f.Confidence <= 0 || f.Confidence > 1 {
		t.Errorf("finding %+v: incomplete", f)
	}
	if f.ID != "" || f.ValueHash != "" {
		t.Errorf("finding %+v: id and hash are the Sealer's", f)
	}
	if f.Excerpt == "" || (len(f.Value) > 2 && f.Excerpt == f.Value) {
		t.Errorf("finding %+v: excerpt not masked", f)
	}
}

// fuzzMetaDetector checks a metadata detector on arbitrary field values:
// no panic, and every finding complete and located at a field it was given.
func fuzzMetaDetector(f *testing.F, d detectors.Detector, names []string, seeds []string) {
	for _, s := range seeds {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, n := range names {
			item := &detectors.Item{Path: "f", Fields: []detectors.Field{{Name: n, Value: a}}}
			for _, m := range names {
				item.Fields = append(item.Fields, detectors.Field{Name: m, Value: b})
			}
			fs, err := d.Detect(context.Background(), item)
			if err != nil {
				t.Fatal(err)
			}
			for _, fd := range fs {
				if !slices.ContainsFunc(item.Fields, func(x detectors.Field) bool { return x.Name == fd.Location.Field }) {
					t.Fatalf("finding at unknown field %q", fd.Location.Field)
				}
				if fd.Value == "" || fd.Kind == "" || fd.Severity == "" || fd.Excerpt == "" {
					t.Fatalf("incomplete finding %+v", fd)
				}
			}
		}
	})
}
