package rights

import (
	"strings"
)

// Creative Commons licences in the forms people write them: a deed or
// badge URL, the licence's name, or its short code. Each yields the SPDX
// id of the exact variant ("CC-BY-NC-SA-4.0"); a variant written without
// its version keeps no version ("CC-BY-NC").
var (
	ccURL = lazyRegexp(`(?i)(?:creativecommons\.org|licensebuttons\.net)/(licenses|l|publicdomain|p)/([a-z-]+)(?:/(\d\.\d))?`)
	// "Creative Commons Attribution-NonCommercial-ShareAlike 4.0"
	ccName = lazyRegexp(`(?i)creative\s+commons\s+(zero|cc0|attribution(?:[\s-]+(?:non-?commercial|no-?deriv(?:ative)?s?|no\s+derivative\s+works|share-?\s?alike))*)(?:[\s-]+(?:license|licence|international|generic|unported))*(?:[\s-]+v?(\d\.\d))?`)
	// "CC BY-NC-SA 4.0", "CC-BY-4.0", "CC0 1.0"
	ccShort = lazyRegexp(`\b(?:CC[\s-]?(BY(?:[\s-](?:NC|ND|SA))*)|(CC0))(?:[\s-]v?(\d\.\d))?\b`)
)

// ccAnchors start the Creative Commons forms ccFind reads.
var ccAnchors = []string{"creativecommons.org", "licensebuttons.net", "creative commons", "cc by", "cc-by", "ccby", "cc0"}

// ccCodeSpaces writes the spaces and tabs of a licence code as dashes
// ("BY NC" is "by-nc"): made once, as a Replacer builds its table on first
// use.
var ccCodeSpaces = strings.NewReplacer(" ", "-", "\t", "-")

// ccFind returns the span and SPDX id of the first Creative Commons
// licence in line, if any.
func ccFind(line []byte) (int, int, string) {
	type cand struct {
		s, e int
		id   string
	}
	var best *cand
	try := func(s, e int, id string) {
		if id != "" && (best == nil || s < best.s) {
			best = &cand{s, e, id}
		}
	}
	if m := ccURL().FindSubmatchIndex(line); m != nil {
		try(m[0], m[1], ccURLID(strings.ToLower(string(line[m[2]:m[3]])), strings.ToLower(string(line[m[4]:m[5]])), sub(line, m, 6)))
	}
	if m := ccName().FindSubmatchIndex(line); m != nil {
		try(m[0], m[1], ccNameID(strings.ToLower(string(line[m[2]:m[3]])), sub(line, m, 4)))
	}
	if m := ccShort().FindSubmatchIndex(line); m != nil {
		code := sub(line, m, 2)
		if code == "" {
			code = "zero"
		}
		try(m[0], m[1], ccCodeID(strings.ToLower(ccCodeSpaces.Replace(code)), sub(line, m, 6)))
	}
	if best == nil {
		return -1, -1, ""
	}
	return best.s, best.e, best.id
}

func sub(b []byte, m []int, i int) string {
	if m[i] < 0 {
		return ""
	}
	return string(b[m[i]:m[i+1]])
}

// ccURLID reads the kind of deed (licenses, publicdomain, or a badge's
// l and p) and its code.
func ccURLID(kind, code, version string) string {
	switch kind {
	case "publicdomain", "p":
		switch code {
		case "zero":
			return withVersion("CC0", version, "1.0")
		case "mark":
			return withVersion("LicenseRef-CC-PDM", version, "1.0")
		}
		return ""
	}
	return ccCodeID(code, version)
}

// ccNameID reads "attribution-noncommercial-sharealike" and the like.
func ccNameID(name, version string) string {
	if name == "zero" || name == "cc0" {
		return withVersion("CC0", version, "1.0")
	}
	code := "by"
	squashed := strings.NewReplacer("-", "", " ", "", "\t", "", "\n", "").Replace(name)
	if strings.Contains(squashed, "noncommercial") {
		code += "-nc"
	}
	if strings.Contains(squashed, "noderiv") {
		code += "-nd"
	}
	if strings.Contains(squashed, "sharealike") {
		code += "-sa"
	}
	return ccCodeID(code, version)
}

// ccCodeID turns a deed code ("by-nc-sa", "by-sa-nc") into its SPDX id,
// its parts in SPDX order.
func ccCodeID(code, version string) string {
	if code == "zero" {
		return withVersion("CC0", version, "1.0")
	}
	parts := strings.Split(code, "-")
	if parts[0] != "by" {
		return ""
	}
	var nc, nd, sa bool
	for _, p := range parts[1:] {
		switch p {
		case "nc":
			nc = true
		case "nd":
			nd = true
		case "sa":
			sa = true
		default:
			return ""
		}
	}
	if nd && sa {
		return ""
	}
	id := "CC-BY"
	if nc {
		id += "-NC"
	}
	if nd {
		id += "-ND"
	}
	if sa {
		id += "-SA"
	}
	return withVersion(id, version, "")
}

func withVersion(id, version, def string) string {
	if version == "" {
		version = def
	}
	if version == "" {
		return id
	}
	return id + "-" + version
}

// restrictsCommercial reports licences whose NonCommercial or
// NoDerivatives terms forbid selling the work for training.
func restrictsCommercial(id string) bool {
	return strings.Contains(id, "-NC") || strings.Contains(id, "-ND")
}
