package rights

import (
	"strings"
	"sync"

	"github.com/google/licensecheck"

	"github.com/consignhq/consign/detectors"
)

// LicenseName names the licence detector.
const LicenseName = Prefix + "license"

// spdxTag opens an SPDX licence line in source files and front matter.
const spdxTag = "spdx-license-identifier:"

// licenseTextAnchors are phrases that open or mark the licence texts
// licensecheck knows; only a window around one is handed to it.
var licenseTextAnchors = []string{
	"permission is hereby granted", "redistribution and use", "general public license",
	"apache license", "mozilla public license", "this is free and unencumbered",
	"attribution-noncommercial", "attribution-noderivatives", "attribution-sharealike",
	"attribution 4.0 international", "creative commons legal code",
	"the software is provided", "permission to use, copy, modify",
}

// licenseAnchors finds all three kinds of licence statement in one pass.
var licenseAnchors = newAnchorSet(append(append([]string{spdxTag}, ccAnchors...), licenseTextAnchors...)...)

// Bounds of the text handed to licensecheck around an anchor: licence
// headers and short licences fit, and the scan time stays bounded.
const (
	licenseBefore = 1 << 10
	licenseAfter  = 12 << 10
	maxSPDXLine   = 200
)

// License finds licences: SPDX-License-Identifier lines, Creative Commons
// deeds, badges, names and codes with their exact variant, and full
// licence texts and headers (by licensecheck). Non-commercial and
// no-derivatives licences are flagged as excluding the file from a sale;
// the others ask for the attribution they require.
type License struct{ textOnly }

var _ detectors.TextDetector = (*License)(nil)

// NewLicense returns the licence detector.
func NewLicense(detectors.Config) detectors.Detector { return &License{} }

// Name implements detectors.Detector.
func (*License) Name() string { return LicenseName }

// MaxLen implements detectors.TextDetector: a match covers a licence's
// opening, at most one licensecheck window.
func (*License) MaxLen() int { return licenseBefore + licenseAfter }

// Version implements the pipeline's versioned detector: "2" no longer
// reports a Creative Commons code inside an SPDX line a second time.
func (*License) Version() string { return "2" }

// Find implements detectors.TextDetector.
func (*License) Find(item *detectors.Item, chunk []byte) []detectors.Match {
	var out []detectors.Match
	var spdx [][2]int    // the spans of SPDX lines, whose codes are not read again as CC codes
	cc := map[int]bool{} // indices in out of CC matches
	lineDone, textDone := -1, -1
	for _, h := range licenseAnchors.hitsIn(item, chunk) {
		switch {
		case hasPrefixFold(chunk[h:], spdxTag):
			e := h + len(spdxTag)
			for e < len(chunk) && e-h < maxSPDXLine && chunk[e] != '\n' && chunk[e] != '\r' {
				e++
			}
			if id := spdxExpression(chunk[h+len(spdxTag) : e]); id != "" {
				out = append(out, licenseMatch(h, e, id, licensecheck.Unknown))
				spdx = append(spdx, [2]int{h, e})
			}
		case anyPrefixFold(chunk[h:], ccAnchors):
			if h < lineDone {
				continue
			}
			ls, le := lineAround(chunk, h, maxNoticeLine)
			lineDone = le
			if s, e, id := ccFind(chunk[ls:le]); id != "" {
				cc[len(out)] = true
				out = append(out, licenseMatch(ls+s, ls+e, id, licensecheck.Unknown))
			}
		default:
			if h < textDone {
				continue
			}
			var ms []detectors.Match
			ms, textDone = licenseText(chunk, h)
			out = append(out, ms...)
		}
	}
	if len(cc) == 0 || len(spdx) == 0 {
		return out
	}
	kept := out[:0]
	for i, m := range out {
		if !cc[i] || !insideAny(m, spdx) {
			kept = append(kept, m)
		}
	}
	return kept
}

// insideAny reports whether m lies within one of spans.
func insideAny(m detectors.Match, spans [][2]int) bool {
	for _, sp := range spans {
		if m.Start >= sp[0] && m.End <= sp[1] {
			return true
		}
	}
	return false
}

func anyPrefixFold(b []byte, words []string) bool {
	for _, w := range words {
		if hasPrefixFold(b, w) {
			return true
		}
	}
	return false
}

