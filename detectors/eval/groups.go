package eval

import (
	"fmt"
	"slices"
)

// Group is a family of kinds reported together, with the precision and
// recall each of its kinds must reach when its detector runs.
type Group struct {
	Name  string
	Kinds []string
	// MinPR is the precision and recall every kind of the group must reach;
	// 0 means the group is reported but not gated.
	MinPR float64
}

// Groups are the kind families of the report, in print order.
var Groups = []Group{
	{"checksum", []string{"card", "iban", "ssn", "itin", "uk_nino", "uk_nhs", "ca_sin", "es_dni", "es_nie",
		"it_fiscal_code", "fr_nir", "de_tax_id", "in_aadhaar", "br_cpf"}, 0.97},
	{"contact", []string{"email", "phone", "ip"}, 0.95},
	{"names+addresses", []string{"person_name", "street_address", "postcode", "date_of_birth"}, 0},
	{"secrets", []string{"private_key", "jwt", "aws_access_key", "github_token", "slack_token", "stripe_key",
		"google_api_key", "openai_key", "password"}, 0},
	{"other", []string{"crypto_wallet", "mac", "social_handle"}, 0},
}

// MinAnyF2 is the F2 any PII must reach once every labelled kind has a
// detector.
const MinAnyF2 = 0.80

// kindDetectors names the detector that reports each kind consign has a
// detector for. A kind not listed here counts as covered once any finding
// of the run carries it, so detectors added later join the gates without
// an edit here.
var kindDetectors = map[string]string{
	"card": "pii/card", "email": "pii/email", "iban": "pii/iban", "ssn": "pii/ssn", "itin": "pii/ssn",
	"uk_nino": "pii/national_id", "uk_nhs": "pii/national_id", "ca_sin": "pii/national_id",
	"es_dni": "pii/national_id", "es_nie": "pii/national_id", "it_fiscal_code": "pii/national_id",
	"fr_nir": "pii/national_id", "de_tax_id": "pii/national_id", "in_aadhaar": "pii/national_id",
	"br_cpf": "pii/national_id", "phone": "pii/phone", "ip": "pii/ip", "crypto_wallet": "pii/crypto_wallet",
	"mac": "pii/mac", "social_handle": "pii/handle", "private_key": "secret/credentials", "jwt": "secret/credentials",
	"aws_access_key": "secret/credentials", "github_token": "secret/credentials",
	"slack_token": "secret/credentials", "stripe_key": "secret/credentials",
	"google_api_key": "secret/credentials", "openai_key": "secret/credentials",
	"password": "secret/credentials",
}

// Coverage says whether a kind's detector is registered and whether the
// run's preset ran it.
type Coverage struct {
	Detector   string // "" when unknown
	Registered bool
	InPreset   bool
}

// Cover reports the coverage of kind in run.
func (s *Score) Cover(run *Run, kind string) Coverage {
	name, known := kindDetectors[kind]
	if !known {
		seen := s.PredictedBy[kind]
		return Coverage{Registered: seen, InPreset: seen}
	}
	return Coverage{
		Detector:   name,
		Registered: slices.Contains(run.Registered, name),
		InPreset:   slices.Contains(run.Detectors, name),
	}
}

// Kinds lists every kind in the gold labels or the predictions: first the
// groups' kinds in order, then any others sorted.
func (s *Score) Kinds() []string {
	var out []string
	for _, g := range Groups {
		for _, k := range g.Kinds {
			if _, ok := s.ByKind[k]; ok {
				out = append(out, k)
			}
		}
	}
	var rest []string
	for k := range s.ByKind {
		if !slices.Contains(out, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// GroupCounts sums the counts of a group's kinds.
func (s *Score) GroupCounts(g Group) Counts {
	var c Counts
	for _, k := range g.Kinds {
		c.add(s.ByKind[k])
	}
	return c
}

// Failures lists the targets the run misses: the precision and recall of
// each gated kind whose detector ran, and the F2 of any PII once every
// labelled kind has a registered detector.
func (s *Score) Failures(run *Run) []string {
	var out []string
	for _, g := range Groups {
		if g.MinPR == 0 {
			continue
		}
		for _, k := range g.Kinds {
			c, ok := s.ByKind[k]
			if !ok || !s.Cover(run, k).InPreset {
				continue
			}
			if p, r := c.Precision(), c.Recall(); p < g.MinPR || r < g.MinPR {
				out = append(out, fmt.Sprintf("%s: precision %.3f, recall %.3f, want both >= %.2f", k, p, r, g.MinPR))
			}
		}
	}
	if s.AllCovered(run) && s.Any.F2() < MinAnyF2 {
		out = append(out, fmt.Sprintf("any PII: F2 %.3f, want >= %.2f", s.Any.F2(), MinAnyF2))
	}
	return out
}

// AllCovered reports whether every labelled kind has a registered detector.
func (s *Score) AllCovered(run *Run) bool {
	for k := range s.GoldKindSeen {
		if !s.Cover(run, k).Registered {
			return false
		}
	}
	return true
}
