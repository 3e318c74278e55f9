package pii

import (
	"bytes"
	"slices"
	"strings"

	"github.com/consignhq/consign/detectors"
)

// maxRecordValue bounds the value of a name key read as a handle.
const maxRecordValue = 64

// Comment exports (Staticman, Disqus, WordPress) keep each comment as a
// record: YAML, JSON or TOML keys in a data file, or a page's front
// matter. The commenter's name there is whatever they typed: often a
// handle ("gerard", "HarryTheDirtyDog") that pii/name, which wants a
// capitalized name, passes by.

// recordNameKeys name who wrote a comment or owns an account.
var recordNameKeys = newWordSet("name author commenter comment_author username user user_name nickname nick " +
	"handle screen_name screenname display_name displayname login author_name")

// maxKeyLead bounds how far into its line a key's ':' or '=' stands:
// indentation, a list's "- ", quotes and the key itself.
const maxKeyLead = 48

// recordBodyKeys hold what a comment says; recordPersonKeys what a
// comment or user record says of its author.
var (
	recordBodyKeys   = newWordSet("message comment body content text reply comment_content")
	recordPersonKeys = newWordSet("email mail avatar url website site gravatar homepage profile bio author_email author_url")
)

// findRecordHandles appends the handles that name keys of comment and
// user records hold. A value pii/name reports, or that reads as a
// person's name, is left to it.
func findRecordHandles(item *detectors.Item, chunk []byte, out []detectors.Match) []detectors.Match {
	seen := -1 // the start of the last line read, which both separators may hit
	var lines []int
	for _, sep := range []byte{':', '='} {
		for i := 0; i < len(chunk); {
			k := bytes.IndexByte(chunk[i:], sep)
			if k < 0 {
				break
			}
			hit := i + k
			i = hit + 1
			lo := max(0, hit-maxKeyLead-1)
			ls := 0
			if nl := bytes.LastIndexByte(chunk[lo:hit], '\n'); nl >= 0 {
				ls = lo + nl + 1
			} else if lo > 0 {
				continue // too far into a line to follow a key
			}
			lines = append(lines, ls)
			if nl := bytes.IndexByte(chunk[hit:], '\n'); nl >= 0 {
				i = hit + nl + 1 // one key a line
			} else {
				break
			}
		}
	}
	if len(lines) == 0 {
		return out
	}
	slices.Sort(lines)
	for _, ls := range lines {
		if ls == seen {
			continue
		}
		seen = ls
		if m, ok := recordHandleAt(item, chunk, ls, out); ok {
			out = append(out, m)
		}
	}
	return out
}

// recordKey reads the key of the line at ls: YAML "key:" (maybe after a
// list's "- "), JSON `"key":`, TOML "key =". It returns the key, lower
// case, and where its value starts, or a nil key.
func recordKey(chunk []byte, ls int) (key []byte, vs, le int) {
	le = ls + bytes.IndexByte(chunk[ls:], '\n')
	if le < ls {
		le = len(chunk)
	}
	line := chunk[ls:le]
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i+1 < len(line) && line[i] == '-' && line[i+1] == ' ' {
		i += 2
	}
	quoted := i < len(line) && line[i] == '"'
	if quoted {
		i++
	}
	ks := i
	for i < len(line) && i-ks < 32 && (isWordByte(line[i]) || line[i] == '-') {
		i++
	}
	if i == ks {
		return nil, 0, le
	}
	key = bytes.ToLower(line[ks:i])
	if quoted {
		if i >= len(line) || line[i] != '"' {
			return nil, 0, le
		}
		i++
	}
	for i < len(line) && line[i] == ' ' {
		i++
	}
	if i >= len(line) || (line[i] != ':' && line[i] != '=') {
		return nil, 0, le
	}
	return key, ls + i + 1, le
}

// recordValue reads a key's value from vs to the line's end le: the
// text inside quotes, or the rest of the line without a JSON comma.
func recordValue(chunk []byte, vs, le int) (int, int) {
	s := vs
	for s < le && (chunk[s] == ' ' || chunk[s] == '\t') {
		s++
	}
	e := le
	for e > s && (chunk[e-1] == ' ' || chunk[e-1] == '\t' || chunk[e-1] == '\r' || chunk[e-1] == ',') {
		e--
	}
	if e-s >= 2 && (chunk[s] == '"' || chunk[s] == '\'') && chunk[e-1] == chunk[s] {
		s, e = s+1, e-1
	}
	return s, e
}

