package pipeline

import (
	"bytes"
	"sync"
	"sync/atomic"
)

// names keeps one copy of each of the short strings that recur in every
// cached line: a record's kind, a finding's detector, category, kind,
// severity and status. A JSON Lines rescan decodes them for every file
// (see decodeLinesOnly): allocating each anew was seven in ten of that
// decoding's allocations. The set is read without a lock: it is replaced
// whole, rarely, when a name is added.
type names struct {
	set atomic.Pointer[map[string]string]
	mu  sync.Mutex // serialises additions
}

// maxNames bounds the set: the detectors have a few dozen names, kinds
// and severities among them; past the bound a name is simply allocated.
const maxNames = 256

// maxNameLen is the longest string kept: names are short.
const maxNameLen = 64

// shortNames is the set decodeLinesOnly uses.
var shortNames names

// value is stringValue for a raw JSON string value that is likely one of
// the names.
func (n *names) value(raw []byte) (string, error) {
	if len(raw) < 2 || raw[0] != '"' || bytes.IndexByte(raw, '\\') >= 0 {
		return stringValue(raw)
	}
	return n.get(raw[1 : len(raw)-1]), nil
}

// get returns b as a string, the kept copy when there is one.
func (n *names) get(b []byte) string {
	if set := n.set.Load(); set != nil {
		if s, ok := (*set)[string(b)]; ok {
			return s
		}
	}
	s := string(b)
	if len(s) > maxNameLen {
		return s // not a name
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	old := map[string]string{}
	if set := n.set.Load(); set != nil {
		old = *set
	}
	if len(old) >= maxNames {
		return s
	}
	set := make(map[string]string, len(old)+1)
	for k, v := range old {
		set[k] = v
	}
	set[s] = s
	n.set.Store(&set)
	return s
}
