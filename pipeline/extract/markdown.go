package extract

import (
	"context"
	"strings"

	"gopkg.in/yaml.v3"
)

// Markdown reads the front matter of a Markdown file: its date, author,
// title, keywords and language, and every top-level scalar as a
// "frontmatter:<key>" field. The body needs no extractor: the pipeline
// scans a Markdown file's own bytes as its text.
type Markdown struct{}

var _ Extractor = (*Markdown)(nil)

// NewMarkdown returns the Markdown front matter extractor.
func NewMarkdown() *Markdown { return &Markdown{} }

// Name implements Extractor.
func (*Markdown) Name() string { return "markdown" }

// Applies implements Extractor.
func (*Markdown) Applies(src *Source) bool { return src.MediaType == "text/markdown" }

// Extract implements Extractor.
func (*Markdown) Extract(_ context.Context, src *Source, res *Result) error {
	block, format, ok := splitFrontMatter(src.Head)
	if !ok {
		return nil
	}
	var entries []metaEntry
	switch format {
	case frontMatterYAML:
		root, err := parseYAML(block)
		if err != nil {
			// Broken front matter is common and harmless to the rest of
			// the file: note it, keep the body's scan.
			res.Errorf("front matter of %s: %w", src.Path, err)
			return nil
		}
		entries = yamlEntries(root)
	case frontMatterTOML:
		entries = parseTOMLFrontMatter(block)
	}
	recordFrontMatter(res, entries)
	return nil
}

// Bounds on what one metadata block may record.
const (
	maxMetaKeys      = 64
	maxMetaListItems = 64
	maxMetaKeyLen    = 128
)

// metaEntry is one top-level key of a front matter block or YAML file,
// flattened: its scalar value, or the strings of a list, or the "name" of
// a map (authors are written all three ways).
type metaEntry struct {
	Key      string
	Scalar   string
	IsScalar bool
	List     []string
}

// yamlEntries flattens the top-level mapping of a YAML document.
func yamlEntries(root *yaml.Node) []metaEntry {
	if root == nil || root.Kind != yaml.MappingNode {
		return nil
	}
	var entries []metaEntry
	for i := 0; i+1 < len(root.Content) && len(entries) < maxMetaKeys; i += 2 {
		k, v := root.Content[i], deref(root.Content[i+1])
		if k.Kind != yaml.ScalarNode || k.Value == "" || len(k.Value) > maxMetaKeyLen {
			continue
		}
		e := metaEntry{Key: k.Value}
		switch v.Kind {
		case yaml.ScalarNode:
			if v.Tag == "!!null" {
				continue
			}
			e.Scalar, e.IsScalar = v.Value, true
			e.List = []string{v.Value}
		case yaml.SequenceNode:
			for _, item := range v.Content {
				if s := yamlName(deref(item)); s != "" {
					e.List = append(e.List, s)
				}
				if len(e.List) >= maxMetaListItems {
					break
				}
			}
		case yaml.MappingNode:
			if s := yamlName(v); s != "" {
				e.List = []string{s}
			}
		}
		entries = append(entries, e)
	}
	return entries
}

// deref follows one alias: enough for `author: *me`, and never an
// expansion whose size the document can multiply.
func deref(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

// yamlName is a scalar's value, or the "name" of a mapping.
func yamlName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.ScalarNode:
		return n.Value
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "name" {
				if v := deref(n.Content[i+1]); v.Kind == yaml.ScalarNode {
					return v.Value
				}
			}
		}
	}
	return ""
}

// frontMatterDateKeys are tried in order; the first that parses is the
// file's front matter date.
var frontMatterDateKeys = []string{"date", "published", "pubdate", "publishdate", "created"}

func recordFrontMatter(res *Result, entries []metaEntry) {
	recordScalarFields(res, "frontmatter", entries)
	byKey := map[string]metaEntry{}
	for _, e := range entries {
		k := strings.ToLower(e.Key)
		if _, dup := byKey[k]; !dup {
			byKey[k] = e
		}
	}
	recordMetaDate(res, "frontmatter", byKey, frontMatterDateKeys)
	res.SetTag("title", byKey["title"].Scalar)
	res.SetTag("author", strings.Join(firstList(byKey, "author", "authors"), ", "))
	res.SetTag("description", firstScalar(byKey, "description", "summary", "excerpt"))
	res.SetTag("language_tag", firstScalar(byKey, "lang", "language", "locale"))
	var kw []string
	seen := map[string]bool{}
	for _, k := range []string{"tags", "categories", "keywords"} {
		for _, s := range byKey[k].List {
			if s = strings.TrimSpace(s); s != "" && !seen[s] && len(kw) < maxMetaListItems {
				seen[s] = true
				kw = append(kw, s)
			}
		}
	}
	res.SetTag("keywords", strings.Join(kw, ", "))
}

// recordScalarFields records every scalar entry as "<ns>:<key>".
func recordScalarFields(res *Result, ns string, entries []metaEntry) {
	for _, e := range entries {
		if e.IsScalar {
			res.AddField(ns+":"+e.Key, e.Scalar)
		}
	}
}

// recordMetaDate adds the first of keys whose value is a date.
func recordMetaDate(res *Result, ns string, byKey map[string]metaEntry, keys []string) {
	for _, k := range keys {
		e, ok := byKey[k]
		if !ok || !e.IsScalar {
			continue
		}
		if d, ok := parseTextDate(e.Scalar); ok {
			d.Source, d.Rank = ns+":"+e.Key, RankFrontMatter
			res.AddDate(d)
			return
		}
	}
}

func firstScalar(byKey map[string]metaEntry, keys ...string) string {
	for _, k := range keys {
		if e, ok := byKey[k]; ok && e.IsScalar && e.Scalar != "" {
			return e.Scalar
		}
	}
	return ""
}

func firstList(byKey map[string]metaEntry, keys ...string) []string {
	for _, k := range keys {
		if e, ok := byKey[k]; ok && len(e.List) > 0 {
			return e.List
		}
	}
	return nil
}
