package detectors

import (
	"fmt"
	"slices"
	"strings"
)

// Tier says which presets include a detector. Every preset includes the
// tiers below its own: minimal ⊂ default ⊂ strict.
type Tier int

const (
	// TierMinimal detectors are backed by a checksum or a strict syntax
	// (cards, IBANs, email addresses): they almost never misfire.
	TierMinimal Tier = iota
	// TierDefault detectors are precise enough to run on every scan.
	TierDefault
	// TierStrict detectors catch more at the cost of false positives.
	TierStrict
)

// Presets by name, for --detectors.
const (
	PresetMinimal = "minimal"
	PresetDefault = "default"
	PresetStrict  = "strict"
)

var presetTiers = map[string]Tier{
	PresetMinimal: TierMinimal,
	PresetDefault: TierDefault,
	PresetStrict:  TierStrict,
}

// Constructor builds a detector for one run.
type Constructor func(Config) Detector

// Registration is one named detector a package offers, for example one of
// the entries of pii.All().
type Registration struct {
	Name string // "pii/email"
	New  Constructor
	Tier Tier
}

// Registry maps detector names to constructors. It is built by the caller
// from the packages' registration lists, so nothing registers itself as a
// side effect of an import.
type Registry struct {
	byName map[string]Registration
}

// NewRegistry returns a registry holding regs. It fails on a duplicate or
// malformed registration, which is a programming error.
func NewRegistry(regs ...[]Registration) (*Registry, error) {
	r := &Registry{byName: make(map[string]Registration)}
	for _, list := range regs {
		for _, reg := range list {
			if err := r.Register(reg); err != nil {
				return nil, err
			}
		}
	}
	return r, nil
}

// Register adds one detector.
func (r *Registry) Register(reg Registration) error {
	if reg.Name == "" || reg.New == nil {
		return fmt.Errorf("register detector %q: name and constructor are required", reg.Name)
	}
	if reg.Tier < TierMinimal || reg.Tier > TierStrict {
		return fmt.Errorf("register detector %q: unknown tier %d", reg.Name, reg.Tier)
	}
	if _, dup := r.byName[reg.Name]; dup {
		return fmt.Errorf("register detector %q: already registered", reg.Name)
	}
	r.byName[reg.Name] = reg
	return nil
}

// Names lists every registered detector, sorted.
func (r *Registry) Names() []string {
	names := make([]string, 0, len(r.byName))
	for n := range r.byName {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// PresetNames lists the presets Preset accepts.
func PresetNames() []string {
	return []string{PresetMinimal, PresetDefault, PresetStrict}
}

// Preset lists, sorted, the detectors a preset runs.
func (r *Registry) Preset(name string) ([]string, error) {
	tier, ok := presetTiers[name]
	if !ok {
		return nil, fmt.Errorf("unknown detector preset %q (presets: %s)", name, strings.Join(PresetNames(), ", "))
	}
	var names []string
	for _, n := range r.Names() {
		if r.byName[n].Tier <= tier {
			names = append(names, n)
		}
	}
	return names, nil
}

// Resolve expands a --detectors list into detector names: each entry is a
// detector name or a preset name. Duplicates are dropped; the order is
// sorted so that the run does not depend on how the flag was written.
func (r *Registry) Resolve(list []string) ([]string, error) {
	seen := make(map[string]bool)
	for _, entry := range list {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		if _, isPreset := presetTiers[entry]; isPreset {
			names, _ := r.Preset(entry)
			for _, n := range names {
				seen[n] = true
			}
			continue
		}
		if _, ok := r.byName[entry]; !ok {
			return nil, r.unknown(entry)
		}
		seen[entry] = true
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	slices.Sort(names)
	return names, nil
}

// New builds the named detectors, in the order given.
func (r *Registry) New(names []string, cfg Config) ([]Detector, error) {
	dets := make([]Detector, 0, len(names))
	for _, n := range names {
		reg, ok := r.byName[n]
		if !ok {
			return nil, r.unknown(n)
		}
		dets = append(dets, reg.New(cfg))
	}
	return dets, nil
}

func (r *Registry) unknown(name string) error {
	return fmt.Errorf("unknown detector %q (known: %s; presets: %s)",
		name, strings.Join(r.Names(), ", "), strings.Join(PresetNames(), ", "))
}

// TextDetectors picks out the detectors that read text, which a
// TextScanner runs together in one pass.
func TextDetectors(dets []Detector) []TextDetector {
	var out []TextDetector
	for _, d := range dets {
		if td, ok := d.(TextDetector); ok {
			out = append(out, td)
		}
	}
	return out
}
