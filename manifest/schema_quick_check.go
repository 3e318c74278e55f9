package manifest

import (
	"encoding/json"
	"slices"
	"unicode/utf8"
)

// check gives the quick schema's verdict on a decoded value (see
// decodeJSONValue for the types). quickInvalid is definite; the caller
// still asks the general validator, for its message.
func (q *quickSchema) check(v any) quickVerdict {
	if q.delegate {
		return q.checkGeneral(v)
	}
	if len(q.types) > 0 {
		if vd := q.checkType(v); vd != quickValid {
			return vd
		}
	}
	if q.hasEnum {
		s, ok := v.(string)
		if !ok || !slices.Contains(q.enum, s) {
			return quickInvalid
		}
	}
	if q.constNumber != nil {
		n, ok := v.(json.Number)
		if !ok {
			return quickInvalid
		}
		if vd := q.isConstNumber([]byte(n)); vd != quickValid {
			return vd
		}
	}
	result := quickValid
	switch x := v.(type) {
	case string:
		if q.minLength >= 0 && utf8.RuneCountInString(x) < q.minLength {
			return quickInvalid
		}
		if q.pattern != nil && !q.pattern.MatchString(x) {
			return quickInvalid
		}
		result = q.formatVerdict(x)
	case json.Number:
		if q.minimum != nil || q.maximum != nil {
			f, exact := exactFloat(string(x))
			switch {
			case !exact:
				result = quickUnsure
			case q.minimum != nil && f < *q.minimum, q.maximum != nil && f > *q.maximum:
				return quickInvalid
			}
		}
	case map[string]any:
		if q.propertyNames != nil {
			for name := range x {
				switch q.propertyNames.check(name) {
				case quickInvalid:
					return quickInvalid
				case quickUnsure:
					result = quickUnsure
				}
			}
		}
		for _, name := range q.required {
			if _, ok := x[name]; !ok {
				return quickInvalid
			}
		}
		for name, val := range x {
			sub, ok := q.properties[name]
			switch {
			case ok:
			case q.noAdditional:
				return quickInvalid
			case q.additional != nil:
				sub = q.additional
			default:
				continue
			}
			switch sub.check(val) {
			case quickInvalid:
				return quickInvalid
			case quickUnsure:
				result = quickUnsure
			}
		}
	case []any:
		if q.minItems >= 0 && len(x) < q.minItems || q.maxItems >= 0 && len(x) > q.maxItems {
			return quickInvalid
		}
		if q.uniqueItems {
			switch checkUnique(x) {
			case quickInvalid:
				return quickInvalid
			case quickUnsure:
				result = quickUnsure
			}
		}
		if q.items != nil {
			for _, e := range x {
				switch q.items.check(e) {
				case quickInvalid:
					return quickInvalid
				case quickUnsure:
					result = quickUnsure
				}
			}
		}
	}
	for _, s := range q.applied {
		switch s.check(v) {
		case quickInvalid:
			return quickInvalid
		case quickUnsure:
			result = quickUnsure
		}
	}
	if q.combined != nil {
		switch q.combined.checkLogic(v) {
		case quickInvalid:
			return quickInvalid
		case quickUnsure:
			result = quickUnsure
		}
	}
	if q.not != nil {
		switch q.not.check(v) {
		case quickValid:
			return quickInvalid
		case quickUnsure:
			result = quickUnsure
		}
	}
	return result
}

// checkGeneral asks the general validator, which a delegate node stands
// for; its verdict is exact.
func (q *quickSchema) checkGeneral(v any) quickVerdict {
	s, err := generalAt(pointerURL(q.loc))
	switch {
	case err != nil: // a delegate left without its schema is never sure
		return quickUnsure
	case s.Validate(v) != nil:
		return quickInvalid
	}
	return quickValid
}

// checkType matches v against the schema's types. An integer is sure only
// when written as one: "1.0" and "1e2" are integers to JSON Schema too,
// which the general validator decides.
func (q *quickSchema) checkType(v any) quickVerdict {
	result := quickInvalid
	for _, t := range q.types {
		switch x := v.(type) {
		case string:
			if t == "string" {
				return quickValid
			}
		case bool:
			if t == "boolean" {
				return quickValid
			}
		case nil:
			if t == "null" {
				return quickValid
			}
		case map[string]any:
			if t == "object" {
				return quickValid
			}
		case []any:
			if t == "array" {
				return quickValid
			}
		case json.Number:
			switch {
			case t == "number":
				return quickValid
			case t == "integer" && plainInteger(string(x)):
				return quickValid
			case t == "integer":
				result = quickUnsure
			}
		}
	}
	return result
}

func plainInteger[T string | []byte](s T) bool {
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	if len(s) == 0 {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// exactFloat converts a number written without an exponent and with at
// most 15 significant digits. Such a number differs from any integer bound
// by at least one unit of its last digit, far more than float64's rounding
// of it, so comparing the float64 with the bound gives the exact answer.
func exactFloat[T string | []byte](n T) (float64, bool) {
	s, neg := n, false
	if len(s) > 0 && s[0] == '-' {
		s, neg = s[1:], true
	}
	digits, whole, fraction, decimals := 0, int64(0), false, 0
	for i := range len(s) {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
			whole = whole*10 + int64(c-'0')
			if fraction {
				decimals++
			}
		case c == '.' && !fraction:
			fraction = true
		default:
			return 0, false
		}
	}
	if digits == 0 || digits > 15 {
		return 0, false
	}
	// The digits without the point are below 10^15 < 2^53 and the power
	// of ten at most 10^15: both are exact float64s, and the quotient
	// rounded once is what strconv.ParseFloat returns (its own fast path
	// for such numbers), without converting every confidence of a
	// bundle's findings to a string.
	f := float64(whole) / pow10[decimals]
	if neg {
		f = -f
	}
	return f, true
}

// pow10 are the powers of ten exactFloat divides by.
var pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}
