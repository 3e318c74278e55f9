package eval

import (
	"cmp"
	"slices"
)

// MinIoU is the character overlap (intersection over union) a predicted
// span needs with a gold span to count as finding it.
const MinIoU = 0.9

// AnyKind names the overall row, where a predicted span of any kind
// matches a gold span of any kind.
const AnyKind = "any"

// Counts are the outcomes of matching for one kind.
type Counts struct {
	Gold, TP, FP, FN int
}

// Precision is TP/(TP+FP), and 1 when nothing was predicted: a detector
// that claims nothing claims nothing wrong.
func (c Counts) Precision() float64 {
	if c.TP+c.FP == 0 {
		return 1
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

// Recall is TP/gold, and 1 when there is nothing to find.
func (c Counts) Recall() float64 {
	if c.Gold == 0 {
		return 1
	}
	return float64(c.TP) / float64(c.Gold)
}

// F2 weighs recall twice as much as precision: a missed phone number
// leaks, a false alarm costs a creator one look.
func (c Counts) F2() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 5 * p * r / (4*p + r)
}

func (c *Counts) add(o Counts) {
	c.Gold += o.Gold
	c.TP += o.TP
	c.FP += o.FP
	c.FN += o.FN
}

// Error is one miss or false positive, for the report.
type Error struct {
	Example string
	Kind    string
	Value   string // the span's text: fixture data, safe to print
}

// Score is a run matched against the gold labels.
type Score struct {
	ByKind map[string]Counts
	// Any matches spans regardless of kind, with repeated predictions of
	// the same span counted once.
	Any          Counts
	Misses, FPs  []Error
	PredictedBy  map[string]bool // kinds some prediction carried
	GoldKindSeen map[string]bool
}

// Evaluate matches each example's predictions to its gold spans, kind by
// kind and then for any PII.
func Evaluate(examples []Example, run *Run) *Score {
	s := &Score{ByKind: make(map[string]Counts), PredictedBy: make(map[string]bool), GoldKindSeen: make(map[string]bool)}
	for _, ex := range examples {
		pred := run.Predicted[ex.ID]
		kinds := make(map[string]bool)
		for _, g := range ex.Spans {
			kinds[g.Kind] = true
			s.GoldKindSeen[g.Kind] = true
		}
		for _, p := range pred {
			kinds[p.Kind] = true
			s.PredictedBy[p.Kind] = true
		}
		for kind := range kinds {
			gold, got := ofKind(ex.Spans, kind), ofKind(pred, kind)
			gm, pm := match(ex.Text, gold, got)
			c := Counts{Gold: len(gold)}
			for i, g := range gold {
				if gm[i] {
					c.TP++
				} else {
					c.FN++
					s.Misses = append(s.Misses, Error{ex.ID, kind, ex.Text[g.Start:g.End]})
				}
			}
			for i, p := range got {
				if !pm[i] {
					c.FP++
					s.FPs = append(s.FPs, Error{ex.ID, kind, ex.Text[p.Start:p.End]})
				}
			}
			k := s.ByKind[kind]
			k.add(c)
			s.ByKind[kind] = k
		}
		gm, pm := match(ex.Text, ex.Spans, distinct(pred))
		c := Counts{Gold: len(ex.Spans)}
		for _, ok := range gm {
			if ok {
				c.TP++
			} else {
				c.FN++
			}
		}
		for _, ok := range pm {
			if !ok {
				c.FP++
			}
		}
		s.Any.add(c)
	}
	order := func(a, b Error) int {
		if a.Kind != b.Kind {
			return cmp.Compare(a.Kind, b.Kind)
		}
		return cmp.Compare(a.Example, b.Example)
	}
	slices.SortStableFunc(s.Misses, order)
	slices.SortStableFunc(s.FPs, order)
	return s
}

func ofKind(spans []Span, kind string) []Span {
	var out []Span
	for _, s := range spans {
		if s.Kind == kind {
			out = append(out, s)
		}
	}
	return out
}

// distinct drops predictions of a span already predicted by another
// detector, so that two detectors agreeing on a value is one finding.
func distinct(spans []Span) []Span {
	var out []Span
	for _, s := range spans {
		if !slices.ContainsFunc(out, func(o Span) bool { return o.Start == s.Start && o.End == s.End }) {
			out = append(out, s)
		}
	}
	return out
}

// match pairs gold and predicted spans one to one, best overlap first,
// among pairs whose character IoU reaches MinIoU. It reports which gold
// and which predicted spans found a partner.
func match(text string, gold, pred []Span) (goldMatched, predMatched []bool) {
	type pair struct {
		g, p int
		iou  float64
	}
	var pairs []pair
	for i, g := range gold {
		for j, p := range pred {
			if v := IoU(text, g, p); v >= MinIoU {
				pairs = append(pairs, pair{i, j, v})
			}
		}
	}
	slices.SortStableFunc(pairs, func(a, b pair) int { return cmp.Compare(b.iou, a.iou) })
	goldMatched, predMatched = make([]bool, len(gold)), make([]bool, len(pred))
	for _, pr := range pairs {
		if !goldMatched[pr.g] && !predMatched[pr.p] {
			goldMatched[pr.g], predMatched[pr.p] = true, true
		}
	}
	return goldMatched, predMatched
}

// IoU is the intersection over union of two spans of text, counted in
// characters rather than bytes.
func IoU(text string, a, b Span) float64 {
	as, ae := runeOffsets(text, a)
	bs, be := runeOffsets(text, b)
	inter := min(ae, be) - max(as, bs)
	if inter <= 0 {
		return 0
	}
	union := max(ae, be) - min(as, bs)
	return float64(inter) / float64(union)
}