// recordHandleAt reads the line at ls as a name key of a comment or user
// record and returns its value as a handle.
func recordHandleAt(item *detectors.Item, chunk []byte, ls int, out []detectors.Match) (detectors.Match, bool) {
	key, vs, le := recordKey(chunk, ls)
	if key == nil || !recordNameKeys.has(key) {
		return detectors.Match{}, false
	}
	s, e := recordValue(chunk, vs, le)
	v := chunk[s:e]
	if len(v) < minHandle || len(v) > maxRecordValue || !hasASCIILetter(v) || v[0] == '@' || v[0] == '|' || v[0] == '>' ||
		v[0] == '[' || v[0] == '{' || v[0] == '&' || v[0] == '*' || bytes.ContainsAny(v, "/@<>{}\":;!?") ||
		bytes.Count(v, []byte(" ")) > 2 ||
		namesNoPerson(string(v)) || recordKeyWord(v) || !commentRecord(chunk, ls, le) {
		return detectors.Match{}, false
	}
	for _, m := range out {
		if m.Start < e && s < m.End {
			return detectors.Match{}, false
		}
	}
	if bytes.IndexByte(v, ' ') >= 0 && personLike(v) {
		return detectors.Match{}, false
	}
	// What pii/name finds on the line, it reports.
	var name Name
	for _, m := range name.Find(item, chunk[ls:le]) {
		if ls+m.Start < e && s < ls+m.End {
			return detectors.Match{}, false
		}
	}
	return detectors.Match{
		Start: s, End: e, Value: "@" + strings.ToLower(string(v)),
		Kind: "social_handle", Severity: detectors.SeverityMedium, Confidence: 0.6,
	}, true
}

// commentRecord reports whether the lines around the key at ls..le make a
// comment or user record: a key holding what the comment says, or two
// keys saying who wrote it (email, avatar, website). The record ends at
// a blank line, a YAML document or list item, or a JSON object's brace.
func commentRecord(chunk []byte, ls, le int) bool {
	indent := indentOf(chunk[ls:le])
	col := keyColumn(chunk[ls:le])
	body, person := 0, 0
	look := func(s, e int) bool {
		line := chunk[s:e]
		t := bytes.TrimSpace(line)
		if len(t) == 0 || bytes.Equal(t, []byte("---")) || t[0] == '{' || t[0] == '}' || t[0] == '[' && bytes.HasPrefix(t, []byte("[[")) {
			return false
		}
		// Another list item at the key's indentation or less starts
		// another record.
		if t[0] == '-' && indentOf(line) <= indent && s > ls {
			return false
		}
		key, _, _ := recordKey(chunk, s)
		switch c := keyColumn(line); {
		case key == nil:
		case c < col:
			return false // a key of the record's parent
		case c > col:
			// A key of a value nested in the record ("config: {text: ...}").
		case recordBodyKeys.has(key):
			body++
		case recordPersonKeys.has(key):
			person++
		}
		return true
	}
	// Lines after the key, then before it.
	for s := le + 1; s < len(chunk) && s-le < handleContext; {
		e := s + bytes.IndexByte(chunk[s:], '\n')
		if e < s {
			e = len(chunk)
		}
		if !look(s, e) {
			break
		}
		s = e + 1
	}
	if !bytes.HasPrefix(bytes.TrimLeft(chunk[ls:le], " \t"), []byte("- ")) {
		for e := ls - 1; e > 0 && ls-e < handleContext; {
			s := bytes.LastIndexByte(chunk[:e], '\n') + 1
			t := bytes.TrimLeft(chunk[s:e], " \t")
			if !look(s, e) {
				break
			}
			if len(t) > 0 && t[0] == '-' {
				break // this record's first line
			}
			e = s - 1
		}
	}
	return body > 0 || person >= 2
}

// recordKeyWord reports a value that is itself a key's name, as in a
// table that maps keys to keys (`"author": "author"`).
func recordKeyWord(v []byte) bool {
	lv := bytes.ToLower(v)
	return recordNameKeys.has(lv) || recordBodyKeys.has(lv) || recordPersonKeys.has(lv)
}

// keyColumn is where the key of a line starts: past the indentation, a
// list's "- " and an opening quote.
func keyColumn(line []byte) int {
	i := indentOf(line)
	if i+1 < len(line) && line[i] == '-' && line[i+1] == ' ' {
		i += 2
	}
	if i < len(line) && line[i] == '"' {
		i++
	}
	return i
}

func indentOf(line []byte) int {
	n := 0
	for n < len(line) && (line[n] == ' ' || line[n] == '\t') {
		n++
	}
	return n
}

// personLike reports a value of two to four words written as a person's
// name is: each capitalized and then in lower case ("Lynn Mason",
// "Jean-Luc Picard", "O'Neil"), or an initial ("David W Slack").
func personLike(v []byte) bool {
	words := bytes.Fields(v)
	if len(words) < 2 || len(words) > 4 {
		return false
	}
	for _, w := range words {
		w = bytes.TrimRight(w, ".,")
		if len(w) == 0 || !isUpper(w[0]) {
			return false
		}
		for k := 1; k < len(w); k++ {
			c := w[k]
			if isUpper(c) && w[k-1] != '-' && w[k-1] != '\'' && !(k == 2 && w[0] == 'M' && w[1] == 'c') {
				return false
			}
			if !isLetter(c) && c != '-' && c != '\'' && c < 0x80 {
				return false
			}
		}
	}
	return true
}
