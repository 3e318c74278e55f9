package extract

import (
	"slices"
	"strings"
)

// TagsOfField returns the curated tags that the field called field can
// give a record ("exif:Artist" gives "artist", "docx:dc:creator"
// "author"), from the same tables the extractors set them by. A redacted
// copy from which the field was removed drops them.
func TagsOfField(field string) []string {
	var tags []string
	add := func(t string) {
		if t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	prefix, name, _ := strings.Cut(field, ":")
	switch prefix {
	case "exif":
		for _, f := range exifText {
			if string(f.name) == name {
				add(f.tag)
			}
		}
		for _, f := range exifRawText {
			if f.name == name {
				add(f.key)
			}
		}
		if name == "XPAuthor" {
			add("artist")
		}
	case "xmp":
		for _, t := range xmpTags {
			if slices.Contains(t.paths, name) {
				add(t.tag)
			}
		}
		if name == "dc:creator" {
			add("author") // a document's creator
		}
	case "odt", "ods", "odp", "odf":
		add(odfTags[name])
	case "docx", "xlsx", "pptx":
		if app, ok := strings.CutPrefix(name, "app:"); ok {
			add(appTags[app])
		} else {
			add(coreTags[name])
		}
	case "html":
		meta, _ := strings.CutPrefix(name, "meta:")
		for _, s := range htmlTagSources {
			if slices.Contains(s.names, meta) {
				add(s.tag)
			}
		}
	case "rtf":
		add(rtfTags[name])
	}
	return tags
}
