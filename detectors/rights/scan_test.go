package rights

import (
	"strings"
	"testing"

	"github.com/consignhq/consign/detectors"
)

// TestThroughTextScanner runs the package's text detectors the way a scan
// does and assesses the findings: details and actions survive, values do
// not unless asked for.
func TestThroughTextScanner(t *testing.T) {
	cfg := detectors.Config{Identity: janeDoe}
	reg, err := detectors.NewRegistry(All())
	if err != nil {
		t.Fatal(err)
	}
	names, err := reg.Preset(detectors.PresetDefault)
	if err != nil {
		t.Fatal(err)
	}
	dets, err := reg.New(names, cfg)
	if err != nil {
		t.Fatal(err)
	}
	item := &detectors.Item{Path: "post.md", Kind: "text", MediaType: "text/markdown",
		Fields: []detectors.Field{{Name: "frontmatter:license", Value: "CC BY-NC 4.0"}}}
	text := "# Post\n\n![x](https://other.org/a.jpg)\n\n© 2022 Ann Lee. All rights reserved.\n"
	sc := detectors.NewTextScanner(detectors.TextDetectors(dets), item, detectors.ScanOptions{
		Fingerprinter: detectors.NewFingerprinter(make([]byte, detectors.KeySize)),
		Self:          detectors.NewSelfFilter(cfg.Identity),
	})
	if err := sc.Scan("", detectors.InContent, strings.NewReader(text)); err != nil {
		t.Fatal(err)
	}
	if err := sc.ScanFields(); err != nil {
		t.Fatal(err)
	}
	got := map[string]detectors.Finding{}
	for _, f := range sc.Findings() {
		got[f.Kind] = f
		if f.Value != "" || f.ID == "" {
			t.Errorf("finding %+v: want an id and no value", f)
		}
	}
	want := map[string][2]string{
		KindEmbeddedMedia:   {"img other.org", detectors.ActionReview},
		KindCopyrightNotice: {"© 2022 Ann Lee", detectors.ActionExclude},
		KindLicense:         {"CC-BY-NC-4.0", detectors.ActionExclude},
	}
	for kind, w := range want {
		f, ok := got[kind]
		if !ok || f.Detail != w[0] || f.Action != w[1] {
			t.Errorf("%s finding %+v, want detail %q and action %q", kind, f, w[0], w[1])
		}
	}
	r := NewAssessor(cfg).Assess(item, sc.Findings())
	if r == nil || r.Owner != detectors.OwnerThirdParty || r.License != "CC-BY-NC-4.0" || r.Copyright != "© 2022 Ann Lee" {
		t.Errorf("rights %+v", r)
	}
}
