package manifest

import (
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
)

// asciiDFA is a schema pattern compiled to a deterministic automaton over
// ASCII bytes, for the patterns classPattern cannot take: an alternation
// searched anywhere in the text (a record's "not" on unsafe paths) or a
// repeated group (a finding's detector name). regexp runs those with its
// backtracker or its one-pass matcher, which were the largest cost of the
// quick scan once everything else was a byte loop. It answers exactly as
// regexp's Match does for text of ASCII bytes; the caller asks regexp for
// any other text.
type asciiDFA struct {
	next [][128]uint16 // state -> byte -> state
	// matched states have seen a match: the text matches whatever follows.
	matched []bool
	// atEnd states match if the text ends there ($ holds).
	atEnd []bool
}

// maxDFAStates bounds the automaton; a pattern that needs more is left to
// regexp.
const maxDFAStates = 256

// dfaBuilder turns a program's thread sets into states.
type dfaBuilder struct {
	prog  *syntax.Prog
	ids   map[string]uint16
	sets  [][]uint32
	dfa   *asciiDFA
	atEnd bool // an empty match at the end of any text after a byte
}

// compileASCIIDFA returns the automaton of re, or nil when re uses an
// assertion other than ^ and $ at the ends of the text, or needs too many
// states.
func compileASCIIDFA(re *regexp.Regexp) *asciiDFA {
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	prog, err := syntax.Compile(tree.Simplify())
	if err != nil {
		return nil
	}
	for _, in := range prog.Inst {
		if in.Op == syntax.InstEmptyWidth && syntax.EmptyOp(in.Arg)&^(syntax.EmptyBeginText|syntax.EmptyEndText) != 0 {
			return nil
		}
	}
	b := &dfaBuilder{prog: prog, ids: map[string]uint16{}, dfa: &asciiDFA{}}
	// Threads start at every position: regexp's Match searches the text.
	// Only the first position has ^; a text of no bytes goes to regexp.
	fresh := b.closure([]uint32{uint32(prog.Start)}, false, false)
	b.atEnd = b.endMatch(b.closure([]uint32{uint32(prog.Start)}, false, true))
	if _, ok := b.state(b.closure([]uint32{uint32(prog.Start)}, true, false)); !ok {
		return nil
	}
	for s := 0; s < len(b.sets); s++ {
		for c := range 128 {
			var moved []uint32
			for _, pc := range b.sets[s] {
				if in := &prog.Inst[pc]; consumes(in) && in.MatchRune(rune(c)) {
					moved = append(moved, in.Out)
				}
			}
			id, ok := b.state(union(b.closure(moved, false, false), fresh))
			if !ok {
				return nil
			}
			b.dfa.next[s][c] = id
		}
	}
	return b.dfa
}

func consumes(in *syntax.Inst) bool {
	switch in.Op {
	case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		return true
	}
	return false
}

// closure follows the instructions that consume nothing from pcs, with ^
// holding when begin is and $ when end is. It returns the instructions
// that consume a byte, the match instruction, and the $ assertions that
// did not hold (so that the end of the text can resume them), sorted.
func (b *dfaBuilder) closure(pcs []uint32, begin, end bool) []uint32 {
	seen := map[uint32]bool{}
	var out []uint32
	var walk func(pc uint32)
	walk = func(pc uint32) {
		if seen[pc] {
			return
		}
		seen[pc] = true
		in := &b.prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			walk(in.Out)
			walk(in.Arg)
		case syntax.InstNop, syntax.InstCapture:
			walk(in.Out)
		case syntax.InstEmptyWidth:
			op := syntax.EmptyOp(in.Arg)
			switch {
			case op&syntax.EmptyBeginText != 0 && !begin:
			case op&syntax.EmptyEndText != 0 && !end:
				out = append(out, pc) // resumed at the end of the text
			default:
				walk(in.Out)
			}
		case syntax.InstMatch:
			out = append(out, pc)
		case syntax.InstFail:
		default:
			out = append(out, pc)
		}
	}
	for _, pc := range pcs {
		walk(pc)
	}
	slices.Sort(out)
	return out
}

// endMatch reports whether a thread set matches once the text ends.
func (b *dfaBuilder) endMatch(set []uint32) bool {
	for _, pc := range set {
		in := &b.prog.Inst[pc]
		switch {
		case in.Op == syntax.InstMatch:
			return true
		case in.Op == syntax.InstEmptyWidth && syntax.EmptyOp(in.Arg)&syntax.EmptyBeginText == 0:
			if slices.ContainsFunc(b.closure([]uint32{in.Out}, false, true), func(pc uint32) bool {
				return b.prog.Inst[pc].Op == syntax.InstMatch
			}) {
				return true
			}
		}
	}
	return false
}

// state returns the id of a thread set, adding it when new; ok is false
// past maxDFAStates.
func (b *dfaBuilder) state(set []uint32) (id uint16, ok bool) {
	var key strings.Builder
	for _, pc := range set {
		key.WriteString(strconv.FormatUint(uint64(pc), 36))
		key.WriteByte(',')
	}
	if id, ok := b.ids[key.String()]; ok {
		return id, true
	}
	if len(b.sets) == maxDFAStates {
		return 0, false
	}
	id = uint16(len(b.sets))
	b.ids[key.String()] = id
	b.sets = append(b.sets, set)
	matched := slices.ContainsFunc(set, func(pc uint32) bool { return b.prog.Inst[pc].Op == syntax.InstMatch })
	b.dfa.next = append(b.dfa.next, [128]uint16{})
	b.dfa.matched = append(b.dfa.matched, matched)
	b.dfa.atEnd = append(b.dfa.atEnd, matched || b.atEnd || b.endMatch(set))
	return id, true
}

// union merges two sorted sets.
func union(a, b []uint32) []uint32 {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}

// match reports whether re matches s, as re.Match does: by the automaton
// when s is ASCII and not empty, by re otherwise.
func (d *asciiDFA) match(re *regexp.Regexp, s []byte) bool {
	if len(s) == 0 {
		return re.Match(s)
	}
	st := uint16(0)
	for _, c := range s {
		if c >= 128 {
			return re.Match(s)
		}
		if d.matched[st] {
			return true
		}
		st = d.next[st][c]
	}
	return d.atEnd[st]
}
