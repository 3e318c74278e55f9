package manifest

import "bytes"

// topMembers notes, while a quick scan reads a JSON Lines record, where
// the values of a few of its top-level members start. verify compares
// them with the payload; taking them from the scan that validates the
// line, rather than parsing every line of files.jsonl and findings.jsonl
// a second time, spares a tenth of its time on a bundle of many files.
type topMembers struct {
	keys []string
	at   []int // where each key's value starts in the line; -1: absent
	seen bool  // the scan read the members of the top-level object
	// folded says a member's name equals a key's only when case is
	// ignored: json.Unmarshal might take that member's value.
	folded bool
}

// reset readies t for a line, looking for keys.
func (t *topMembers) reset(keys []string) {
	t.keys, t.at = keys, t.at[:0]
	for range keys {
		t.at = append(t.at, -1)
	}
	t.seen, t.folded = false, false
}

// note is called with each member name of the top-level object and the
// offset of its value.
func (t *topMembers) note(name []byte, at int) {
	for i, k := range t.keys {
		switch {
		case len(name) != len(k):
		case name[0]|0x20 != k[0]|0x20:
			// An ASCII name (rawKey's) folds to a key only letter by
			// letter: most names are told apart by their first.
		case string(name) == k:
			t.at[i] = at
		case bytes.EqualFold(name, []byte(k)):
			t.folded = true
		}
	}
}

// values fills dst with the noted members' values as decodeTop reads
// them from line (empty for one that is absent), and reports false when
// the scan did not settle them: it did not read the object's members, a
// name folds to a key's, or a value is not a string. A value without
// escapes is a slice of line: a bundle of many files has hundreds of
// thousands of them.
func (t *topMembers) values(line []byte, dst [][]byte) bool {
	if !t.seen || t.folded {
		return false
	}
	for i, at := range t.at {
		if at < 0 {
			dst[i] = nil
			continue
		}
		if at >= len(line) || line[at] != '"' {
			return false
		}
		p := jsonParser{data: line, pos: at}
		lit, plain, err := p.strLit()
		switch {
		case err != nil:
			return false
		case plain:
			dst[i] = lit[1 : len(lit)-1]
			continue
		}
		p.pos = at
		s, err := p.str()
		if err != nil {
			return false
		}
		dst[i] = []byte(s)
	}
	return true
}

// lineHeads names the top-level members of each line of a JSON Lines
// file that its content check compares, read while the lines are checked
// against their schema.
type lineHeads struct {
	keys []string
	// decode reads them from a line the quick scan did not settle, as
	// decodeTop does, in the order of keys.
	decode func(line []byte) ([]string, error)
	// refuse, when set, is a content check of one line's values alone,
	// made as each line is read: made once the whole file was, it found
	// the values of a large file long gone from the CPU's caches.
	refuse func(vals [][]byte) bool
}

// lineHead is what one line holds of lineHeads.
type lineHead struct {
	n       int // the line's number; 0 for a blank line, which is skipped
	vals    [][]byte
	err     error
	refused bool // refuse said so of vals (read without an error)
}

// read fills head for line n (a blank one stays zero). top holds what the
// quick scan noted of the line, when it accepted the line.
func (h *lineHeads) read(head *lineHead, n int, line []byte, top *topMembers, vals [][]byte) {
	trimmed := bytes.TrimSpace(line)
	if len(trimmed) == 0 {
		return
	}
	head.n = n
	if top != nil && top.values(line, vals) {
		head.vals = vals
	} else {
		decoded, err := h.decode(trimmed)
		for i, v := range decoded {
			vals[i] = []byte(v)
		}
		head.vals, head.err = vals, err
	}
	head.refused = head.err == nil && h.refuse != nil && h.refuse(head.vals)
}
