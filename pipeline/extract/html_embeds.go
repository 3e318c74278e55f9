package extract

// maxHTMLEmbeds bounds the embedded sources recorded from one page.
const maxHTMLEmbeds = 64

// noteEmbed records what a page loads from elsewhere, for the rights
// detectors that tell the creator's own media from hotlinked images and
// embedded players: the source of an image, frame, media element or
// object as "html:embed:<tag>", and a block quote's cite URL (or
// "present") as "html:embed:blockquote". The visible text loses this
// markup, so it is kept as fields.
func (m *htmlMeta) noteEmbed(tag string, attrs map[string]string) {
	if len(m.embeds) >= maxHTMLEmbeds {
		return
	}
	v := attrs["src"]
	switch tag {
	case "object":
		v = attrs["data"]
	case "blockquote":
		v = firstNonEmpty(attrs["cite"], "present")
	case "img":
		v = firstNonEmpty(v, attrs["data-src"])
	}
	if v == "" || len(v) > maxValueLen {
		return
	}
	m.embeds = append(m.embeds, Field{Name: "html:embed:" + tag, Value: v})
}
