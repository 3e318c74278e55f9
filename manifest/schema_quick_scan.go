package manifest

import "unicode/utf8"

// scanDocument gives the quick verdict on a whole JSON document straight
// from its bytes, without building its values: the content profile of a
// large bundle is 15 MB of JSON, and its decoded tree was most of verify's
// memory and, with the garbage it made, much of its time. quickValid is
// exact: the document is JSON the general decoder reads to values the
// schema accepts. Any other verdict means the caller must decode the
// document and ask the general validator.
func (q *quickSchema) scanDocument(data []byte) quickVerdict {
	p := jsonParser{data: data}
	p.space()
	if vd := q.scan(&p, 0); vd != quickValid {
		return vd
	}
	if !p.end() {
		return quickUnsure
	}
	return quickValid
}

// scan checks the value at p.pos (after any space) and steps over it; on
// any verdict but quickValid, p.pos is left anywhere. Its verdicts on a
// string, number, boolean or null are check's. On an object or array,
// quickInvalid may be wrong: the scan stops at the first member that
// fails, and a later member with the same name would replace it when
// decoded.
func (q *quickSchema) scan(p *jsonParser, depth int) quickVerdict {
	if depth > maxJSONDepth || p.pos >= len(p.data) {
		return quickUnsure
	}
	start := p.pos
	rest := q.applied
	var vd quickVerdict
	switch {
	case q.delegate:
		vd = q.scanGeneral(p, depth)
	case q.hasOwn:
		vd = q.scanOwn(p, depth)
	case len(rest) > 0: // a bare $ref or allOf reads the value itself
		vd, rest = rest[0].scan(p, depth), rest[1:]
	case p.skip(depth):
		vd = quickValid
	default:
		vd = quickUnsure
	}
	if vd != quickValid {
		return vd
	}
	end := p.pos
	for _, s := range rest {
		again := jsonParser{data: p.data[:end], pos: start}
		if vd := s.scan(&again, depth); vd != quickValid {
			return vd
		}
	}
	if q.combined != nil {
		if vd := q.combined.scanLogic(p.data[start:end], depth); vd != quickValid {
			return vd
		}
	}
	if q.not != nil {
		return q.scanNot(p.data[start:end], depth)
	}
	return quickValid
}

// scanNot inverts the verdict of not's subschema, which must be exact: a
// scalar's scan verdict is, an object or array is decoded and checked.
func (q *quickSchema) scanNot(value []byte, depth int) quickVerdict {
	var vd quickVerdict
	if c := value[0]; c != '{' && c != '[' {
		vd = q.not.scan(&jsonParser{data: value}, depth)
	} else if v, err := decodeJSONValue(value); err == nil {
		vd = q.not.check(v)
	} else {
		return quickUnsure
	}
	switch vd {
	case quickValid:
		return quickInvalid
	case quickInvalid:
		return quickValid
	}
	return quickUnsure
}

// scanGeneral decodes the value at p.pos, a small part of the document,
// for the general validator.
func (q *quickSchema) scanGeneral(p *jsonParser, depth int) quickVerdict {
	start := p.pos
	if !p.skip(depth) {
		return quickUnsure
	}
	v, err := decodeJSONValue(p.data[start:p.pos])
	if err != nil {
		return quickUnsure
	}
	return q.checkGeneral(v)
}

// scanOwn checks the schema's own keywords, in check's order: type, enum,
// then those of the value's kind.
func (q *quickSchema) scanOwn(p *jsonParser, depth int) quickVerdict {
	switch c := p.data[p.pos]; {
	case c == '"':
		return q.scanString(p)
	case c == '-' || c >= '0' && c <= '9':
		lit, err := p.numberLit()
		if err != nil {
			return quickUnsure
		}
		return q.checkNumber(lit)
	case c == '{':
		if vd := q.isType("object"); vd != quickValid || q.hasEnum || q.constNumber != nil {
			return orInvalid(vd)
		}
		return q.scanObject(p, depth)
	case c == '[':
		if vd := q.isType("array"); vd != quickValid || q.hasEnum || q.constNumber != nil {
			return orInvalid(vd)
		}
		return q.scanArray(p, depth)
	case c == 't' || c == 'f' || c == 'n':
		word, kind := "null", "null"
		switch c {
		case 't':
			word, kind = "true", "boolean"
		case 'f':
			word, kind = "false", "boolean"
		}
		if p.literal(word) != nil {
			return quickUnsure
		}
		if vd := q.isType(kind); vd != quickValid || q.hasEnum || q.constNumber != nil {
			return orInvalid(vd)
		}
		return quickValid
	}
	return quickUnsure
}

// orInvalid is vd, or quickInvalid for a value of the right type that an
// all-strings enum, or a number const, refuses.
func orInvalid(vd quickVerdict) quickVerdict {
	if vd == quickValid {
		return quickInvalid
	}
	return vd
}

// isType matches a value of a JSON kind other than number against the
// schema's types.
func (q *quickSchema) isType(kind string) quickVerdict {
	if len(q.types) == 0 {
		return quickValid
	}
	for _, t := range q.types {
		if t == kind {
			return quickValid
		}
	}
	return quickInvalid
}

