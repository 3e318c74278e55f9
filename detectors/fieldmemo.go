package detectors

import "sync"

// Bounds of a FieldMemo: a value longer than maxRecalledValue (a
// description, an excerpt) seldom recurs, and past maxRecalledValues
// values the memo keeps what it has. Both bound its memory to a few MiB.
const (
	maxRecalledValue  = 512
	maxRecalledValues = 8192
)

// FieldMemo remembers what text detectors found in metadata values, for
// the files of one scan. A catalog repeats its camera, lens, software,
// owner and copyright notice in file after file, and the detectors read
// each such value once a scan rather than once a file; each file's
// fields still get findings of their own. A value is remembered under
// the names of the detectors that read it and what each reads of the
// item (FindKeyer), so a hit returns what Find would. It is safe for
// concurrent use; the zero value is not ready, use NewFieldMemo.
type FieldMemo struct {
	mu sync.RWMutex
	// sets maps a detector set's key to its values' candidates.
	sets map[string]map[string][]candidate
	n    int // values remembered
}

// NewFieldMemo returns an empty memo.
func NewFieldMemo() *FieldMemo {
	return &FieldMemo{sets: make(map[string]map[string][]candidate)}
}

// fieldRecall is a scanner's part of a FieldMemo: the values remembered
// for its detectors and its item.
type fieldRecall struct {
	m   *FieldMemo
	set map[string][]candidate
}

// recall returns the part of m for dets reading item, or nil when m is
// nil or one of dets does not say what it reads of an item.
func (m *FieldMemo) recall(dets []TextDetector, item *Item) *fieldRecall {
	if m == nil {
		return nil
	}
	var room [512]byte
	key := room[:0]
	for _, d := range dets {
		k, ok := d.(FindKeyer)
		if !ok {
			return nil
		}
		key = append(key, d.Name()...)
		key = append(key, '=')
		key = append(key, k.FindKey(item)...)
		key = append(key, 0)
	}
	m.mu.RLock()
	set := m.sets[string(key)]
	m.mu.RUnlock()
	if set == nil {
		m.mu.Lock()
		if set = m.sets[string(key)]; set == nil {
			set = make(map[string][]candidate)
			m.sets[string(key)] = set
		}
		m.mu.Unlock()
	}
	return &fieldRecall{m: m, set: set}
}

// get returns the candidates remembered for value; a nil recall
// remembers nothing.
func (r *fieldRecall) get(value []byte) ([]candidate, bool) {
	if r == nil {
		return nil, false
	}
	r.m.mu.RLock()
	c, ok := r.set[string(value)]
	r.m.mu.RUnlock()
	return c, ok
}

// put remembers c, which must not change afterwards, for value.
func (r *fieldRecall) put(value []byte, c []candidate) {
	if r == nil || len(value) > maxRecalledValue {
		return
	}
	r.m.mu.Lock()
	defer r.m.mu.Unlock()
	if _, ok := r.set[string(value)]; ok || r.m.n >= maxRecalledValues {
		return
	}
	r.set[string(value)] = c
	r.m.n++
}
