package rights

import (
	"context"
	"path"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// C2PAName names the Content Credentials detector.
const C2PAName = Prefix + "c2pa"

// C2PA reports C2PA Content Credentials, which the C2PA extractor finds
// inside media files and .c2pa sidecars (field c2pa:manifest), and the
// training-and-mining assertion they may carry (c2pa:c2pa.ai_training
// and the like). A sidecar beside a media file ("photo.c2pa" next to
// "photo.jpg") counts for the media file too, and so does a manifest
// store the file points to: a web page's <link rel="c2pa-manifest">, or
// the remote manifest URL C2PA writes to XMP dcterms:provenance.
type C2PA struct {
	root     string
	sidecars sidecarCache
}

var _ detectors.Detector = (*C2PA)(nil)

// NewC2PA returns the Content Credentials detector for the folder cfg.Root.
func NewC2PA(cfg detectors.Config) detectors.Detector { return &C2PA{root: cfg.Root} }

// Name implements detectors.Detector.
func (*C2PA) Name() string { return C2PAName }

// Applies implements detectors.Detector.
func (*C2PA) Applies(item *detectors.Item) bool { return true }

// Detect implements detectors.Detector.
func (d *C2PA) Detect(_ context.Context, item *detectors.Item) ([]detectors.Finding, error) {
	var out []detectors.Finding
	for _, f := range item.Fields {
		if where, ok := linkedManifests[f.Name]; ok {
			s := signal{detectors.CategoryRights, KindC2PA, detectors.SeverityInfo, 0.9, where, ""}
			out = append(out, finding(C2PAName, item, f.Name, f.Value, s))
			continue
		}
		name, ok := strings.CutPrefix(f.Name, "c2pa:")
		if !ok {
			continue
		}
		switch {
		case name == "manifest":
			s := signal{detectors.CategoryRights, KindC2PA, detectors.SeverityInfo, 1, f.Value, ""}
			out = append(out, finding(C2PAName, item, f.Name, f.Value, s))
		case strings.HasSuffix(name, "_training") || strings.HasSuffix(name, "_mining") || strings.HasSuffix(name, "_inference"):
			out = append(out, finding(C2PAName, item, f.Name, f.Value, c2paUseSignal(name, f.Value)))
		}
	}
	if sidecar := d.sidecar(item.Path); sidecar != "" {
		s := signal{detectors.CategoryRights, KindC2PA, detectors.SeverityInfo, 0.9, "sidecar " + path.Base(sidecar), ""}
		out = append(out, finding(C2PAName, item, "c2pa:sidecar", sidecar, s))
	}
	return out, nil
}

// linkedManifests are the fields that point to a manifest store kept
// outside the file, and the detail each finding gives for where it is.
var linkedManifests = map[string]string{
	"html:link:c2pa-manifest": "html link",
	"xmp:dcterms:provenance":  "xmp remote manifest",
}

// Version implements the pipeline's versioned detector: "2" reads the
// manifest stores a file links to, so cached findings are made again.
func (*C2PA) Version() string { return "2" }

// c2paUseSignal says what an entry's use asks: notAllowed excludes the
// file, constrained needs a look at the constraints.
func c2paUseSignal(entry, use string) signal {
	s := signal{detectors.CategoryRights, KindC2PATraining, detectors.SeverityInfo, 1, entry + "=" + use, ""}
	switch use {
	case "notAllowed":
		s.severity, s.action = detectors.SeverityHigh, detectors.ActionExclude
		if entry == "c2pa.ai_inference" || entry == "cawg.ai_inference" {
			s.severity, s.action = detectors.SeverityMedium, detectors.ActionReview
		}
	case "constrained":
		s.severity, s.action = detectors.SeverityMedium, detectors.ActionReview
	}
	return s
}
