package pipeline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// A JSON Lines rescan (Options.LinesOnly) reads a few members of every
// cached line and copies the rest. A JSON decoder, even one that skips
// what it is not asked for, copies and tokenizes each line; walking the
// top-level members and taking the few string values as they stand took
// that part of a rescan from a quarter of its CPU time to a seventh, in a
// profile of 20,000 files. The lines are encodeLines' own, so
// their members' names are plain and their values are well formed; the
// walk still checks the structure it passes over, and a line it cannot
// walk sends the record to the full decoder (see decodeLinesOnly).

var errLine = errors.New("malformed cached line")

// members calls fn with the name (as written, between its quotes) and the
// raw value of each top-level member of the JSON object that line holds.
func members(line []byte, fn func(name, value []byte) error) error {
	i := skipSpace(line, 0)
	if i >= len(line) || line[i] != '{' {
		return errLine
	}
	i = skipSpace(line, i+1)
	if i < len(line) && line[i] == '}' {
		return end(line, i+1)
	}
	return membersFrom(line, i, fn)
}

// errEnough ends a walk early: fn has all it needs from the line.
var errEnough = errors.New("enough members read")

// membersFrom walks the members of an object from line[i], the opening
// quote of a member's name, to the object's end.
func membersFrom(line []byte, i int, fn func(name, value []byte) error) error {
	for {
		if i >= len(line) || line[i] != '"' {
			return errLine
		}
		j := skipString(line, i)
		if j < 0 {
			return errLine
		}
		name := line[i+1 : j-1]
		i = skipSpace(line, j)
		if i >= len(line) || line[i] != ':' {
			return errLine
		}
		i = skipSpace(line, i+1)
		j = skipValue(line, i)
		if j < 0 {
			return errLine
		}
		if err := fn(name, line[i:j]); err != nil {
			return err
		}
		i = skipSpace(line, j)
		switch {
		case i < len(line) && line[i] == ',':
			i = skipSpace(line, i+1)
		case i < len(line) && line[i] == '}':
			return end(line, i+1)
		default:
			return errLine
		}
	}
}

// end checks that nothing but space follows the object.
func end(line []byte, i int) error {
	if skipSpace(line, i) != len(line) {
		return errLine
	}
	return nil
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// skipString returns the index past the string that starts at b[i], a
// quote, or -1 when it does not end.
func skipString(b []byte, i int) int {
	for j := i + 1; j < len(b); {
		k := bytes.IndexByte(b[j:], '"')
		if k < 0 {
			return -1
		}
		j += k
		// The quote ends the string unless an odd run of backslashes
		// escapes it.
		n := 0
		for n < j-i-1 && b[j-1-n] == '\\' {
			n++
		}
		if n%2 == 0 {
			return j + 1
		}
		j++
	}
	return -1
}

// skipValue returns the index past the value that starts at b[i], or -1.
// Objects and arrays are skipped by their brackets, strings inside them
// whole; scalars run to the next delimiter.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				k := skipString(b, j)
				if k < 0 {
					return -1
				}
				j = k - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(b) && strings.IndexByte(",}] \t\r\n", b[j]) < 0 {
		j++
	}
	if j == i {
		return -1
	}
	return j
}

// stringValue is the string a raw JSON string value holds.
func stringValue(raw []byte) (string, error) {
	if len(raw) < 2 || raw[0] != '"' {
		return "", errLine
	}
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw[1 : len(raw)-1]), nil
	}
	var s string
	err := json.Unmarshal(raw, &s)
	return s, err
}

// decodeLinesOnly reads from the lines encodeLines made what
// Options.LinesOnly says a caller reads, and the ids of the findings
// (which the record lists in that order).
func decodeLinesOnly(b []byte) (*Record, error) {
	line, rest, ok := bytes.Cut(b, []byte{'\n'})
	if !ok || !bytes.HasPrefix(line, []byte(`{"type":"file",`)) {
		return nil, fmt.Errorf("not a cached record's lines")
	}
	rec := &Record{}
	err := members(line, func(name, value []byte) (err error) {
		switch string(name) {
		case "size":
			rec.Size, err = strconv.ParseInt(string(value), 10, 64)
		case "kind":
			// The tags, dates and lists that follow are copied, not read.
			rec.Kind, err = shortNames.value(value)
			if err == nil {
				err = errEnough
			}
		}
		return err
	})
	if err != nil && err != errEnough {
		return nil, fmt.Errorf("decode cached record: %w", err)
	}
	if n := bytes.Count(rest, []byte{'\n'}); n > 0 {
		rec.Findings = make([]detectors.Finding, n)
		rec.FindingIDs = make([]string, n)
	}
	for i := range rec.Findings {
		line, rest, _ = bytes.Cut(rest, []byte{'\n'})
		if err := findingHead(line, &rec.Findings[i]); err != nil {
			return nil, fmt.Errorf("decode cached finding: %w", err)
		}
		rec.FindingIDs[i] = rec.Findings[i].ID
	}
	if len(rest) > 0 {
		return nil, fmt.Errorf("cached record ends without a line end")
	}
	return rec, nil
}

// statusMember starts a finding line's status member. It can stand
// nowhere else in the line: a quote inside a string value is always
// escaped, so no string holds a comma and a quote in a row, and no object
// nested in a finding has a status. It is sought from the line's end,
// which only the reason and the redaction follow, rather than across the
// location, excerpt and hashes before it.
var statusMember = []byte(`,"status":`)

// findingHead reads what Options.LinesOnly needs of a finding line: the
// members up to the severity at its start, and the status and reason near
// its end, passing over the location, excerpt and hashes between.
func findingHead(line []byte, f *detectors.Finding) error {
	read := func(name, value []byte) (err error) {
		switch string(name) {
		case "id":
			f.ID, err = stringValue(value)
		case "detector":
			f.Detector, err = shortNames.value(value)
		case "category":
			f.Category, err = shortNames.value(value)
		case "kind":
			f.Kind, err = shortNames.value(value)
		case "severity":
			f.Severity, err = shortNames.value(value)
			if err == nil && f.Status == "" {
				err = errEnough
			}
		case "status":
			f.Status, err = shortNames.value(value)
		case "reason":
			f.Reason, err = stringValue(value)
		}
		return err
	}
	err := members(line, read)
	if err != errEnough {
		return err
	}
	k := bytes.LastIndex(line, statusMember)
	if k < 0 {
		return errLine
	}
	return membersFrom(line, k+1, read)
}
