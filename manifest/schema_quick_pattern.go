package manifest

import (
	"regexp"
	"regexp/syntax"
)

// classPattern matches the anchored patterns the record schemas use most
// ("^[0-9a-f]{64}$", "^[a-z][a-z0-9_]*$", "^[a-z]{2,3}$"): a run of ASCII
// character classes, each repeated between min and max times. Matched a
// byte at a time it takes a tenth of regexp's time, which was the largest
// cost of checking records once decoding them no longer was. Only
// patterns that it matches exactly as regexp does get one: each variable
// run's class is disjoint from every run that could start where it
// stops, so that taking as many bytes as a run allows never takes one a
// later run needed.
type classPattern struct {
	runs []classRun
	end  bool // anchored at the end of the text ("$")
}

type classRun struct {
	class [2]uint64 // which ASCII bytes are in the class
	// in is class by byte: one load tells a byte, where testing its bit
	// took a comparison, two shifts and a mask for every byte of every
	// checksum and id in a bundle's metadata.
	in       [256]bool
	min, max int // max -1: unbounded
}

// compileClassPattern returns the class form of a regular expression, or
// nil when it has another shape.
func compileClassPattern(re *regexp.Regexp) *classPattern {
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	if tree.Op != syntax.OpConcat || len(tree.Sub) < 2 || tree.Sub[0].Op != syntax.OpBeginText {
		return nil
	}
	subs := tree.Sub[1:]
	cp := &classPattern{}
	if last := subs[len(subs)-1]; last.Op == syntax.OpEndText {
		cp.end, subs = true, subs[:len(subs)-1]
	}
	for _, s := range subs {
		switch s.Op {
		case syntax.OpLiteral:
			if s.Flags&syntax.FoldCase != 0 {
				return nil
			}
			for _, r := range s.Rune {
				run, ok := runeClass(r, r)
				if !ok {
					return nil
				}
				cp.runs = append(cp.runs, run)
			}
			continue
		case syntax.OpCharClass:
			run, ok := runeClass(s.Rune...)
			if !ok {
				return nil
			}
			cp.runs = append(cp.runs, run)
			continue
		case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		default:
			return nil
		}
		if s.Sub[0].Op != syntax.OpCharClass && s.Sub[0].Op != syntax.OpLiteral || s.Sub[0].Flags&syntax.FoldCase != 0 ||
			s.Sub[0].Op == syntax.OpLiteral && len(s.Sub[0].Rune) != 1 {
			return nil
		}
		rs := s.Sub[0].Rune
		if s.Sub[0].Op == syntax.OpLiteral {
			rs = []rune{rs[0], rs[0]}
		}
		run, ok := runeClass(rs...)
		if !ok {
			return nil
		}
		switch s.Op {
		case syntax.OpStar:
			run.min, run.max = 0, -1
		case syntax.OpPlus:
			run.min, run.max = 1, -1
		case syntax.OpQuest:
			run.min, run.max = 0, 1
		case syntax.OpRepeat:
			run.min, run.max = s.Min, s.Max
		}
		cp.runs = append(cp.runs, run)
	}
	for i, r := range cp.runs {
		if r.min == r.max {
			continue
		}
		// Every run that could start where this one stops must be disjoint.
		for _, next := range cp.runs[i+1:] {
			if r.class[0]&next.class[0] != 0 || r.class[1]&next.class[1] != 0 {
				return nil
			}
			if next.min > 0 {
				break
			}
		}
	}
	return cp
}

// runeClass builds a run of one from a class's range pairs, if they are
// all ASCII.
func runeClass(pairs ...rune) (classRun, bool) {
	run := classRun{min: 1, max: 1}
	for i := 0; i+1 < len(pairs); i += 2 {
		lo, hi := pairs[i], pairs[i+1]
		if lo < 0 || hi >= 128 || lo > hi {
			return run, false
		}
		for r := lo; r <= hi; r++ {
			run.class[r>>6] |= 1 << (r & 63)
			run.in[r] = true
		}
	}
	return run, len(pairs) > 0 && len(pairs)%2 == 0
}

// match reports whether s matches, as regexp's Match does.
func (cp *classPattern) match(s []byte) bool {
	pos := 0
	for i := range cp.runs {
		r := &cp.runs[i]
		end := len(s)
		if r.max >= 0 && r.max < end-pos {
			end = pos + r.max
		}
		start := pos
		for pos < end && r.in[s[pos]] {
			pos++
		}
		if pos-start < r.min {
			return false
		}
	}
	return !cp.end || pos == len(s)
}
