package manifest

// scanArray checks an array's items as they are read.
func (q *quickSchema) scanArray(p *jsonParser, depth int) quickVerdict {
	p.pos++ // '['
	n := 0
	p.space()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return q.itemsVerdict(n)
	}
	var seen uniqueStrings
	for {
		p.space()
		start := p.pos
		var vd quickVerdict
		if q.items.ownString(p, depth+1) {
			vd = q.items.scanString(p)
		} else {
			vd = q.items.scanOrSkip(p, depth+1)
		}
		if vd != quickValid {
			return vd
		}
		if q.uniqueItems && !seen.add(p.data[start:p.pos]) {
			return seen.verdict
		}
		n++
		switch done, ok := p.after(']'); {
		case !ok:
			return quickUnsure
		case done:
			return q.itemsVerdict(n)
		}
	}
}

func (q *quickSchema) itemsVerdict(n int) quickVerdict {
	if q.minItems >= 0 && n < q.minItems || q.maxItems >= 0 && n > q.maxItems {
		return quickInvalid
	}
	return quickValid
}

// uniqueStrings tells whether the items of an array are unique, for
// uniqueItems, when they are strings written without escapes in
// printable ASCII: equal bytes are then equal strings. (The licence
// offer's uses are such a list; a delegate for it made verify load
// consign.yaml's schema through the library on every run.)
type uniqueStrings struct {
	names   memberNames
	verdict quickVerdict // why add refused an item
}

// add notes an item's JSON text, reporting false when the array is not
// surely unique: the item was seen before (verdict quickInvalid), or it
// is not such a string (quickUnsure).
func (u *uniqueStrings) add(item []byte) bool {
	if len(item) < 2 || item[0] != '"' || item[len(item)-1] != '"' {
		u.verdict = quickUnsure
		return false
	}
	for _, c := range item[1 : len(item)-1] {
		if c < ' ' || c > '~' || c == '\\' || c == '"' {
			u.verdict = quickUnsure
			return false
		}
	}
	if !u.names.add(item) {
		u.verdict = quickInvalid
		return false
	}
	return true
}

// checkUnique is uniqueItems for a decoded array.
func checkUnique(items []any) quickVerdict {
	seen := make(map[string]bool, len(items))
	for _, v := range items {
		s, ok := v.(string)
		switch {
		case !ok:
			return quickUnsure
		case seen[s]:
			return quickInvalid
		}
		seen[s] = true
	}
	return quickValid
}
