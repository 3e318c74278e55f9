package detectors

// DropRepeats removes the findings that say again what another finding of
// the file says: the same category of data, in the same metadata field,
// with the same value. The text detectors read every field value, so a
// name in an author or owner field is found by the field's own detector
// and by the name detector alike; the creator should review it once. The
// most confident finding stays (ties: the first detector by name), and
// findings in content or text are all kept, since their offsets differ.
//
// A metadata finding is also a repeat when a finding of the same category
// points at the same value in the file's own bytes (location content): a
// YAML file's or a Markdown front matter's fields, an XMP sidecar's
// properties are read from the very text the content scan reads, and the
// content finding says where the value is. So is a value a web page gives
// in a link or a comment (fields html:link:mailto, html:link:tel and
// html:comment) when a
// finding of the same category shows it in the page's text: it is one
// address on one page, and the text finding says where the reader sees it.
//
// Findings must be sealed (ValueHash set); the result keeps their order
// and reuses fs.
func DropRepeats(fs []Finding) []Finding {
	type key struct{ category, field, hash string }
	inContent := make(map[key]bool)
	inText := make(map[key]bool)
	for _, f := range fs {
		switch {
		case f.ValueHash == "":
		case f.Location.In == InContent:
			inContent[key{f.Category, "", f.ValueHash}] = true
		case f.Location.In == InText:
			inText[key{f.Category, "", f.ValueHash}] = true
		}
	}
	best := make(map[key]int)
	for i, f := range fs {
		if f.Location.In != InMetadata || f.ValueHash == "" || inContent[key{f.Category, "", f.ValueHash}] {
			continue
		}
		if inText[key{f.Category, "", f.ValueHash}] && pageMarkupField(f.Location.Field) {
			continue
		}
		k := key{f.Category, f.Location.Field, f.ValueHash}
		j, seen := best[k]
		if !seen || outranks(f, fs[j]) {
			best[k] = i
		}
	}
	out := fs[:0]
	for i, f := range fs {
		if f.Location.In == InMetadata && f.ValueHash != "" {
			j, ok := best[key{f.Category, f.Location.Field, f.ValueHash}]
			if !ok || j != i {
				continue // repeated by a more confident finding or by the content
			}
		}
		out = append(out, f)
	}
	return out
}

// outranks reports whether a should be kept over b.
func outranks(a, b Finding) bool {
	if a.Confidence != b.Confidence {
		return a.Confidence > b.Confidence
	}
	return a.Detector < b.Detector
}

// pageMarkupField reports whether a metadata field holds what a web page
// carries in its markup but does not show: a link's mailto: or tel:
// target, a comment.
func pageMarkupField(name string) bool {
	switch name {
	case "html:link:mailto", "html:link:tel", "html:comment":
		return true
	}
	return false
}
