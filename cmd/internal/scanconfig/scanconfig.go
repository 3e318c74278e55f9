package scanconfig

import (
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/consignhq/consign/detectors"
	"github.com/consignhq/consign/detectors/pii"
	"github.com/consignhq/consign/detectors/rights"
	"github.com/consignhq/consign/manifest"
	"github.com/consignhq/consign/pipeline"
	"github.com/consignhq/consign/pipeline/extract"
)

// Choices are what the command line chose about a scan.
type Choices struct {
	Exclude     []string      // --exclude patterns
	Languages   []string      // --languages; empty: the profile's, else all
	Detectors   []string      // --detectors; empty: the profile's, else the default preset; "none" runs none
	ShowValues  bool          // --show-values
	FileTimeout time.Duration // --file-timeout; 0 waits forever
}

// Registry lists every detector consign has.
func Registry() (*detectors.Registry, error) {
	return detectors.NewRegistry(pii.All(), rights.All())
}

// Kinds lists every kind of finding consign's detectors report, the
// creator's own details ("self") included.
func Kinds() []string {
	return slices.Concat(pii.Kinds(), rights.Kinds(), []string{detectors.KindSelf})
}

// Options prepares a scan of dir as c and the profile p say. Detection is
// left nil: Detection builds it, and the caller adds the folder's key and
// ignore list. The errors are the user's to fix.
func Options(dir string, p *manifest.Profile, c Choices) (pipeline.Options, error) {
	exclude := pipeline.NewExcluder()
	if err := exclude.Add("--exclude", c.Exclude...); err != nil {
		return pipeline.Options{}, err
	}
	if err := exclude.Add(manifest.ProfileFile, p.Exclude...); err != nil {
		return pipeline.Options{}, fmt.Errorf("%w: %v", manifest.ErrBadProfile, err)
	}
	if err := p.CheckRedactionKinds(Kinds()); err != nil {
		return pipeline.Options{}, err
	}
	codes := c.Languages
	if len(codes) == 0 {
		codes = p.Languages
	}
	langs, err := extract.NewLanguageDetector(codes)
	switch {
	case err != nil && len(c.Languages) == 0:
		return pipeline.Options{}, p.ProblemAt("languages", err)
	case err != nil:
		return pipeline.Options{}, fmt.Errorf("--languages: %w", err)
	}
	timeout := c.FileTimeout
	switch {
	case timeout < 0:
		return pipeline.Options{}, fmt.Errorf("--file-timeout must not be negative")
	case timeout == 0:
		timeout = -1 // the pipeline's "no deadline"
	}
	return pipeline.Options{
		Root:        dir,
		FileTimeout: timeout,
		Exclude:     exclude,
		Extractors:  extract.Default(),
		Languages:   langs,
		CacheConfig: "languages=" + strings.Join(codes, ","),
	}, nil
}

// Detection builds the detect stage for a scan: the detectors chosen by
// c, else by the profile, else the default preset, with the creator's
// identity. root is the folder as a local absolute path, where detectors
// look for files beside the content (tdmrep.json, C2PA sidecars); "" when
// there is none. It returns nil when c chose no detectors; the caller
// sets Key and Ignore.
func Detection(root string, p *manifest.Profile, c Choices) (*pipeline.Detection, error) {
	if len(c.Detectors) == 1 && c.Detectors[0] == "none" {
		return nil, nil
	}
	if slices.Contains(c.Detectors, "none") {
		return nil, fmt.Errorf("--detectors %s: none runs no detector, so it cannot be given with others", strings.Join(c.Detectors, ","))
	}
	reg, err := Registry()
	if err != nil {
		return nil, err
	}
	list := c.Detectors
	if len(list) == 0 {
		list = p.Detectors
	}
	if len(list) == 0 {
		list = []string{detectors.PresetDefault}
	}
	names, err := reg.Resolve(list)
	switch {
	case err != nil && len(c.Detectors) == 0:
		return nil, p.ProblemAt("detectors", err)
	case err != nil:
		return nil, fmt.Errorf("--detectors: %w", err)
	}
	if p.PhoneRegion != "" {
		if err := pii.CheckPhoneRegion(p.PhoneRegion); err != nil {
			return nil, p.ProblemAt("phone_region", err)
		}
	}
	cfg := detectors.Config{
		Root:        root,
		Identity:    p.Identity(),
		PhoneRegion: strings.ToUpper(p.PhoneRegion),
		ShowValues:  c.ShowValues,
	}
	dets, err := reg.New(names, cfg)
	if err != nil {
		return nil, err
	}
	return &pipeline.Detection{
		Detectors:  dets,
		Identity:   cfg.Identity,
		ShowValues: c.ShowValues,
		Assess:     rights.NewAssessor(cfg).Assess,
	}, nil
}

// Version is consign's version: set, when the build set one with
// -ldflags "-X main.version=...", else the module version from the build
// info, else "devel".
func Version(set string) string {
	if set != "" {
		return set
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