// scannedLicenses are the licences whose full texts and headers are
// looked for: those pasted into creators' files. licensecheck's whole set
// (over 500) takes seconds to compile; these take a fraction of one.
var scannedLicenses = strings.Fields(`MIT BSD-2-Clause BSD-3-Clause Apache-2.0 GPL-2.0 GPL-3.0
	LGPL-2.1 LGPL-3.0 AGPL-3.0 MPL-2.0 ISC Unlicense 0BSD Zlib BSL-1.0 EPL-2.0 CC0-1.0
	CC-BY-4.0 CC-BY-SA-4.0 CC-BY-NC-4.0 CC-BY-ND-4.0 CC-BY-NC-SA-4.0 CC-BY-NC-ND-4.0
	CC-BY-3.0 CC-BY-SA-3.0 CC-BY-NC-3.0 CC-BY-ND-3.0 CC-BY-NC-SA-3.0 CC-BY-NC-ND-3.0`)

var (
	licenseScannerOnce sync.Once
	licenseScanner     *licensecheck.Scanner
)

// textScanner compiles the licence scanner on first use; nil if the
// built-in texts do not compile, which a test rules out.
func textScanner() *licensecheck.Scanner {
	licenseScannerOnce.Do(func() {
		keep := make(map[string]bool, len(scannedLicenses))
		for _, id := range scannedLicenses {
			keep[id] = true
		}
		var ls []licensecheck.License
		for _, l := range licensecheck.BuiltinLicenses() {
			if keep[l.ID] {
				ls = append(ls, l)
			}
		}
		licenseScanner, _ = licensecheck.NewScanner(ls)
	})
	return licenseScanner
}

// licenseText runs licensecheck on the window around the licence phrase
// at h, and returns the end of the window.
func licenseText(chunk []byte, h int) ([]detectors.Match, int) {
	s := max(0, h-licenseBefore)
	end := min(len(chunk), h+licenseAfter)
	sc := textScanner()
	if sc == nil {
		return nil, end
	}
	var out []detectors.Match
	for _, m := range sc.Scan(chunk[s:end]).Match {
		if m.IsURL || m.ID == "" || m.Start < 0 || m.End > end-s || m.Start >= m.End {
			continue
		}
		out = append(out, licenseMatch(s+m.Start, s+m.End, m.ID, m.Type))
	}
	return out, end
}

// spdxExpression keeps a licence expression's id characters, or "".
func spdxExpression(b []byte) string {
	expr := strings.TrimSpace(string(b))
	expr = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(expr, "*/"), "-->"))
	if expr == "" || len(expr) > 120 {
		return ""
	}
	for _, r := range expr {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".-+:() ", r)
		if !ok {
			return ""
		}
	}
	return strings.Join(strings.Fields(expr), " ")
}

// licenseMatch says what a licence asks: non-commercial and
// no-derivatives licences exclude the file, public-domain dedications
// ask nothing, and the rest want attribution.
func licenseMatch(s, e int, id string, typ licensecheck.Type) detectors.Match {
	m := detectors.Match{
		Start: s, End: min(e, s+licenseBefore+licenseAfter),
		Value: id, Category: detectors.CategoryRights, Kind: KindLicense,
		Severity: detectors.SeverityLow, Confidence: 0.9, Detail: id,
	}
	switch {
	case restrictsCommercial(id) || typ&licensecheck.NonCommercial != 0:
		m.Severity = detectors.SeverityHigh
	case id == "CC0-1.0" || strings.HasPrefix(id, "LicenseRef-CC-PDM") || id == "Unlicense" || typ&licensecheck.Unrestricted != 0:
		m.Severity = detectors.SeverityInfo
	case typ&licensecheck.Discouraged != 0:
		m.Severity = detectors.SeverityMedium
	}
	m.Action = licenseAction(m.Severity)
	return m
}

// licenseAction is the action the finding of a licence asks for, by the
// severity licenseMatch gave it.
func licenseAction(severity string) string {
	switch severity {
	case detectors.SeverityHigh:
		return detectors.ActionExclude
	case detectors.SeverityMedium:
		return detectors.ActionReview
	case detectors.SeverityLow:
		return detectors.ActionAttribute
	}
	return ""
}
