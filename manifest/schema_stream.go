package manifest

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// streamWindow is how much of a document the stream scan holds at
// first; maxStreamWindow is the most it holds, for one value it cannot
// step into (a string, a number, or a value of a schema with $ref
// siblings, allOf or not).
const (
	streamWindow    = 64 << 10
	maxStreamWindow = 64 << 20
)

// CheckDocument checks one of a bundle's metadata documents against its
// schema, with ValidateDocument's verdict and message. A JSON document
// is read as a stream (files.Open) that the schema's quick form checks a
// window at a time: the content profile lists every finding, and holding
// it whole grew verify's memory with the number of files. Only a
// document the stream scan does not settle, which the general validator
// must decide (and say why), is then read whole. An error reading the
// file says so, after the document's name.
func CheckDocument(files BundleFiles, name string) error {
	if schemaName, ok := documentSchemas[name]; ok && strings.HasSuffix(name, ".json") {
		if err := loadSchemas(); err != nil {
			return err
		}
		if q := quickFor(schemaName); q != nil {
			r, err := files.Open(name)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			vd := q.scanStream(r)
			if err := r.Close(); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			if vd == quickValid {
				return nil
			}
		}
	}
	data, err := files.ReadFile(name)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return ValidateDocument(name, data)
}

// jsonStream is a window on a JSON document read from r. The scan moves
// through the window with p; more drops what the scan is done with and
// reads on.
type jsonStream struct {
	r      io.Reader
	p      jsonParser // p.data is the window
	window int        // the window's first size
	eof    bool       // r has no more (or failed)
}

// scanStream is scanDocument over a stream, holding a window of the
// document rather than all of it: objects and arrays too large for the
// window are stepped into, a member or an item at a time, and every
// other value is scanned whole, as scanDocument scans it. quickValid is
// as exact as scanDocument's; a read error gives quickUnsure.
func (q *quickSchema) scanStream(r io.Reader) quickVerdict {
	return q.scanStreamWindow(r, streamWindow)
}

// scanStreamWindow is scanStream with a window of the given first size.
func (q *quickSchema) scanStreamWindow(r io.Reader, window int) quickVerdict {
	s := &jsonStream{r: r, p: jsonParser{data: make([]byte, 0, window)}, window: window}
	if vd := s.value(q, 0); vd != quickValid {
		return vd
	}
	s.space()
	if s.p.pos < len(s.p.data) {
		return quickUnsure // more than one value
	}
	return quickValid
}

// more reads on, keeping the window from keep (which becomes 0), and
// reports false when r has no more or the window is at its largest.
func (s *jsonStream) more(keep int) bool {
	if s.eof {
		return false
	}
	p := &s.p
	n := copy(p.data[:cap(p.data)], p.data[keep:])
	p.data, p.pos = p.data[:n], p.pos-keep
	if cap(p.data)-n < (s.window+1)/2 {
		if cap(p.data) >= maxStreamWindow {
			return false
		}
		grown := make([]byte, n, 2*cap(p.data))
		copy(grown, p.data)
		p.data = grown
	}
	k, err := io.ReadFull(s.r, p.data[n:cap(p.data)])
	p.data = p.data[:n+k]
	if err != nil {
		s.eof = true // io.EOF, io.ErrUnexpectedEOF, or a failed read
		if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
			p.data = p.data[:n] // a failed read settles nothing
			return false
		}
	}
	return k > 0
}

// space steps over white space, reading on until a value's first byte
// or the end of the document.
func (s *jsonStream) space() {
	for {
		s.p.space()
		if s.p.pos < len(s.p.data) || !s.more(s.p.pos) {
			return
		}
	}
}

// value checks the value at the scan's position against q (nil: any
// value) and steps over it, as scanOrSkip does.
func (s *jsonStream) value(q *quickSchema, depth int) quickVerdict {
	s.space()
	for {
		p := &s.p
		start := p.pos
		if start >= len(p.data) {
			return quickUnsure // the document ends before the value
		}
		vd := q.scanOrSkip(p, depth)
		// A value the scan accepted ends inside the window, unless it is
		// a number the window may cut short.
		if vd == quickValid && (p.pos < len(p.data) || s.eof) {
			return vd
		}
		if vd != quickValid {
			whole := jsonParser{data: p.data, pos: start}
			if whole.skip(depth) && (whole.pos < len(p.data) || s.eof) {
				return vd // the scan saw all of the value
			}
		}
		p.pos = start
		if c := p.data[start]; c == '{' || c == '[' {
			if own := streamable(q); own != nil {
				return s.container(own, depth)
			}
		}
		// Once more when the read finds the document's end: a number
		// that ends it is whole then.
		if wasEOF := s.eof; !s.more(start) && (wasEOF || !s.eof) {
			return quickUnsure
		}
	}
}

// streamable is the schema whose own keywords check a value of q, when
// scan would check it with those alone: q itself, or what a bare $ref
// leads to.
func streamable(q *quickSchema) *quickSchema {
	for q != nil && !q.hasOwn && !q.delegate && q.not == nil && len(q.applied) == 1 {
		q = q.applied[0]
	}
	// An array whose items must be unique, or a value a combining keyword
	// checks as a whole, is scanned whole.
	if q == nil || !q.hasOwn || q.delegate || q.not != nil || len(q.applied) > 0 || q.uniqueItems || q.combined != nil {
		return nil
	}
	return q
}

// container checks the object or array at the scan's position against
// q's own keywords, as scanOwn does, reading on as it goes.
func (s *jsonStream) container(q *quickSchema, depth int) quickVerdict {
	if depth > maxJSONDepth {
		return quickUnsure
	}
	kind := "object"
	if s.p.data[s.p.pos] == '[' {
		kind = "array"
	}
	if vd := q.isType(kind); vd != quickValid || q.hasEnum {
		return orInvalid(vd)
	}
	if kind == "array" {
		return s.array(q, depth)
	}
	return s.object(q, depth)
}

// object is scanObject over the stream.
func (s *jsonStream) object(q *quickSchema, depth int) quickVerdict {
	if len(q.required) > 64 || len(q.properties) > 64 {
		return quickUnsure
	}
	o := newObjectMembers(q)
	p := &s.p
	p.pos++ // '{'
	s.space()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		return requiredVerdict(o.missing)
	}
	for {
		s.space()
		name, ok := p.rawKey()
		for !ok && s.more(p.pos) { // the key may run past the window
			name, ok = p.rawKey()
		}
		if !ok {
			return quickUnsure
		}
		m, isProperty, vd := o.see(q, name, true)
		if vd != quickValid {
			return vd
		}
		s.space()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return quickUnsure
		}
		p.pos++
		var sub *quickSchema
		switch {
		case isProperty:
			sub = m.schema
		case q.noAdditional:
			return quickInvalid
		default:
			sub = q.additional
		}
		if vd := s.value(sub, depth+1); vd != quickValid {
			return vd
		}
		s.space()
		switch done, ok := p.after('}'); {
		case !ok:
			return quickUnsure
		case done:
			return requiredVerdict(o.missing)
		}
	}
}

// array is scanArray over the stream.
func (s *jsonStream) array(q *quickSchema, depth int) quickVerdict {
	p := &s.p
	p.pos++ // '['
	n := 0
	s.space()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		return q.itemsVerdict(n)
	}
	for {
		if vd := s.value(q.items, depth+1); vd != quickValid {
			return vd
		}
		n++
		s.space()
		switch done, ok := p.after(']'); {
		case !ok:
			return quickUnsure
		case done:
			return q.itemsVerdict(n)
		}
	}
}
