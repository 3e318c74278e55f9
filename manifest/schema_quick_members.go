package manifest

import "encoding/binary"

// member is one of an object schema's properties as scanObject finds it:
// one lookup tells its schema, whether the object had it already, and
// which required names it is.
type member struct {
	name     string
	word     uint64 // name's first eight bytes (see firstWord)
	schema   *quickSchema
	bit      uint64 // its own bit among the properties
	required uint64 // the bits of the required entries that name it
}

// firstWord is the first eight bytes of name read little-endian, zero
// past its end: two names of the same length up to eight bytes are equal
// when their words are, which one comparison tells.
func firstWord[T string | []byte](name T) uint64 {
	var w uint64
	for i := min(len(name), 8) - 1; i >= 0; i-- {
		w = w<<8 | uint64(name[i])
	}
	return w
}

// keyWord is firstWord of a name, read in one load when its array holds
// eight bytes from its start (a name rawKey cut from a line is followed
// by the rest of the line) and masked to its length.
func keyWord(name []byte) uint64 {
	if n := len(name); n < 8 && cap(name) >= 8 {
		return binary.LittleEndian.Uint64(name[:8]) & (1<<(8*n) - 1)
	} else if n >= 8 {
		return binary.LittleEndian.Uint64(name)
	}
	return firstWord(name)
}

// memberIndex finds a property by its name's length and then its bytes:
// a record's few short names are told apart faster that way than by
// hashing each one, which was a fifth of the scan as a map lookup.
type memberIndex struct {
	byLen [][]member
}

func (x *memberIndex) find(name []byte) (*member, bool) {
	if len(name) >= len(x.byLen) {
		return nil, false
	}
	same := x.byLen[len(name)]
	w := keyWord(name)
	for i := range same {
		m := &same[i]
		if m.word == w && (len(name) <= 8 || m.name[8:] == string(name[8:])) {
			return m, true
		}
	}
	return nil, false
}

// indexMembers builds q.members, when q has at most 64 properties (an
// object schema with more is never sure in scanObject).
func (q *quickSchema) indexMembers() {
	if len(q.properties) == 0 || len(q.properties) > 64 {
		q.requiredOutside = len(q.required) > 0
		return
	}
	i := 0
	for name, s := range q.properties {
		for len(q.members.byLen) <= len(name) {
			q.members.byLen = append(q.members.byLen, nil)
		}
		m := member{name: name, word: firstWord(name), schema: s, bit: 1 << i}
		for j, r := range q.required {
			if r == name {
				m.required |= 1 << j
			}
		}
		q.members.byLen[len(name)] = append(q.members.byLen[len(name)], m)
		i++
	}
	for _, r := range q.required {
		if _, ok := q.properties[r]; !ok {
			q.requiredOutside = true
		}
	}
}

// memberNames are the names an object has shown so far: a few kept in
// place, many in a map.
type memberNames struct {
	few  [16][]byte
	n    int
	many map[string]bool
}

// add records name, reporting false when the object already had it.
func (m *memberNames) add(name []byte) bool {
	if m.many != nil {
		if m.many[string(name)] {
			return false
		}
		m.many[string(name)] = true
		return true
	}
	for _, seen := range m.few[:m.n] {
		if string(seen) == string(name) {
			return false
		}
	}
	if m.n < len(m.few) {
		m.few[m.n] = name
		m.n++
		return true
	}
	m.many = make(map[string]bool, 2*len(m.few))
	for _, seen := range m.few {
		m.many[string(seen)] = true
	}
	m.many[string(name)] = true
	return true
}

// nameVerdict checks a member name, as rawKey reads it (printable ASCII
// without escapes, so its bytes are the name), against propertyNames'
// schema q.
func (q *quickSchema) nameVerdict(name []byte) quickVerdict {
	lit := make([]byte, 0, len(name)+2)
	lit = append(append(append(lit, '"'), name...), '"')
	return q.scan(&jsonParser{data: lit}, 0)
}

// objectMembers is what a quick scan of one object keeps while it reads
// the object's members: which properties and other names it has seen, and
// which required ones are still missing. The whole-document scan and the
// stream scan share it.
type objectMembers struct {
	missing uint64      // the required names not seen yet, by index
	known   uint64      // the properties seen, by member.bit
	names   memberNames // those not in properties
}

func newObjectMembers(q *quickSchema) objectMembers {
	return objectMembers{missing: uint64(1)<<len(q.required) - 1}
}

// see notes the member name of an object of schema q: its property, if it
// is one, or quickUnsure for a name seen twice, or the verdict of q's
// propertyNames. keep says name's bytes may change later (a stream's
// window), so a name kept for the duplicate check is copied.
func (o *objectMembers) see(q *quickSchema, name []byte, keep bool) (*member, bool, quickVerdict) {
	if q.propertyNames != nil {
		if vd := q.propertyNames.nameVerdict(name); vd != quickValid {
			return nil, false, vd
		}
	}
	m, isProperty := q.members.find(name)
	if !isProperty && keep {
		name = []byte(string(name))
	}
	switch {
	case isProperty && o.known&m.bit != 0, !isProperty && !o.names.add(name):
		return nil, false, quickUnsure
	case isProperty:
		o.known |= m.bit
		o.missing &^= m.required
	case q.requiredOutside:
		for i, r := range q.required {
			if string(name) == r {
				o.missing &^= 1 << i
			}
		}
	}
	return m, isProperty, quickValid
}
