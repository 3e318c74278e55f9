package rights

import (
	"context"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// SyntheticName names the detector of AI-generated media marks.
const SyntheticName = Prefix + "synthetic"

// syntheticSourceTypes are the IPTC Digital Source Type codes
// (cv.iptc.org/newscodes/digitalsourcetype) for media a model generated
// or that includes generated parts.
var syntheticSourceTypes = map[string]string{
	"trainedalgorithmicmedia":              "trainedAlgorithmicMedia",
	"compositesynthetic":                   "compositeSynthetic",
	"algorithmicmedia":                     "algorithmicMedia",
	"compositewithtrainedalgorithmicmedia": "compositeWithTrainedAlgorithmicMedia",
}

// Synthetic reports media that its metadata says was generated or
// composited by an algorithm: buyers must know which items are synthetic,
// and most do not want to train on them.
type Synthetic struct{}

var _ detectors.Detector = Synthetic{}

// NewSynthetic returns the synthetic media detector.
func NewSynthetic(detectors.Config) detectors.Detector { return Synthetic{} }

// Name implements detectors.Detector.
func (Synthetic) Name() string { return SyntheticName }

// Applies implements detectors.Detector.
func (Synthetic) Applies(item *detectors.Item) bool { return len(item.Fields) > 0 }

// Detect implements detectors.Detector. The source type is read from XMP
// (Iptc4xmpExt:DigitalSourceType) and from C2PA action assertions that
// the C2PA extractor lists.
func (Synthetic) Detect(_ context.Context, item *detectors.Item) ([]detectors.Finding, error) {
	var out []detectors.Finding
	for _, f := range item.Fields {
		if !strings.HasSuffix(f.Name, ":DigitalSourceType") && f.Name != "c2pa:digitalSourceType" {
			continue
		}
		for _, v := range splitValues(f.Value) {
			code, ok := syntheticSourceType(v)
			if !ok {
				continue
			}
			s := signal{detectors.CategoryRights, KindSynthetic, detectors.SeverityMedium, 0.95, code, detectors.ActionReview}
			out = append(out, finding(SyntheticName, item, f.Name, v, s))
		}
	}
	return out, nil
}

// syntheticSourceType reads a source type written as a code or a
// vocabulary URI.
func syntheticSourceType(v string) (string, bool) {
	if i := strings.LastIndexAny(v, "/#"); i >= 0 {
		v = v[i+1:]
	}
	code, ok := syntheticSourceTypes[strings.ToLower(strings.TrimSpace(v))]
	return code, ok
}