func (q *quickSchema) scanString(p *jsonParser) quickVerdict {
	lit, plain, err := p.strLit()
	if err != nil {
		return quickUnsure
	}
	s := lit[1 : len(lit)-1]
	if !plain { // escapes or bad UTF-8: rare, decoded as the decoder does
		p.pos -= len(lit)
		v, err := p.str()
		if err != nil {
			return quickUnsure
		}
		s = []byte(v)
	}
	if vd := q.isType("string"); vd != quickValid {
		return vd
	}
	if q.constNumber != nil {
		return quickInvalid
	}
	if q.hasEnum && !q.inEnum(s) {
		return quickInvalid
	}
	// A rune is at most four bytes (an invalid byte counts as one): a
	// string that long need not be counted.
	if q.minLength >= 0 && len(s) < 4*q.minLength && utf8.RuneCount(s) < q.minLength {
		return quickInvalid
	}
	switch {
	case q.classes != nil:
		if !q.classes.match(s) {
			return quickInvalid
		}
	case q.dfa != nil:
		if !q.dfa.match(q.pattern, s) {
			return quickInvalid
		}
	case q.pattern != nil && !q.pattern.Match(s):
		return quickInvalid
	}
	if q.format != nil {
		return q.formatVerdict(string(s))
	}
	return quickValid
}

// isConstNumber compares a number's literal with the schema's number
// const, as JSON Schema does, by value: 1.0 is 1. A literal exactFloat
// cannot read exactly (an exponent, too many digits) is left to the
// general validator.
func (q *quickSchema) isConstNumber(lit []byte) quickVerdict {
	f, exact := exactFloat(lit)
	switch {
	case !exact:
		return quickUnsure
	case f != *q.constNumber:
		return quickInvalid
	}
	return quickValid
}

func (q *quickSchema) inEnum(s []byte) bool {
	for _, e := range q.enum {
		if string(s) == e {
			return true
		}
	}
	return false
}

// checkNumber checks a number's literal as check does its json.Number.
func (q *quickSchema) checkNumber(lit []byte) quickVerdict {
	if len(q.types) > 0 {
		vd := quickInvalid
		for _, t := range q.types {
			switch {
			case t == "number", t == "integer" && plainInteger(lit):
				vd = quickValid
			case t == "integer" && vd == quickInvalid:
				vd = quickUnsure
			}
		}
		if vd != quickValid {
			return vd
		}
	}
	if q.hasEnum {
		return quickInvalid
	}
	if q.constNumber != nil {
		if vd := q.isConstNumber(lit); vd != quickValid {
			return vd
		}
	}
	if q.minimum == nil && q.maximum == nil {
		return quickValid
	}
	f, exact := exactFloat(lit)
	switch {
	case !exact:
		return quickUnsure
	case q.minimum != nil && f < *q.minimum, q.maximum != nil && f > *q.maximum:
		return quickInvalid
	}
	return quickValid
}

// scanObject checks an object's members as they are read. Member names
// must be plain (printable ASCII, no escapes), as consign writes them, so
// that equal bytes mean equal names; a repeated name makes the verdict
// unsure, as a decoded object keeps only the last value.
func (q *quickSchema) scanObject(p *jsonParser, depth int) quickVerdict {
	if len(q.required) > 64 || len(q.properties) > 64 {
		return quickUnsure
	}
	o := newObjectMembers(q)
	top := p.top
	if depth > 0 {
		top = nil
	}
	if top != nil {
		top.seen = true
	}
	p.pos++ // '{'
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return requiredVerdict(o.missing)
	}
	for {
		p.space()
		name, ok := p.rawKey()
		if !ok {
			return quickUnsure
		}
		m, isProperty, vd := o.see(q, name, false)
		if vd != quickValid {
			return vd
		}
		p.space()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return quickUnsure
		}
		p.pos++
		p.space()
		if top != nil {
			top.note(name, p.pos)
		}
		var sub *quickSchema
		switch {
		case isProperty:
			sub = m.schema
		case q.noAdditional:
			return quickInvalid
		default:
			sub = q.additional
		}
		if sub.ownString(p, depth+1) {
			vd = sub.scanString(p)
		} else {
			vd = sub.scanOrSkip(p, depth+1)
		}
		if vd != quickValid {
			return vd
		}
		switch done, ok := p.after('}'); {
		case !ok:
			return quickUnsure
		case done:
			return requiredVerdict(o.missing)
		}
	}
}

func requiredVerdict(missing uint64) quickVerdict {
	if missing != 0 {
		return quickInvalid
	}
	return quickValid
}

// ownString reports whether the value at p.pos is a string that scan
// would hand straight to scanString: q checks it by its own keywords
// alone. Most members of a bundle's records are such strings, and going
// through scan and scanOwn for each was a tenth of checking them.
func (q *quickSchema) ownString(p *jsonParser, depth int) bool {
	return q != nil && q.hasOwn && !q.delegate && len(q.applied) == 0 && q.not == nil && q.combined == nil &&
		depth <= maxJSONDepth && p.pos < len(p.data) && p.data[p.pos] == '"'
}

// scanOrSkip scans a value against q, or only steps over it when there is
// no schema to hold it to (nil q).
func (q *quickSchema) scanOrSkip(p *jsonParser, depth int) quickVerdict {
	if q != nil {
		return q.scan(p, depth)
	}
	if !p.skip(depth) {
		return quickUnsure
	}
	return quickValid
}
