package manifest

import "fmt"

// quickLogic holds the keywords that combine subschemas over the whole
// value: anyOf, contains and if/then/else. Croissant's metadata uses each
// once, and a delegate for any of them made every verify load its schema
// through the library, which checks it against its metaschema first.
type quickLogic struct {
	anyOf            []*quickSchema
	contains         *quickSchema
	ifS, thenS, elsS *quickSchema
}

// setLogic compiles one of quickLogic's keywords, or reports false for any
// other.
func (qc *quickCompiler) setLogic(q *quickSchema, file, ptr, k string, v any) (bool, error) {
	var err error
	switch k {
	case "anyOf":
		list, ok := v.([]any)
		if !ok || len(list) == 0 {
			return true, fmt.Errorf("anyOf %v", v)
		}
		for i := range list {
			s, err := qc.at(file, fmt.Sprintf("%s/anyOf/%d", ptr, i))
			if err != nil {
				return true, err
			}
			q.logic().anyOf = append(q.logic().anyOf, s)
		}
	case "contains":
		q.logic().contains, err = qc.at(file, ptr+"/contains")
	case "if":
		q.logic().ifS, err = qc.at(file, ptr+"/if")
	case "then":
		q.logic().thenS, err = qc.at(file, ptr+"/then")
	case "else":
		q.logic().elsS, err = qc.at(file, ptr+"/else")
	default:
		return false, nil
	}
	return true, err
}

func (q *quickSchema) logic() *quickLogic {
	if q.combined == nil {
		q.combined = &quickLogic{}
	}
	return q.combined
}

// scanLogic checks value, a whole JSON value the scan has read, against
// the combining keywords. Only a valid verdict is taken from a scan of
// the bytes (a scan's quickInvalid on an object may be wrong: see scan):
// if's verdict, which picks then or else, comes from the decoded value.
func (l *quickLogic) scanLogic(value []byte, depth int) quickVerdict {
	valid := func(s *quickSchema) quickVerdict {
		return s.scan(&jsonParser{data: value}, depth)
	}
	if len(l.anyOf) > 0 {
		some := false
		for _, s := range l.anyOf {
			if valid(s) == quickValid {
				some = true
				break
			}
		}
		if !some {
			return quickUnsure
		}
	}
	if l.contains != nil {
		if value[0] != '[' {
			// contains holds of anything but an array.
		} else if vd := l.containsScan(value, depth); vd != quickValid {
			return vd
		}
	}
	if l.ifS != nil && (l.thenS != nil || l.elsS != nil) {
		v, err := decodeJSONValue(value)
		if err != nil {
			return quickUnsure
		}
		branch := l.elsS
		switch l.ifS.check(v) {
		case quickValid:
			branch = l.thenS
		case quickUnsure:
			return quickUnsure
		}
		if branch != nil {
			return valid(branch)
		}
	}
	return quickValid
}

// containsScan is quickValid when an item of the array value is surely
// valid against contains, and quickUnsure otherwise.
func (l *quickLogic) containsScan(value []byte, depth int) quickVerdict {
	p := jsonParser{data: value, pos: 1}
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		return quickUnsure
	}
	for {
		p.space()
		start := p.pos
		if !p.skip(depth + 1) {
			return quickUnsure
		}
		item := jsonParser{data: value[:p.pos], pos: start}
		if l.contains.scan(&item, depth+1) == quickValid {
			return quickValid
		}
		if done, ok := p.after(']'); done || !ok {
			return quickUnsure
		}
	}
}

// checkLogic is scanLogic for a decoded value, with check's exact
// verdicts.
func (l *quickLogic) checkLogic(v any) quickVerdict {
	result := quickValid
	note := func(vd quickVerdict) bool { // false: invalid
		if vd == quickUnsure {
			result = quickUnsure
		}
		return vd != quickInvalid
	}
	if len(l.anyOf) > 0 && !note(anyVerdict(l.anyOf, func(s *quickSchema) quickVerdict { return s.check(v) })) {
		return quickInvalid
	}
	if items, ok := v.([]any); ok && l.contains != nil {
		vd := quickInvalid
		for _, e := range items {
			switch l.contains.check(e) {
			case quickValid:
				vd = quickValid
			case quickUnsure:
				vd = quickUnsure
			}
			if vd == quickValid {
				break
			}
		}
		if !note(vd) {
			return quickInvalid
		}
	}
	if l.ifS != nil {
		branch := l.elsS
		switch l.ifS.check(v) {
		case quickValid:
			branch = l.thenS
		case quickUnsure:
			return quickUnsure
		}
		if branch != nil && !note(branch.check(v)) {
			return quickInvalid
		}
	}
	return result
}

// anyVerdict is quickValid when some schema's verdict is, quickInvalid
// when every one's is, and quickUnsure otherwise.
func anyVerdict(list []*quickSchema, verdict func(*quickSchema) quickVerdict) quickVerdict {
	result := quickInvalid
	for _, s := range list {
		switch verdict(s) {
		case quickValid:
			return quickValid
		case quickUnsure:
			result = quickUnsure
		}
	}
	return result
}
