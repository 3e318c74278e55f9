package detectors

// chunkMemo holds what text detectors computed on the chunk a TextScanner
// is handing them, so that detectors making the same pass over it (every
// keyword of a package, say) make it once.
type chunkMemo struct {
	chunk []byte // compared by identity: the scanner's buffer as handed out
	// vals are the results by key. A handful of keys exist (one a shared
	// pass), and a scan begins a memo for every metadata field of every
	// file: a short list searched in order costs less than a map.
	vals []memoEntry
}

type memoEntry struct {
	key, val any
}

// begin starts the memo over for chunk.
func (m *chunkMemo) begin(chunk []byte) {
	m.chunk = chunk
	clear(m.vals) // drop the results for the collector
	m.vals = m.vals[:0]
}

// Shared returns compute(chunk), computed once per chunk a TextScanner
// hands its detectors and shared by all that ask under the same key (a
// comparable value of a type the caller owns). Outside a scan, or for
// bytes other than the chunk being scanned, it computes every time. The
// result must not keep chunk, and callers must not modify it.
func Shared[T any](item *Item, key any, chunk []byte, compute func([]byte) T) T {
	m := item.memo
	if m == nil || len(chunk) == 0 || len(chunk) != len(m.chunk) || &chunk[0] != &m.chunk[0] {
		return compute(chunk)
	}
	for _, e := range m.vals {
		if e.key == key {
			return e.val.(T)
		}
	}
	v := compute(chunk)
	m.vals = append(m.vals, memoEntry{key, v})
	return v
}
