package detectors

import (
	"slices"
	"testing"
)

func TestDropRepeats(t *testing.T) {
	meta := func(det, category, field, hash string, conf float64) Finding {
		return Finding{Detector: det, Category: category, Confidence: conf, ValueHash: hash, Location: Location{In: InMetadata, Field: field}}
	}
	content := func(det, hash string, start int64) Finding {
		return Finding{Detector: det, Category: CategoryPII, Confidence: 0.7, ValueHash: hash, Location: Location{In: InContent, Start: start}}
	}
	text := func(det, hash string, start int64) Finding {
		return Finding{Detector: det, Category: CategoryPII, Confidence: 0.7, ValueHash: hash, Location: Location{In: InText, Start: start}}
	}
	cases := []struct {
		name string
		in   []Finding
		want []string // detectors kept, in order
	}{
		{"name found by the field's detector and the name detector",
			[]Finding{meta("pii/name", CategoryPII, "docx:dc:creator", "h1", 0.7), meta("pii/author", CategoryPII, "docx:dc:creator", "h1", 0.8)},
			[]string{"pii/author"}},
		{"equal confidence keeps the first detector by name",
			[]Finding{meta("pii/owner", CategoryPII, "makernote:OwnerName", "h1", 0.7), meta("pii/name", CategoryPII, "makernote:OwnerName", "h1", 0.7)},
			[]string{"pii/name"}},
		{"other category is a different question",
			[]Finding{meta("pii/author", CategoryPII, "exif:Artist", "h1", 0.8), meta("rights/metadata", CategoryRights, "exif:Artist", "h1", 0.9)},
			[]string{"pii/author", "rights/metadata"}},
		{"other field or value kept",
			[]Finding{meta("pii/author", CategoryPII, "exif:Artist", "h1", 0.8), meta("pii/name", CategoryPII, "iptc:By-line", "h1", 0.7), meta("pii/name", CategoryPII, "exif:Artist", "h2", 0.7)},
			[]string{"pii/author", "pii/name", "pii/name"}},
		{"content findings all kept",
			[]Finding{content("pii/name", "h1", 10), content("pii/name", "h1", 50)},
			[]string{"pii/name", "pii/name"}},
		{"field read from the file's own text",
			[]Finding{meta("pii/author", CategoryPII, "yaml:name", "h1", 0.8), content("pii/name", "h1", 30), meta("pii/name", CategoryPII, "yaml:name", "h2", 0.7)},
			[]string{"pii/name", "pii/name"}},
		{"content of another category keeps the field",
			[]Finding{meta("rights/metadata", CategoryRights, "xmp:dc:creator", "h1", 0.9), content("pii/name", "h1", 30)},
			[]string{"rights/metadata", "pii/name"}},
		{"page link or comment shown in the page's text",
			[]Finding{meta("link", CategoryPII, "html:link:mailto", "h1", 0.95), text("text", "h1", 9), meta("comment h1", CategoryPII, "html:comment", "h1", 0.95), meta("comment h2", CategoryPII, "html:comment", "h2", 0.95)},
			[]string{"text", "comment h2"}},
		{"other fields shown in the text are kept",
			[]Finding{meta("pii/author", CategoryPII, "html:meta:author", "h1", 0.8), text("pii/name", "h1", 9)},
			[]string{"pii/author", "pii/name"}},
		{"unsealed findings kept",
			[]Finding{meta("pii/name", CategoryPII, "f", "", 0.7), meta("pii/author", CategoryPII, "f", "", 0.8)},
			[]string{"pii/name", "pii/author"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, f := range DropRepeats(slices.Clone(c.in)) {
				got = append(got, f.Detector)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("kept %v, want %v", got, c.want)
			}
		})
	}
}
