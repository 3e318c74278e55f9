package manifest

// member is one of an object schema's properties as scanObject finds it:
// one lookup tells its schema, whether the object had it already, and
// which required names it is.
type member struct {
	schema   *quickSchema
	bit      uint64 // its own bit among the properties
	required uint64 // the bits of the required entries that name it
}

// indexMembers builds q.members, when q has at most 64 properties (an
// object schema with more is never sure in scanObject).
func (q *quickSchema) indexMembers() {
	if len(q.properties) == 0 || len(q.properties) > 64 {
		q.requiredOutside = len(q.required) > 0
		return
	}
	q.members = make(map[string]member, len(q.properties))
	i := 0
	for name, s := range q.properties {
		q.members[name] = member{schema: s, bit: 1 << i}
		i++
	}
	for i, r := range q.required {
		m, ok := q.members[r]
		if !ok {
			q.requiredOutside = true
			continue
		}
		m.required |= 1 << i
		q.members[r] = m
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
