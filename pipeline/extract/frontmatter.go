package extract

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Front matter is the metadata block static-site generators read from the
// top of a Markdown file: YAML between "---" lines (Jekyll, Hugo, Eleventy)
// or TOML between "+++" lines (Hugo). It is looked for only in the file's
// head, so a file can never make the parser read more than HeadSize bytes.

const (
	frontMatterYAML = '-'
	frontMatterTOML = '+'
)

// splitFrontMatter returns the front matter block at the start of head and
// its format. A block whose closing line is not inside head is ignored: the
// head would cut it, and a cut YAML document says wrong things.
func splitFrontMatter(head []byte) (block []byte, format byte, ok bool) {
	block, _, format, ok = frontMatter(head)
	return block, format, ok
}

// frontMatter is splitFrontMatter that also says where the body starts:
// end is the offset in head just past the closing line.
func frontMatter(head []byte) (block []byte, end int, format byte, ok bool) {
	bom := 0
	if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) {
		bom = 3
	}
	first, rest, found := cutLine(head[bom:])
	if !found {
		return nil, 0, 0, false
	}
	var closers []string
	switch strings.TrimRight(string(first), " \t\r") {
	case "---":
		format, closers = frontMatterYAML, []string{"---", "..."}
	case "+++":
		format, closers = frontMatterTOML, []string{"+++"}
	default:
		return nil, 0, 0, false
	}
	start := bom + len(first) + 1
	for off := 0; off <= len(rest); {
		line, _, more := cutLine(rest[off:])
		trimmed := strings.TrimRight(string(line), " \t\r")
		for _, c := range closers {
			if trimmed == c {
				end := start + off + len(line)
				if end < len(head) {
					end++ // the closing line's '\n'
				}
				return rest[:off], end, format, true
			}
		}
		if !more {
			break
		}
		off += len(line) + 1
	}
	return nil, 0, 0, false
}

// cutLine splits b at its first '\n'. The line keeps a trailing '\r' so
// that callers can advance by len(line)+1; they trim it when comparing.
func cutLine(b []byte) (line, rest []byte, found bool) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return b, nil, false
	}
	return b[:i], b[i+1:], true
}

// parseYAML parses one YAML document into a node tree. A node tree keeps
// aliases as references instead of expanding them, so an alias bomb costs
// no more than its own bytes; the recover turns a parser bug on hostile
// input into this file's error.
func parseYAML(data []byte) (root *yaml.Node, err error) {
	defer func() {
		if p := recover(); p != nil {
			root, err = nil, fmt.Errorf("yaml parser panic: %v", p)
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		return doc.Content[0], nil
	}
	return &doc, nil
}

// parseTOMLFrontMatter reads the top-level `key = value` lines of a TOML
// block: quoted strings, bare dates and numbers, and one-line arrays of
// strings. Tables ("[params]") end the top level; what follows is skipped.
// That is all front matter needs, so no TOML library is pulled in.
func parseTOMLFrontMatter(block []byte) []metaEntry {
	var entries []metaEntry
	for _, raw := range strings.Split(string(block), "\n") {
		line := strings.TrimSpace(raw)
		if line == "" || line[0] == '#' {
			continue
		}
		if line[0] == '[' {
			break
		}
		key, val, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		key = strings.Trim(strings.TrimSpace(key), `"'`)
		val = strings.TrimSpace(val)
		if key == "" || val == "" {
			continue
		}
		e := metaEntry{Key: key}
		if val[0] == '[' {
			e.List = tomlStringArray(val)
		} else {
			e.Scalar, e.IsScalar = tomlScalar(val), true
			e.List = []string{e.Scalar}
		}
		entries = append(entries, e)
		if len(entries) >= maxMetaKeys {
			break
		}
	}
	return entries
}

func tomlScalar(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') {
		if end := strings.IndexByte(v[1:], v[0]); end >= 0 {
			return v[1 : 1+end]
		}
		return v[1:]
	}
	if i := strings.Index(v, " #"); i >= 0 {
		v = v[:i]
	}
	return strings.TrimSpace(v)
}

func tomlStringArray(v string) []string {
	v = strings.TrimSuffix(strings.TrimPrefix(v, "["), "]")
	var out []string
	for _, item := range strings.Split(v, ",") {
		if s := tomlScalar(strings.TrimSpace(item)); s != "" {
			out = append(out, s)
		}
		if len(out) >= maxMetaListItems {
			break
		}
	}
	return out
}
