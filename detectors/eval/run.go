package eval

import (
	"fmt"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// fingerprintKey keys the run's finding ids; the evaluation never looks at
// them, but the scanner needs a key as in a real scan.
var fingerprintKey = []byte("consign evaluation fingerprint key")

// Run is the predictions of one preset over the evaluation set.
type Run struct {
	Preset string
	// Detectors are the names the preset ran; Registered every name the
	// registry knows, whatever its preset.
	Detectors, Registered []string
	// Predicted holds, per example id, the spans the detectors reported.
	Predicted map[string][]Span
}

// Detect runs the text detectors of preset from reg over each example the
// way a scan runs them over a text file: one Item per example, carrying
// the example's language, and one TextScanner pass over its text.
func Detect(reg *detectors.Registry, preset string, examples []Example) (*Run, error) {
	names, err := reg.Preset(preset)
	if err != nil {
		return nil, fmt.Errorf("resolve preset %s: %w", preset, err)
	}
	dets, err := reg.New(names, detectors.Config{})
	if err != nil {
		return nil, fmt.Errorf("build detectors of preset %s: %w", preset, err)
	}
	text := detectors.TextDetectors(dets)
	run := &Run{Preset: preset, Detectors: names, Registered: reg.Names(), Predicted: make(map[string][]Span)}
	for _, ex := range examples {
		item := &detectors.Item{
			Path:      ex.ID + ".txt",
			MediaType: "text/plain",
			Kind:      "text",
			Language:  ex.Lang,
			Size:      int64(len(ex.Text)),
		}
		var applicable []detectors.TextDetector
		for _, d := range text {
			if d.Applies(item) {
				applicable = append(applicable, d)
			}
		}
		sc := detectors.NewTextScanner(applicable, item, detectors.ScanOptions{
			Fingerprinter: detectors.NewFingerprinter(fingerprintKey),
		})
		if err := sc.Scan("", detectors.InContent, strings.NewReader(ex.Text)); err != nil {
			return nil, fmt.Errorf("scan example %s: %w", ex.ID, err)
		}
		spans := []Span{}
		for _, f := range sc.Findings() {
			spans = append(spans, Span{Start: int(f.Location.Start), End: int(f.Location.End), Kind: f.Kind})
		}
		run.Predicted[ex.ID] = spans
	}
	return run, nil
}
