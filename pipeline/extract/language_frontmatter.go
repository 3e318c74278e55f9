package extract

import (
	"bytes"
	"strings"
)

// proseFrontMatterKeys are the front matter fields whose values are prose
// in the post's language: a short post's title and excerpt can be most of
// its words. The other fields (paths, dates, tags, layout names) are not.
var proseFrontMatterKeys = map[string]bool{
	"title": true, "subtitle": true, "excerpt": true, "description": true,
	"summary": true, "abstract": true,
}

// maxFrontMatterProse bounds the prose kept from front matter: a sample's
// worth is more than any title and excerpt.
const maxFrontMatterProse = sampleSize

// appendFrontMatterProse appends the values of block's prose fields to
// dst, a line each, without the keys. It reads top-level fields only, by
// lines rather than with a YAML or TOML parser: a YAML value goes on in
// the lines indented under its key (block scalars, folded plain text),
// and a TOML value is the rest of its line.
func appendFrontMatterProse(dst, block []byte, format byte) []byte {
	start := len(dst)
	keep := false // the lines indented under a prose key are its value
	add := func(text []byte) {
		if room := maxFrontMatterProse - (len(dst) - start); len(text) > 0 && room > 0 {
			dst = append(append(dst, text[:min(len(text), room)]...), '\n')
		}
	}
	for rest := block; len(rest) > 0 && len(dst)-start < maxFrontMatterProse; {
		var line []byte
		line, rest, _ = cutLine(rest)
		if len(line) > 0 && (line[0] == ' ' || line[0] == '\t') {
			if keep && format == frontMatterYAML {
				add(bytes.TrimSpace(line))
			}
			continue
		}
		sep := byte(':')
		if format == frontMatterTOML {
			sep = '='
		}
		key, value, found := bytes.Cut(line, []byte{sep})
		k := strings.ToLower(strings.Trim(strings.TrimSpace(string(key)), `"'`))
		keep = found && proseFrontMatterKeys[k]
		if !keep {
			continue
		}
		value = bytes.TrimSpace(value)
		if format == frontMatterYAML && len(value) > 0 && (value[0] == '|' || value[0] == '>') {
			continue // a block scalar: its lines follow
		}
		add(bytes.Trim(value, `"'`))
	}
	return dst
}
