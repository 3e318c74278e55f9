package extract

import (
	"context"
	"testing"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/detectors/rights"
)

// rightsOf extracts src with the default extractors and runs every rights
// detector the way a scan wires them: metadata detectors over the fields,
// text detectors over each field value and over text, then the Assessor.
// text is the file's text for text detectors, nil for none.
func rightsOf(t testing.TB, cfg detectors.Config, src *Source, text []byte) (*Result, []detectors.Finding, *detectors.Rights) {
	t.Helper()
	res := &Result{}
	Run(context.Background(), Default(), src, res)
	item := &detectors.Item{Path: src.Path, MediaType: src.MediaType, Kind: src.Kind, Size: src.Size}
	for _, f := range res.Fields {
		item.Fields = append(item.Fields, detectors.Field{Name: f.Name, Value: f.Value})
	}
	var findings []detectors.Finding
	for _, reg := range rights.All() {
		d := reg.New(cfg)
		if !d.Applies(item) {
			continue
		}
		fs, err := d.Detect(context.Background(), item)
		if err != nil {
			t.Fatalf("%s: %v", d.Name(), err)
		}
		findings = append(findings, fs...)
		td, ok := d.(detectors.TextDetector)
		if !ok {
			continue
		}
		for _, f := range item.Fields {
			for _, m := range td.Find(item, []byte(f.Value)) {
				findings = append(findings, matchFinding(d.Name(), item.Path, m, detectors.Location{In: detectors.InMetadata, Field: f.Name}))
			}
		}
		if text != nil {
			for _, m := range td.Find(item, text) {
				findings = append(findings, matchFinding(d.Name(), item.Path, m, detectors.Location{In: detectors.InContent, Start: int64(m.Start), End: int64(m.End)}))
			}
		}
	}
	return res, findings, rights.NewAssessor(cfg).Assess(item, findings)
}

func matchFinding(det, path string, m detectors.Match, at detectors.Location) detectors.Finding {
	return detectors.Finding{
		Path: path, Detector: det, Category: m.Category, Kind: m.Kind, Severity: m.Severity,
		Confidence: m.Confidence, Location: at, Detail: m.Detail, Action: m.Action,
	}
}
