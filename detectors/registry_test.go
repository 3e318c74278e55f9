package detectors

import (
	"slices"
	"strings"
	"testing"
)

func testRegistry(t *testing.T) *Registry {
	t.Helper()
	run := func(Config) Detector { return runDetector{} }
	r, err := NewRegistry([]Registration{
		{Name: "pii/card", New: run, Tier: TierMinimal},
		{Name: "pii/ip", New: run, Tier: TierDefault},
		{Name: "pii/mac", New: run, Tier: TierStrict},
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRegistryPresets(t *testing.T) {
	r := testRegistry(t)
	tests := []struct {
		preset string
		want   []string
	}{
		{PresetMinimal, []string{"pii/card"}},
		{PresetDefault, []string{"pii/card", "pii/ip"}},
		{PresetStrict, []string{"pii/card", "pii/ip", "pii/mac"}},
	}
	for _, tt := range tests {
		t.Run(tt.preset, func(t *testing.T) {
			got, err := r.Preset(tt.preset)
			if err != nil || !slices.Equal(got, tt.want) {
				t.Errorf("got %v, %v; want %v", got, err, tt.want)
			}
		})
	}
	if _, err := r.Preset("paranoid"); err == nil || !strings.Contains(err.Error(), "strict") {
		t.Errorf("unknown preset error should list presets: %v", err)
	}
}

func TestRegistryResolveAndNew(t *testing.T) {
	r := testRegistry(t)
	names, err := r.Resolve([]string{"pii/mac", "minimal", " pii/mac "})
	if err != nil || !slices.Equal(names, []string{"pii/card", "pii/mac"}) {
		t.Fatalf("got %v, %v", names, err)
	}
	dets, err := r.New(names, Config{})
	if err != nil || len(dets) != 2 || len(TextDetectors(dets)) != 2 {
		t.Fatalf("got %d detectors, %v", len(dets), err)
	}
	for _, bad := range [][]string{{"pii/emial"}, {"default", "nope"}} {
		if _, err := r.Resolve(bad); err == nil || !strings.Contains(err.Error(), "pii/card") {
			t.Errorf("Resolve(%v): error should name the known detectors: %v", bad, err)
		}
	}
	if _, err := r.New([]string{"pii/emial"}, Config{}); err == nil || !strings.Contains(err.Error(), `"pii/emial"`) {
		t.Errorf("New: %v", err)
	}
}

func TestRegistryRejectsBadRegistrations(t *testing.T) {
	run := func(Config) Detector { return runDetector{} }
	tests := []struct {
		name string
		regs []Registration
	}{
		{"duplicate", []Registration{{Name: "a", New: run}, {Name: "a", New: run}}},
		{"no name", []Registration{{New: run}}},
		{"no constructor", []Registration{{Name: "a"}}},
		{"bad tier", []Registration{{Name: "a", New: run, Tier: 7}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewRegistry(tt.regs); err == nil {
				t.Error("accepted")
			}
		})
	}
}

func TestSeverity(t *testing.T) {
	tests := []struct {
		sev, threshold string
		want           bool
	}{
		{SeverityHigh, SeverityLow, true},
		{SeverityMedium, SeverityMedium, true},
		{SeverityLow, SeverityMedium, false},
		{SeverityInfo, SeverityLow, false},
		{"bogus", SeverityInfo, false},
	}
	for _, tt := range tests {
		t.Run(tt.sev+">="+tt.threshold, func(t *testing.T) {
			if got := AtLeast(tt.sev, tt.threshold); got != tt.want {
				t.Errorf("got %v", got)
			}
		})
	}
	if _, err := ParseSeverity("urgent"); err == nil {
		t.Error("ParseSeverity accepted urgent")
	}
	if CompareSeverity(SeverityHigh, SeverityLow) <= 0 {
		t.Error("high should order after low")
	}
}

func TestSelfFilter(t *testing.T) {
	s := NewSelfFilter(Identity{
		Names:   []string{"Ada  Lovelace"},
		Handles: []string{"@adal"},
		Emails:  []string{"Ada@Example.org"},
		Phones:  []string{"+44 20 7946 0000"},
		Domains: []string{"ada.dev"},
	})
	tests := []struct {
		value string
		want  bool
	}{
		{"ada lovelace", true},
		{"ADAL", true},
		{"@adal", true},
		{"ada@example.org", true},
		{"hello@ada.dev", true},
		{"020 7946 0000", true},
		{"+442079460000", true},
		{"7946 0000", false},
		{"someone@example.org", false},
		{"Ada", false},
		{"+44 20 7946 0001", false},
		// Gravatar's hashes of the address, trimmed and in lower case.
		{"5bfcf2d8e394674550332640d72db509", true},
		{"5BFCF2D8E394674550332640D72DB509", true},
		{"cfe00dde46ef942601ffafb9e2825e802858b460e586b8305b344c1eb826357d", true},
		{"a70eaed09677478b42b11fc7a04f4c87", false},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			if got := s.IsSelf(tt.value); got != tt.want {
				t.Errorf("got %v", got)
			}
		})
	}
	var none *SelfFilter
	if none.IsSelf("ada lovelace") {
		t.Error("a nil filter matched")
	}
}
