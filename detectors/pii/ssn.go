package pii

import (
	"context"

	"github.com/consignhq/consign/detectors"
)

// SSNName names the US social security and taxpayer number detector.
const SSNName = "pii/ssn"

// ssnCues are words that say a nine-digit number is an SSN or an ITIN.
var ssnCues = cueSet{"ssn", "ssns", "social security", "soc sec", "soc. sec", "ss#", "ss no", "itin", "taxpayer id*", "tax id*", "tin"}

// Numbers that fit the SSN rules but were never issued to anyone: the
// Woolworth wallet card, the 1940s pamphlet, an advertising number, and
// the sequence every form shows.
var ssnNeverIssued = map[string]bool{
	"078051120": true,
	"219099999": true,
	"457555462": true,
	"123456789": true,
}

// How an SSN or ITIN is written, and how sure that writing makes us.
var ssnShapes = []struct {
	shape
	cue        bool // needs a context word nearby
	confidence float64
}{
	{shape{lens: []int{3, 2, 4}, seps: "-"}, false, 0.85},
	{shape{lens: []int{3, 2, 4}, seps: " "}, false, 0.65},
	{shape{lens: []int{3, 2, 4}, seps: "./"}, true, 0.8},
	{shape{lens: []int{9}}, true, 0.75},
}

// SSN finds US social security numbers (AAA-GG-SSSS) and individual
// taxpayer identification numbers (9XX-GG-SSSS with a group in 50-65,
// 70-88, 90-92 or 94-99). Both are unchecked nine-digit numbers, so the
// detector leans on the numbering rules and on how the number is written:
// separated by dashes or spaces, or next to a word like "SSN".
type SSN struct{}

var _ detectors.TextDetector = (*SSN)(nil)

// NewSSN returns the SSN and ITIN detector.
func NewSSN() *SSN { return &SSN{} }

// Name implements detectors.Detector.
func (*SSN) Name() string { return SSNName }

// Applies implements detectors.Detector: any text may hold a number.
func (*SSN) Applies(*detectors.Item) bool { return true }

// Detect implements detectors.Detector; the work happens in Find.
func (*SSN) Detect(context.Context, *detectors.Item) ([]detectors.Finding, error) {
	return nil, nil
}

// MaxLen implements detectors.TextDetector: the value and its context.
func (*SSN) MaxLen() int { return 11 + cueBefore + cueAfter }

// FindKey implements detectors.FindKeyer: Find reads nothing of the item.
func (*SSN) FindKey(*detectors.Item) string { return "" }

// Find implements detectors.TextDetector.
func (*SSN) Find(item *detectors.Item, b []byte) []detectors.Match {
	dg := digitsOf(item, b)
	var out []detectors.Match
	var r numRun
	var buf [16]byte
	for i := dg.next(0); i < len(b); i = dg.next(r.end()) {
		scanGroups(b, i, &r)
		if r.n == 1 && r.span[0][1]-i != 9 {
			continue
		}
		for k := 0; k < r.n; k++ {
			if m, ok := ssnAt(b, &r, k, buf[:0]); ok {
				out = append(out, m)
			}
		}
	}
	return out
}

// ssnAt checks for an SSN or ITIN made of the groups of r from k on.
func ssnAt(b []byte, r *numRun, k int, buf []byte) (detectors.Match, bool) {
	for _, sh := range ssnShapes {
		if !r.matches(b, k, sh.shape) {
			continue
		}
		d := r.digits(buf, b, k, len(sh.lens))
		kind := ssnKind(d)
		if kind == "" {
			return detectors.Match{}, false
		}
		s, e := r.span[k][0], r.span[k+len(sh.lens)-1][1]
		conf := sh.confidence
		if ssnCues.near(b, s, e) {
			conf = min(0.97, conf+0.15)
		} else if sh.cue || notIDLabeled(b, s) {
			return detectors.Match{}, false
		}
		return detectors.Match{
			Start: s, End: e, Value: string(d), Kind: kind,
			Severity: detectors.SeverityHigh, Confidence: conf,
		}, true
	}
	return detectors.Match{}, false
}

// ssnKind classifies nine digits as "ssn", "itin" or neither.
func ssnKind(d []byte) string {
	area, group, serial := string(d[:3]), string(d[3:5]), string(d[5:])
	if serial == "0000" || allSame(d) || ssnNeverIssued[string(d)] {
		return ""
	}
	if d[0] == '9' {
		g := int(d[3]-'0')*10 + int(d[4]-'0')
		switch {
		case g >= 50 && g <= 65, g >= 70 && g <= 88, g >= 90 && g <= 92, g >= 94:
			return "itin"
		}
		return ""
	}
	if area == "000" || area == "666" || group == "00" {
		return ""
	}
	return "ssn"
}
